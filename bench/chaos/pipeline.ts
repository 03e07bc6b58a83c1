/**
 * The whole pipeline on a private stack: its own Elasticsearch, emulator and Memcached (private-stack.ts),
 * topics, subscriptions and index, and the three processes (inventory with its SQLite master, indexer,
 * search API) as child processes with a log file per life. Chaos and scale runs build on it.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { pino } from 'pino';
import type { Client } from '@elastic/elasticsearch';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { startAppProcess, waitForReady, type AppProcess } from '../../stack/src/app-processes';
import { freePort } from '../../test/integration/helpers';
import { setupTopology } from '../../stack/src/setup-topology';
import { MasterStore } from '../../inventory-simulator/src/store/master-store';
import { startPrivateStack, type PrivateService, type PrivateStack } from './private-stack';
import { rssMb } from './probes';

/** The project's three processes. */
export type AppName = 'inventory' | 'indexer' | 'search';

export type PipelineOptions = {
  name: string;
  /**
   * The private services' ports and the three processes' (all distinct from the shared stack's). A process port
   * left out is a free one taken when the process first starts and kept for its restarts: chosen earlier, it could
   * be taken by someone else while the services start.
   */
  ports: { elasticsearch: number; emulator: number; memcached: number } & Partial<Record<AppName, number>>;
  esHeapMb: number;
  emulatorHeapMb?: number;
  /** Extra environment of the three processes (e.g. a shorter LEASE_SECONDS). */
  env?: Record<string, string>;
};

export type Pipeline = {
  stack: PrivateStack;
  /** The environment the processes run with (also right for a CLI such as `npm run seed`). */
  env: NodeJS.ProcessEnv;
  token: string;
  dbPath: string;
  /** The chaos process's own handle on the master (SQLite allows a writer per process). */
  store: MasterStore;
  es: Client;
  procs: Record<AppName, AppProcess | undefined>;
  url: (which: AppName) => string;
  /** Start (or restart) one process and wait until it answers /healthz. */
  start: (which: AppName) => Promise<void>;
  /** Lives started so far per process (log files are `<name>-<life>.log`). */
  lives: Record<AppName, number>;
  /** Peak resident memory (MB) seen so far per process, sampled every `sampleMs`. */
  peaks: Record<string, number>;
  /** Also sample this pid under this name (e.g. a seeding CLI). */
  watch: (name: string, pid: number | undefined) => void;
  /** Lines of a process's logs (all lives) containing `text`. */
  countInLogs: (which: AppName, text: string) => Promise<number>;
  stop: (options?: { remove?: boolean }) => Promise<void>;
};

const WORKSPACE: Record<AppName, 'inventory-simulator' | 'indexer' | 'search-api'> = { inventory: 'inventory-simulator', indexer: 'indexer', search: 'search-api' };

/** Starts the private stack, creates the topology and index, and starts the three processes. */
export async function startPipeline(options: PipelineOptions, sampleMs = 2000): Promise<Pipeline> {
  const stack = await startPrivateStack({
    name: options.name,
    esPort: options.ports.elasticsearch,
    emulatorPort: options.ports.emulator,
    memcachedPort: options.ports.memcached,
    esHeapMb: options.esHeapMb,
    ...(options.emulatorHeapMb ? { emulatorHeapMb: options.emulatorHeapMb } : {}),
  });
  const dbPath = join(stack.root, 'inventory.sqlite');
  const token = randomBytes(16).toString('hex');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ...stack.env,
    ADMIN_TOKEN: token,
    INDEX_ALIAS: 'products',
    LOG_LEVEL: 'info',
    RATE_LIMIT_ENABLED: 'false',
    INVENTORY_DB_PATH: dbPath,
    ...options.env,
  };
  const store = new MasterStore(dbPath);
  const es = createElasticsearchClient({ ELASTICSEARCH_URL: stack.env.ELASTICSEARCH_URL ?? '' }, { requestTimeoutMs: 120_000 });
  const procs: Record<AppName, AppProcess | undefined> = { inventory: undefined, indexer: undefined, search: undefined };
  const lives: Record<AppName, number> = { inventory: 0, indexer: 0, search: 0 };
  const ports: Partial<Record<AppName, number>> = { inventory: options.ports.inventory, indexer: options.ports.indexer, search: options.ports.search };
  const extra = new Map<string, number | undefined>();
  const peaks: Record<string, number> = {};
  const servicePid = (service: PrivateService): number | undefined => {
    try {
      return stack.pid(service);
    } catch {
      return undefined;
    }
  };
  const sampler = setInterval(() => {
    const pids: Record<string, number | undefined> = {
      elasticsearch: servicePid('elasticsearch'),
      emulator: servicePid('emulator'),
      memcached: servicePid('memcached'),
      indexer: procs.indexer?.pid,
      inventory: procs.inventory?.pid,
      'search-api': procs.search?.pid,
      ...Object.fromEntries(extra),
    };
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name] ?? 0, rssMb(pid) ?? 0);
  }, sampleMs);
  const start = async (which: AppName) => {
    lives[which] += 1;
    const port = (ports[which] ??= await freePort());
    const proc = startAppProcess({ name: which, workspace: WORKSPACE[which], port, env, logFile: join(stack.root, 'logs', `${which}-${lives[which]}.log`) });
    procs[which] = proc;
    await waitForReady(`http://127.0.0.1:${port}/healthz`, proc, 120_000);
  };
  const stop = async (how: { remove?: boolean } = {}) => {
    clearInterval(sampler);
    await Promise.all(Object.values(procs).map((p) => p?.stop('SIGTERM', 15_000)));
    store.close();
    await es.close();
    await stack.stop(how);
  };
  try {
    await setupTopology(env, pino({ level: 'silent' }));
    await Promise.all([start('inventory'), start('indexer'), start('search')]);
  } catch (err) {
    await stop();
    throw err;
  }
  return {
    stack,
    env,
    token,
    dbPath,
    store,
    es,
    procs,
    url: (which) => {
      const port = ports[which];
      if (port === undefined) throw new Error(`${which} has no port before it first starts`);
      return `http://127.0.0.1:${port}`;
    },
    start,
    lives,
    peaks,
    watch: (name, pid) => void extra.set(name, pid),
    countInLogs: async (which, text) => {
      let n = 0;
      for (let life = 1; life <= lives[which]; life++) {
        const content = await readFile(join(stack.root, 'logs', `${which}-${life}.log`), 'utf8').catch(() => '');
        n += content.split('\n').filter((line) => line.includes(text)).length;
      }
      return n;
    },
    stop,
  };
}
