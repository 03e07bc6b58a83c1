import type { Logger } from 'pino';
import type { StartedTestContainer } from 'testcontainers';
import { runCommand } from './process-utils';
import type { ServiceName } from './services';

/** Images of the Docker variant of the stack (the same as in docker-compose.yml). */
export const IMAGES: Record<ServiceName, string> = {
  elasticsearch: 'docker.elastic.co/elasticsearch/elasticsearch:8.19.21',
  'pubsub-emulator': 'gcr.io/google.com/cloudsdktool/google-cloud-cli:emulators',
  memcached: 'memcached:1.6',
};

/** Containers started for a test run: the environment that points at them, and how to remove them. */
export interface StartedContainers {
  env: Record<string, string>;
  stop: () => Promise<void>;
}

/** Whether a Docker (or compatible) engine answers; testcontainers' own probe is only tried when the CLI says yes. */
export async function dockerAvailable(log: Logger): Promise<boolean> {
  try {
    if ((await runCommand('docker', ['info'])).code !== 0) return false;
  } catch {
    // no docker CLI; testcontainers may still find a socket
  }
  try {
    const { getContainerRuntimeClient } = await import('testcontainers');
    await getContainerRuntimeClient();
    return true;
  } catch (error) {
    log.debug({ err: error }, 'no container runtime');
    return false;
  }
}

async function startOne(name: ServiceName): Promise<{ env: Record<string, string>; container: StartedTestContainer }> {
  const { GenericContainer, Wait } = await import('testcontainers');
  switch (name) {
    case 'elasticsearch': {
      const container = await new GenericContainer(IMAGES.elasticsearch)
        .withEnvironment({ 'discovery.type': 'single-node', 'xpack.security.enabled': 'false', ES_JAVA_OPTS: '-Xms1g -Xmx1g' })
        .withExposedPorts(9200)
        .withWaitStrategy(Wait.forHttp('/_cluster/health?wait_for_status=yellow&timeout=1s', 9200).forStatusCode(200))
        .withStartupTimeout(120_000)
        .start();
      return { container, env: { ELASTICSEARCH_URL: `http://${container.getHost()}:${container.getMappedPort(9200)}` } };
    }
    case 'pubsub-emulator': {
      const container = await new GenericContainer(IMAGES['pubsub-emulator'])
        .withCommand(['gcloud', 'beta', 'emulators', 'pubsub', 'start', '--host-port=0.0.0.0:8085'])
        .withExposedPorts(8085)
        .withWaitStrategy(Wait.forHttp('/', 8085).forStatusCode(200))
        .withStartupTimeout(60_000)
        .start();
      return { container, env: { PUBSUB_EMULATOR_HOST: `${container.getHost()}:${container.getMappedPort(8085)}` } };
    }
    case 'memcached': {
      const container = await new GenericContainer(IMAGES.memcached).withExposedPorts(11211).withWaitStrategy(Wait.forListeningPorts()).start();
      return { container, env: { MEMCACHED_SERVERS: `${container.getHost()}:${container.getMappedPort(11211)}` } };
    }
  }
}

/** Starts containers for the given services in parallel; on any failure removes those that did start. */
export async function startContainers(names: readonly ServiceName[], log: Logger): Promise<StartedContainers> {
  log.info({ services: names }, 'starting containers');
  const settled = await Promise.allSettled(names.map((name) => startOne(name)));
  const started = settled.flatMap((outcome) => (outcome.status === 'fulfilled' ? [outcome.value] : []));
  const stop = async (): Promise<void> => {
    await Promise.all(started.map(({ container }) => container.stop()));
  };
  const failed = settled.find((outcome): outcome is PromiseRejectedResult => outcome.status === 'rejected');
  if (failed) {
    await stop();
    throw new Error('starting the stack in containers failed', { cause: failed.reason });
  }
  return { env: started.reduce<Record<string, string>>((all, { env }) => ({ ...all, ...env }), {}), stop };
}
