import type { Logger } from 'pino';
import { z } from 'zod';
import { generateProduct } from '../catalog/generator';
import { intBetween, mixSeed, mulberry32, type Rng } from '../catalog/random';
import type { MasterStore } from '../store/master-store';
import { CHANGE_KINDS, DEFAULT_MIX, changed, chooseKind, type ChangeKind } from './change-mix';

/** What a simulation run is asked to do. */
export const SimulationOptions = z
  .object({
    /** Changes per second (a burst counts each of its events). */
    rate: z.number().positive().max(10_000),
    /** Stops by itself after this long; absent = until stopped (at most a day). */
    durationSeconds: z.number().positive().max(86_400).optional(),
    seed: z.number().int().min(0).max(2 ** 32 - 1).default(1),
  })
  .strict();
export type SimulationOptions = z.infer<typeof SimulationOptions>;

export type SimulationStatus = {
  running: boolean;
  options?: SimulationOptions;
  startedAt?: string;
  stoppedAt?: string;
  /** Events accepted into the outbox, per kind of change and in total. */
  published: Record<ChangeKind, number> & { total: number };
  /** Events per second achieved since the start. */
  achievedRate: number;
};

/** Thrown by `start` when a simulation already runs (the route answers 409). */
export class SimulationRunningError extends Error {
  constructor() {
    super('a simulation is already running; stop it first');
    this.name = 'SimulationRunningError';
  }
}

export type SimulatorDeps = { store: MasterStore; onAccepted: () => void; log: Logger; tickMs?: number; now?: () => Date };

const HOT_SET_SIZE = 20;
const zeroCounts = () => ({ ...Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0])), total: 0 }) as SimulationStatus['published'];

/**
 * Writes a realistic stream of changes into the master store (so they travel the real outbox → Pub/Sub path).
 * Each tick applies the changes due at `rate` in one transaction; state lives only in this object.
 */
export class Simulator {
  private timer: NodeJS.Timeout | undefined;
  private rng: Rng = mulberry32(1);
  private hot: string[] = [];
  private nextNewIndex = 0;
  private startedMs = 0;
  private done = 0;
  private current: Omit<SimulationStatus, 'achievedRate'> = { running: false, published: zeroCounts() };
  private finished: (() => void)[] = [];
  private readonly tickMs: number;
  private readonly now: () => Date;

  constructor(private readonly deps: SimulatorDeps) {
    this.tickMs = deps.tickMs ?? 100;
    this.now = deps.now ?? (() => new Date());
  }

  /** Start a run; throws SimulationRunningError when one is running. */
  start(input: SimulationOptions): SimulationStatus {
    if (this.current.running) throw new SimulationRunningError();
    const options = SimulationOptions.parse(input);
    this.rng = mulberry32(mixSeed(options.seed, 0x51e));
    const counts = this.deps.store.counts();
    // New products continue the generated catalog's numbering, far enough out to not collide with the seed.
    this.nextNewIndex = counts.live + counts.deleted + intBetween(this.rng, 1_000_000, 2_000_000);
    this.hot = this.pickHot();
    this.startedMs = this.now().getTime();
    this.done = 0;
    this.current = { running: true, options, startedAt: this.now().toISOString(), published: zeroCounts() };
    this.timer = setInterval(() => this.tick(), this.tickMs);
    this.deps.log.info({ options, hot: this.hot.length }, 'simulation started');
    return this.status();
  }

  /** Stop the run (idempotent); resolves `runFor` callers. */
  stop(): SimulationStatus {
    if (this.current.running) {
      clearInterval(this.timer);
      this.current = { ...this.current, running: false, stoppedAt: this.now().toISOString() };
      this.deps.log.info({ published: this.current.published }, 'simulation stopped');
      this.finished.splice(0).forEach((resolve) => resolve());
    }
    return this.status();
  }

  status(): SimulationStatus {
    const end = this.current.stoppedAt ? Date.parse(this.current.stoppedAt) : this.now().getTime();
    const seconds = Math.max(0.001, (end - this.startedMs) / 1000);
    return { ...this.current, achievedRate: this.current.startedAt ? Math.round((this.current.published.total / seconds) * 10) / 10 : 0 };
  }

  /** Start and resolve with the final status when the run ends (duration elapsed or `stop`). */
  async runFor(options: SimulationOptions): Promise<SimulationStatus> {
    const ended = new Promise<void>((resolve) => this.finished.push(resolve));
    this.start(options);
    await ended;
    return this.status();
  }

  private tick(): void {
    const options = this.current.options;
    if (!options) return;
    const elapsedMs = this.now().getTime() - this.startedMs;
    const endMs = options.durationSeconds === undefined ? Infinity : options.durationSeconds * 1000;
    const due = Math.floor((Math.min(elapsedMs, endMs) / 1000) * options.rate) - this.done;
    if (due > 0) {
      try {
        this.deps.store.batch(() => {
          let left = due;
          while (left > 0) left -= this.applyOne(left);
        });
        this.deps.onAccepted();
      } catch (err) {
        // A failed tick (disk full, lock timeout) is logged and the run goes on; nothing half-written stays.
        this.deps.log.warn({ err }, 'simulation tick failed');
      }
      this.done += due;
    }
    if (elapsedMs >= endMs) this.stop();
  }

  /** Apply one change (a burst may apply several, at most `budget`); returns how many events it made. */
  private applyOne(budget: number): number {
    const kind = chooseKind(this.rng, DEFAULT_MIX);
    const at = this.now();
    if (kind === 'new') {
      const product = generateProduct(mixSeed(this.current.options?.seed ?? 1, 7), this.nextNewIndex);
      this.deps.store.upsert({ ...product, createdAt: at.toISOString(), updatedAt: at.toISOString() }, at);
      this.nextNewIndex += 1;
      return this.count(kind, 1);
    }
    const id = kind === 'burst' && this.hot.length > 0 ? this.hot[intBetween(this.rng, 0, this.hot.length - 1)] : this.deps.store.liveIdAt(this.rng());
    const record = id === undefined ? undefined : this.deps.store.get(id);
    // Nothing live (or a hot product was deleted): the attempt still uses budget, so a tick always ends.
    if (!record) return 1;
    if (kind === 'delete') {
      this.deps.store.delete(record.product.id, at);
      return this.count(kind, 1);
    }
    const events = kind === 'burst' ? Math.min(budget, intBetween(this.rng, 5, 20)) : 1;
    let product = record.product;
    for (let i = 0; i < events; i++) {
      product = changed(kind, product, this.rng, at);
      this.deps.store.upsert(product, at);
    }
    return this.count(kind, events);
  }

  private count(kind: ChangeKind, n: number): number {
    this.current.published[kind] += n;
    this.current.published.total += n;
    return n;
  }

  private pickHot(): string[] {
    const ids = new Set<string>();
    for (let i = 0; i < HOT_SET_SIZE * 2 && ids.size < HOT_SET_SIZE; i++) {
      const id = this.deps.store.liveIdAt(this.rng());
      if (id) ids.add(id);
    }
    return [...ids];
  }
}
