/**
 * A chaos run on a private stack: seed a catalog, run a change stream through the real pipeline (inventory
 * outbox → Pub/Sub → indexer → Elasticsearch, search API in front) while faults are injected, then compare
 * the inventory master with the index and report. Nothing touches the shared stack.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { startAppProcess, waitForReady, type AppProcess } from '../../stack/src/app-processes';
import { setupTopology } from '../../stack/src/setup-topology';
import { generateProduct } from '../../inventory-simulator/src/catalog/generator';
import { seedCatalog } from '../../inventory-simulator/src/catalog/seed-catalog';
import { Simulator } from '../../inventory-simulator/src/simulate/simulator';
import { MasterStore } from '../../inventory-simulator/src/store/master-store';
import { compareMasterToIndex, converged, type Comparison } from './compare';
import { answersByWindow, lagPercentile, recoveryMs, type FaultWindow, type WindowFigures } from './figures';
import { readDeadLetters, readIndex, readMaster } from './read-state';
import { startPrivateStack, type PrivateService, type PrivateStack } from './private-stack';
import { adminBursts, canary, rssMb, searchLoad } from './probes';

export type FaultKind = 'kill-indexer' | 'pause-elasticsearch' | 'pause-memcached' | 'kill-inventory';
/** A fault at a fraction of the stream's duration; pauses last `seconds`, killed processes restart after it. */
export type FaultPlan = { kind: FaultKind; at: number; seconds: number };

export type ChaosOptions = {
  name: string;
  products: number;
  updates: number;
  rate: number;
  faults: FaultPlan[];
  convergeTimeoutMs: number;
  /** The private services' ports and the three processes' (all distinct from the shared stack's). */
  ports: { elasticsearch: number; emulator: number; memcached: number; search: number; inventory: number; indexer: number };
  esHeapMb: number;
  /** Delete the private stack's folder at the end (tests); a CLI run keeps it for its logs. */
  removeWhenDone?: boolean;
  /** Extra environment of the three processes (e.g. a shorter LEASE_SECONDS). */
  env?: Record<string, string>;
  progress?: (line: string) => void;
};

export type ChaosReport = {
  updates: { simulated: number; adminAccepted: number; canary: number; total: number };
  products: number;
  comparison: Comparison;
  convergedAfterStreamMs: number | undefined;
  deadLetters: { stored: number; valid: number; poison: number; recoveredByIndexer: number };
  windows: (WindowFigures & { recoveryMs?: number | undefined; from: number; to: number })[];
  canaryLagMs: { p50?: number | undefined; p99?: number | undefined; changes: number };
  peakRssMb: Record<string, number>;
  durationS: number;
};

/** The full scenario of issue 13: two indexer kills, a 30 s Elasticsearch pause, a 15 s Memcached pause, an inventory kill. */
export const FULL_FAULTS: FaultPlan[] = [
  { kind: 'kill-indexer', at: 0.12, seconds: 2 },
  { kind: 'pause-elasticsearch', at: 0.25, seconds: 30 },
  { kind: 'pause-memcached', at: 0.5, seconds: 15 },
  { kind: 'kill-inventory', at: 0.65, seconds: 3 },
  { kind: 'kill-indexer', at: 0.8, seconds: 2 },
];

const silent = pino({ level: 'silent' });

/** "Fresh again": a change visible through the search API within the stated cache staleness bound (SKPL NF-FRESH-02). */
export const FRESH_BOUND_MS = 5000;

export async function runChaos(options: ChaosOptions): Promise<ChaosReport> {
  const say = options.progress ?? (() => {});
  const started = Date.now();
  say(`starting a private stack (.local/chaos/${options.name}: ES ${options.ports.elasticsearch}, emulator ${options.ports.emulator}, memcached ${options.ports.memcached})`);
  const stack = await startPrivateStack({ name: options.name, esPort: options.ports.elasticsearch, emulatorPort: options.ports.emulator, memcachedPort: options.ports.memcached, esHeapMb: options.esHeapMb });
  const procs: Record<'inventory' | 'indexer' | 'search', AppProcess | undefined> = { inventory: undefined, indexer: undefined, search: undefined };
  const store = new MasterStore(join(stack.root, 'inventory.sqlite'));
  const es = createElasticsearchClient({ ELASTICSEARCH_URL: stack.env.ELASTICSEARCH_URL ?? '' }, { requestTimeoutMs: 60_000 });
  const token = randomBytes(16).toString('hex');
  const env = { ...process.env, ...stack.env, ADMIN_TOKEN: token, INDEX_ALIAS: 'products', LOG_LEVEL: 'info', RATE_LIMIT_ENABLED: 'false', INVENTORY_DB_PATH: join(stack.root, 'inventory.sqlite'), ...options.env };
  const ports = { inventory: options.ports.inventory, indexer: options.ports.indexer, search: options.ports.search };
  const lives = { inventory: 0, indexer: 0, search: 0 };
  const start = async (which: keyof typeof procs) => {
    const workspace = which === 'inventory' ? 'inventory-simulator' : which === 'indexer' ? 'indexer' : 'search-api';
    lives[which] += 1;
    const proc = startAppProcess({ name: which, workspace, port: ports[which], env, logFile: join(stack.root, 'logs', `${which}-${lives[which]}.log`) });
    procs[which] = proc;
    await waitForReady(`http://127.0.0.1:${ports[which]}/healthz`, proc, 120_000);
  };
  const url = (which: keyof typeof ports) => `http://127.0.0.1:${ports[which]}`;
  const peaks: Record<string, number> = {};
  const sampler = setInterval(() => {
    const pids: Record<string, number | undefined> = {
      elasticsearch: safePid(stack, 'elasticsearch'),
      emulator: safePid(stack, 'emulator'),
      memcached: safePid(stack, 'memcached'),
      indexer: procs.indexer?.pid,
      inventory: procs.inventory?.pid,
      'search-api': procs.search?.pid,
    };
    for (const [name, pid] of Object.entries(pids)) peaks[name] = Math.max(peaks[name] ?? 0, rssMb(pid) ?? 0);
  }, 2000);

  try {
    await setupTopology(env, silent);
    await Promise.all([start('inventory'), start('indexer'), start('search')]);
    say(`seeding ${options.products} products`);
    await seedCatalog({ store, count: options.products, seed: 42 });
    const seeded = await waitConverged(store, es, 300_000);
    if (!seeded.ok) throw new Error(`the seed did not reach the index: ${JSON.stringify(seeded.comparison.examples.slice(0, 3))}`);

    const durationS = Math.max(1, Math.round(options.updates / options.rate));
    say(`change stream: ${options.updates} updates at ${options.rate}/s for ${durationS} s; faults: ${options.faults.map((f) => `${f.kind}@${Math.round(f.at * durationS)}s`).join(', ')}`);
    const live = () => store.liveIdAt(Math.random());
    const load = searchLoad(url('search'), 125, live);
    const probe = canary(url('inventory'), url('search'), token, { ...generateProduct(99, 0), id: 'CHAOS-CANARY' });
    const bursts = adminBursts(url('inventory'), token, 5000, 10, live, (n) => ({ ...generateProduct(77, n), id: `CHAOS-NEW-${n}` }));
    const simulator = new Simulator({ store, onAccepted: () => {}, log: silent });
    const streamStart = Date.now();
    const windows: FaultWindow[] = [];
    const faults = (async () => {
      for (const fault of [...options.faults].sort((a, b) => a.at - b.at)) {
        await sleep(Math.max(0, streamStart + fault.at * durationS * 1000 - Date.now()));
        const from = Date.now();
        say(`fault: ${fault.kind} (${fault.seconds} s)`);
        await inject(fault, stack, procs, start);
        windows.push({ name: fault.kind, from, to: Date.now() });
      }
    })();
    const status = await simulator.runFor({ rate: options.rate, durationSeconds: durationS, seed: 7 });
    await faults;
    await Promise.all([probe.stop(), bursts.stop()]);
    const streamEnd = Date.now();
    say(`stream done (${status.published.total} simulated, ${bursts.counts.accepted} admin changes); waiting for the index to converge`);
    const result = await waitConverged(store, es, options.convergeTimeoutMs);
    if (!result.ok) say(`not converged; indexer says: ${await indexerFigures(url('indexer'))}`);
    await load.stop();
    const deadLetters = await readDeadLetters(url('indexer'), token);
    const recovered = await countInLogs(stack.root, 'indexer', lives.indexer, 'valid update recovered');
    return {
      updates: { simulated: status.published.total, adminAccepted: bursts.counts.accepted, canary: probe.changes.length, total: status.published.total + bursts.counts.accepted + probe.changes.length },
      products: result.comparison.products,
      comparison: result.comparison,
      convergedAfterStreamMs: result.ok ? result.at - streamEnd : undefined,
      deadLetters: { ...deadLetters, recoveredByIndexer: recovered },
      // Rows come in the windows' order, then "no fault".
      windows: answersByWindow(load.answers, windows, 10_000).map((row, i) => {
        const w = windows[i];
        return { ...row, from: w ? Math.round((w.from - streamStart) / 1000) : 0, to: w ? Math.round((w.to - streamStart) / 1000) : durationS, recoveryMs: w ? recoveryMs(probe.changes, w.to, FRESH_BOUND_MS) : undefined };
      }),
      canaryLagMs: { p50: lagPercentile(probe.changes, 50), p99: lagPercentile(probe.changes, 99), changes: probe.changes.length },
      peakRssMb: peaks,
      durationS: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    clearInterval(sampler);
    say('stopping');
    await Promise.all(Object.values(procs).map((p) => p?.stop('SIGTERM', 15_000)));
    store.close();
    await es.close();
    await stack.stop({ remove: options.removeWhenDone === true });
    say('stopped');
  }
}

const safePid = (stack: PrivateStack, service: PrivateService): number | undefined => {
  try {
    return stack.pid(service);
  } catch {
    return undefined;
  }
};

async function inject(
  fault: FaultPlan,
  stack: PrivateStack,
  procs: Record<'inventory' | 'indexer' | 'search', AppProcess | undefined>,
  start: (which: 'inventory' | 'indexer') => Promise<void>,
): Promise<void> {
  const pause = async (service: PrivateService) => {
    const pid = stack.pid(service);
    process.kill(pid, 'SIGSTOP');
    try {
      await sleep(fault.seconds * 1000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  };
  const kill = async (which: 'inventory' | 'indexer') => {
    await procs[which]?.stop('SIGKILL', 0);
    await sleep(fault.seconds * 1000);
    await start(which);
  };
  switch (fault.kind) {
    case 'pause-elasticsearch':
      return pause('elasticsearch');
    case 'pause-memcached':
      return pause('memcached');
    case 'kill-indexer':
      return kill('indexer');
    case 'kill-inventory':
      return kill('inventory');
  }
}

/** Poll until the index equals the master or the time is up. */
async function waitConverged(store: MasterStore, es: Parameters<typeof readIndex>[0], timeoutMs: number): Promise<{ ok: boolean; at: number; comparison: Comparison }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const comparison = compareMasterToIndex(readMaster(store), await readIndex(es, 'products').catch(() => new Map()));
    if (converged(comparison)) return { ok: true, at: Date.now(), comparison };
    if (Date.now() > deadline) return { ok: false, at: Date.now(), comparison };
    await sleep(2000);
  }
}

/** The indexer's own counters, for the report of a run that did not converge. */
async function indexerFigures(indexerUrl: string): Promise<string> {
  const text = await fetch(`${indexerUrl}/metrics`, { signal: AbortSignal.timeout(5000) }).then((r) => r.text(), (err: unknown) => String(err));
  return text
    .split('\n')
    .filter((line) => /^indexer_(messages|pull|lease|paused|dead|cache)/.test(line))
    .join('; ');
}

async function countInLogs(root: string, name: string, lives: number, text: string): Promise<number> {
  let n = 0;
  for (let life = 1; life <= lives; life++) {
    const content = await readFile(join(root, 'logs', `${name}-${life}.log`), 'utf8').catch(() => '');
    n += content.split('\n').filter((line) => line.includes(text)).length;
  }
  return n;
}
