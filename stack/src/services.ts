import type { Logger } from 'pino';
import { describeError } from '@catalog/contract/process';
import { elasticsearchAddress, elasticsearchPid, elasticsearchReady, ensureElasticsearch, stopElasticsearch } from './elasticsearch';
import type { EnsureResult, ServiceOptions } from './ensure-service';
import { ensureMemcached, memcachedAddress, memcachedReady, stopMemcached } from './memcached';
import { pidFile } from './paths';
import { livePid, type ProcessWatch } from './process-utils';
import { ensurePubsubEmulator, pubsubAddress, pubsubReady, stopPubsubEmulator } from './pubsub-emulator';

export type { EnsureResult, ServiceOptions } from './ensure-service';

/** The services of the local stack, in start order (slowest first). */
export const SERVICE_NAMES = ['elasticsearch', 'pubsub-emulator', 'memcached'] as const;

/** One of the local stack's services. */
export type ServiceName = (typeof SERVICE_NAMES)[number];

const ensurers: Record<ServiceName, (options: ServiceOptions, log: Logger) => Promise<EnsureResult>> = {
  elasticsearch: ensureElasticsearch,
  'pubsub-emulator': ensurePubsubEmulator,
  memcached: ensureMemcached,
};

const stoppers: Record<ServiceName, (log: Logger, graceMs?: number) => Promise<boolean>> = {
  elasticsearch: stopElasticsearch,
  'pubsub-emulator': stopPubsubEmulator,
  memcached: stopMemcached,
};

/**
 * Ensures the given services in parallel (all three by default); waits for every one, then throws
 * one error naming each failure so a slow ES never hides a missing emulator. `watch` gives each service
 * the callbacks about a copy this call starts.
 */
export async function ensureServices(
  options: ServiceOptions,
  log: Logger,
  names: readonly ServiceName[] = SERVICE_NAMES,
  watch?: (name: ServiceName) => ProcessWatch,
): Promise<Partial<Record<ServiceName, EnsureResult>>> {
  const settled = await Promise.allSettled(names.map((name) => ensurers[name](watch ? { ...options, watch: watch(name) } : options, log)));
  const results: Partial<Record<ServiceName, EnsureResult>> = {};
  const failures: Error[] = [];
  settled.forEach((outcome, index) => {
    const name = names[index];
    if (name === undefined) return;
    if (outcome.status === 'fulfilled') results[name] = outcome.value;
    else failures.push(new Error(`${name}: ${describeError(outcome.reason)}`, { cause: outcome.reason }));
  });
  if (failures.length === 1 && failures[0]) throw failures[0];
  if (failures.length > 1) throw new AggregateError(failures, failures.map((failure) => failure.message).join('; '));
  return results;
}

/**
 * The environment the stack's processes should use: configured addresses, or the local defaults.
 * PUBSUB_EMULATOR_HOST is always set, since leaving it out would point the Pub/Sub client at real Google Cloud.
 */
export function stackEnv(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  return {
    ...env,
    ELASTICSEARCH_URL: elasticsearchAddress(env).url,
    PUBSUB_EMULATOR_HOST: pubsubAddress(env).address,
    MEMCACHED_SERVERS: env.MEMCACHED_SERVERS || memcachedAddress(env).address,
  };
}

/**
 * Stops every service the stack started (from its pid files), each with SIGKILL after `graceMs`; returns the
 * names of those it stopped.
 */
export async function stopServices(log: Logger, names: readonly ServiceName[] = SERVICE_NAMES, graceMs?: number): Promise<ServiceName[]> {
  const stopped = await Promise.all(names.map(async (name) => ((await stoppers[name](log, graceMs)) ? name : undefined)));
  return stopped.filter((name): name is ServiceName => name !== undefined);
}

/** Whether a service answers at its configured address and whether this stack started it. */
export interface ServiceStatus {
  name: ServiceName;
  address: string;
  ready: boolean;
  /** Pid of the copy this stack started, when it is alive. */
  pid: number | undefined;
}

/** Reports each service's address, readiness and (if the stack started it) pid. */
export async function servicesStatus(env: NodeJS.ProcessEnv = process.env): Promise<ServiceStatus[]> {
  const es = elasticsearchAddress(env);
  const pubsub = pubsubAddress(env);
  const memcached = memcachedAddress(env);
  return Promise.all([
    (async (): Promise<ServiceStatus> => ({
      name: 'elasticsearch',
      address: es.url,
      ready: await elasticsearchReady(es.url),
      pid: await elasticsearchPid(),
    }))(),
    (async (): Promise<ServiceStatus> => ({
      name: 'pubsub-emulator',
      address: pubsub.address,
      ready: await pubsubReady(pubsub.host, pubsub.port),
      pid: await livePid(pidFile('pubsub-emulator'), 'cloud-pubsub-emulator'),
    }))(),
    (async (): Promise<ServiceStatus> => ({
      name: 'memcached',
      address: memcached.address,
      ready: await memcachedReady(memcached.host, memcached.port),
      pid: await livePid(pidFile('memcached'), 'memcached'),
    }))(),
  ]);
}
