import { Client } from '@elastic/elasticsearch';
import { PubSub } from '@google-cloud/pubsub';
import memjs from 'memjs';
import type { Logger } from 'pino';

/** Elasticsearch client: no transport retries, because the bulk writer decides what is retried. */
export function createEsClient(options: { url: string; requestTimeoutMs: number }): Client {
  return new Client({ node: options.url, requestTimeout: options.requestTimeoutMs, maxRetries: 0 });
}

/**
 * Pub/Sub client: the emulator when `emulatorHost` is set (no credential or metadata lookups), real
 * Google Cloud Pub/Sub with application default credentials otherwise.
 */
export function createPubSub(options: { projectId: string; emulatorHost?: string | undefined }): PubSub {
  if (!options.emulatorHost) return new PubSub({ projectId: options.projectId });
  return new PubSub({ projectId: options.projectId, apiEndpoint: options.emulatorHost, emulatorMode: true });
}

/** Memcached pool (comma-separated servers = failover pool); memjs's own chatter goes to debug logs. */
export function createMemcached(options: { servers: readonly string[]; timeoutMs: number; log: Logger }): memjs.Client {
  return memjs.Client.create(options.servers.join(','), {
    timeout: options.timeoutMs / 1000,
    retries: 1,
    failover: true,
    logger: { log: (...args: unknown[]) => options.log.debug({ memjs: args.map(String).join(' ') }, 'memjs') },
  });
}
