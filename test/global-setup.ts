import { pino } from 'pino';
import type { TestProject } from 'vitest/node';
import { dockerAvailable, startContainers } from '../stack/src/containers';
import { ensureServices, SERVICE_NAMES, stackEnv, stopServices, type ServiceName } from '../stack/src/services';
import { setupTopology } from '../stack/src/setup-topology';

declare module 'vitest' {
  export interface ProvidedContext {
    elasticsearchUrl: string;
    pubsubEmulatorHost: string;
    memcachedServers: string;
  }
}

const ENV_KEY: Record<ServiceName, string> = {
  elasticsearch: 'ELASTICSEARCH_URL',
  'pubsub-emulator': 'PUBSUB_EMULATOR_HOST',
  memcached: 'MEMCACHED_SERVERS',
};

/**
 * Provides the stack for the integration project: services named in the env are used as they are; the others come
 * from containers when a Docker engine answers, else from the native local stack. Returns the teardown.
 */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  // Quiet by default: the teardown runs after vitest's summary, which should stay the last thing printed.
  const log = pino({ name: 'global-setup', level: process.env.TEST_LOG_LEVEL || 'warn' }, pino.destination(2));
  const teardowns: Array<() => Promise<unknown>> = [];

  const teardown = async (): Promise<void> => {
    for (const step of teardowns.reverse()) await step();
  };
  try {
    const missing = SERVICE_NAMES.filter((name) => !process.env[ENV_KEY[name]]);
    const mode = process.env.CATALOG_STACK; // 'native' or 'docker' forces a variant
    const useDocker = missing.length > 0 && mode !== 'native' && (mode === 'docker' || (await dockerAvailable(log)));
    if (useDocker) {
      const containers = await startContainers(missing, log);
      Object.assign(process.env, containers.env);
      teardowns.push(containers.stop);
    }
    // Native: starts what is not reachable; for services given in the env (or just containerised) it only checks.
    const results = await ensureServices({ env: process.env }, log);
    const started = SERVICE_NAMES.filter((name) => results[name]?.started);
    if (started.length > 0 && process.env.CATALOG_KEEP_STACK !== '1') teardowns.push(() => stopServices(log, started));

    // Workers inherit process.env, so the Pub/Sub client in tests talks to the emulator without further ado.
    Object.assign(process.env, stackEnv(process.env));
    await setupTopology(process.env, log);

    project.provide('elasticsearchUrl', process.env.ELASTICSEARCH_URL ?? '');
    project.provide('pubsubEmulatorHost', process.env.PUBSUB_EMULATOR_HOST ?? '');
    project.provide('memcachedServers', process.env.MEMCACHED_SERVERS ?? '');
    log.info({ docker: useDocker, started }, 'stack ready for integration tests');
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}
