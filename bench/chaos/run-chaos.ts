/**
 * A chaos run on a private stack: seed a catalog, run a change stream through the real pipeline (inventory
 * outbox → Pub/Sub → indexer → Elasticsearch, search API in front) while faults are injected, then compare
 * the inventory master with the index and report. Nothing touches the shared stack.
 */
import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import { pino } from 'pino';
import { generateProduct } from '../../inventory-simulator/src/catalog/generator';
import { seedCatalog } from '../../inventory-simulator/src/catalog/seed-catalog';
import { Simulator } from '../../inventory-simulator/src/simulate/simulator';
import { MasterStore } from '../../inventory-simulator/src/store/master-store';
import { compareMasterToIndex, converged, type Comparison } from './compare';
import { answersByWindow, lagPercentile, recoveryMs, type FaultWindow, type WindowFigures } from './figures';
import { readDeadLetters, readIndex, readMaster } from './read-state';
import { startPipeline, type Pipeline, type PipelineOptions } from './pipeline';
import type { PrivateService } from './private-stack';
import { adminBursts, canary, searchLoad } from './probes';

export type FaultKind = 'kill-indexer' | 'pause-elasticsearch' | 'pause-memcached' | 'kill-inventory';
/** A fault at a fraction of the stream's duration; pauses last `seconds`, killed processes restart after it. */
export type FaultPlan = { kind: FaultKind; at: number; seconds: number };

export type ChaosOptions = PipelineOptions & {
  products: number;
  updates: number;
  rate: number;
  faults: FaultPlan[];
  convergeTimeoutMs: number;
  /** Delete the private stack's folder at the end (tests); a CLI run keeps it for its logs. */
  removeWhenDone?: boolean;
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
  const p = await startPipeline(options);
  try {
    say(`seeding ${options.products} products`);
    await seedCatalog({ store: p.store, count: options.products, seed: 42 });
    const seeded = await waitConverged(p.store, p.es, 300_000);
    if (!seeded.ok) throw new Error(`the seed did not reach the index: ${JSON.stringify(seeded.comparison.examples.slice(0, 3))}`);

    const durationS = Math.max(1, Math.round(options.updates / options.rate));
    say(`change stream: ${options.updates} updates at ${options.rate}/s for ${durationS} s; faults: ${options.faults.map((f) => `${f.kind}@${Math.round(f.at * durationS)}s`).join(', ')}`);
    const live = () => p.store.liveIdAt(Math.random());
    const load = searchLoad(p.url('search'), 125, live);
    const probe = canary(p.url('inventory'), p.url('search'), p.token, { ...generateProduct(99, 0), id: 'CHAOS-CANARY' });
    const bursts = adminBursts(p.url('inventory'), p.token, 5000, 10, live, (n) => ({ ...generateProduct(77, n), id: `CHAOS-NEW-${n}` }));
    const simulator = new Simulator({ store: p.store, onAccepted: () => {}, log: silent });
    const streamStart = Date.now();
    const windows: FaultWindow[] = [];
    const faults = (async () => {
      for (const fault of [...options.faults].sort((a, b) => a.at - b.at)) {
        await sleep(Math.max(0, streamStart + fault.at * durationS * 1000 - Date.now()));
        const from = Date.now();
        say(`fault: ${fault.kind} (${fault.seconds} s)`);
        await inject(fault, p);
        windows.push({ name: fault.kind, from, to: Date.now() });
      }
    })();
    const status = await simulator.runFor({ rate: options.rate, durationSeconds: durationS, seed: 7 });
    await faults;
    await Promise.all([probe.stop(), bursts.stop()]);
    const streamEnd = Date.now();
    say(`stream done (${status.published.total} simulated, ${bursts.counts.accepted} admin changes); waiting for the index to converge`);
    const result = await waitConverged(p.store, p.es, options.convergeTimeoutMs);
    if (!result.ok) say(`not converged; indexer says: ${await indexerFigures(p.url('indexer'))}`);
    await load.stop();
    const deadLetters = await readDeadLetters(p.url('indexer'), p.token);
    const recovered = await p.countInLogs('indexer', 'valid update recovered');
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
      peakRssMb: { ...p.peaks },
      durationS: Math.round((Date.now() - started) / 1000),
    };
  } finally {
    say('stopping');
    await p.stop({ remove: options.removeWhenDone === true });
    say('stopped');
  }
}

async function inject(fault: FaultPlan, p: Pipeline): Promise<void> {
  const pause = async (service: PrivateService) => {
    const pid = p.stack.pid(service);
    process.kill(pid, 'SIGSTOP');
    try {
      await sleep(fault.seconds * 1000);
    } finally {
      process.kill(pid, 'SIGCONT');
    }
  };
  const kill = async (which: 'inventory' | 'indexer') => {
    await p.procs[which]?.stop('SIGKILL', 0);
    await sleep(fault.seconds * 1000);
    await p.start(which);
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
export async function waitConverged(store: MasterStore, es: Client, timeoutMs: number): Promise<{ ok: boolean; at: number; comparison: Comparison }> {
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
