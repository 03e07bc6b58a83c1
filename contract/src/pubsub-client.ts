import { PubSub, type ClientConfig } from '@google-cloud/pubsub';

/** Where Pub/Sub is: the `PUBSUB_*` variables of `CommonEnv` (unset emulator host = real Google Cloud Pub/Sub). */
export type PubSubConnection = {
  PUBSUB_PROJECT_ID: string;
  PUBSUB_EMULATOR_HOST?: string | undefined;
};

/** The client options for a connection; every process, CLI, test and benchmark builds its client from these. */
export function pubSubClientConfig(connection: PubSubConnection): ClientConfig {
  const projectId = connection.PUBSUB_PROJECT_ID;
  // Real Google Cloud: application default credentials, found the usual way.
  if (!connection.PUBSUB_EMULATOR_HOST) return { projectId };
  return {
    projectId,
    apiEndpoint: connection.PUBSUB_EMULATOR_HOST,
    // Plain-text gRPC and no credentials, whatever the host name looks like.
    emulatorMode: true,
    // With the universe named, google-auth-library never looks for application default credentials, so it never
    // probes for a GCE metadata server (which prints a MetadataLookupWarning off Google Cloud).
    universeDomain: 'googleapis.com',
  };
}

/** The Pub/Sub client of a process: the emulator when `PUBSUB_EMULATOR_HOST` is set, Google Cloud otherwise. */
export function createPubSubClient(connection: PubSubConnection): PubSub {
  return new PubSub(pubSubClientConfig(connection));
}
