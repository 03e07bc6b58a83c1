import type { Generation } from './generation';
import { entryUse, type StaleBound, type StampedEntry } from './stamped-entry';

/**
 * Refresh-ahead for the hot set: popular cached searches are recomputed in the background once the index moved on and
 * they passed the refresh age, even when no request arrives, within a budget of searches per second. Without it a key
 * asked less often than once per staleness bound always misses under a steady change stream (every bump makes every
 * entry old); with it the hottest keys that fit the budget stay servable. The bound does not move: a refreshed entry
 * carries the generation and the start of its own search, exactly like one a request computed.
 *
 * Only keys this process found in the cache are tracked (they were admitted), with a decayed request count; the
 * hottest due keys go first. A key whose entry another instance (or a request) already refreshed costs a memcached read,
 * not a search, and no budget.
 */
export type RefreshAheadOptions = {
  /** Searches per second this process may spend; 0 turns refresh-ahead off. */
  perSecond: number;
  /** Most keys tracked; the least requested are forgotten first. */
  maxKeys: number;
  bound: StaleBound;
  /** The current generation (undefined: memcached did not answer, nothing is refreshed). */
  generation: () => Promise<Generation | undefined>;
  /**
   * Refresh `key` under `generation` with `compute` (the search of the request that last asked for it): resolves the
   * entry the cache holds afterwards and whether this call ran a search.
   */
  refresh: (key: string, compute: () => Promise<string>, generation: Generation) => Promise<RefreshResult>;
  onError?: (err: unknown) => void;
  onRefresh?: (outcome: RefreshOutcome) => void;
  tickMs?: number;
  halfLifeMs?: number;
  now?: () => number;
};

export type RefreshResult = { searched: boolean; entry: StampedEntry | undefined };
/** `searched`: one search spent; `fresh`: the entry was already fresh (a memcached read); `failed`: reported. */
export type RefreshOutcome = 'searched' | 'fresh' | 'failed';

/** A tracked key: its decayed request count as of `at`, the stamp of its entry as last seen, and how to recompute it. */
export type TrackedKey = { count: number; at: number; stamp: StampedEntry | undefined; compute: () => Promise<string>; busy: boolean };

/** Requests within about a half-life weigh more than older ones: the count halves every `halfLifeMs`. */
export const decayed = (count: number, at: number, now: number, halfLifeMs: number): number => count * 2 ** (-(now - at) / halfLifeMs);

/**
 * A key is worth a search when it is expected to be asked at least this many times within one bound (its decayed
 * count over a half-life estimates its rate); a colder key's refresh would mostly be thrown away.
 */
export const MIN_USES_PER_BOUND = 0.25;

/**
 * The keys to refresh now, hottest first, at most `limit`: tracked, not being refreshed, expected to be asked, and whose
 * entry as last seen is past the refresh age under an older generation (or past the bound). Pure.
 */
export function pickDue(
  keys: ReadonlyMap<string, TrackedKey>,
  o: { now: number; current: string; bound: StaleBound; halfLifeMs: number; limit: number },
): string[] {
  if (o.limit <= 0) return [];
  const minCount = (MIN_USES_PER_BOUND * o.halfLifeMs) / Math.LN2 / Math.max(o.bound.staleMaxMs, 1);
  const due: [string, number][] = [];
  for (const [key, t] of keys) {
    if (t.busy || t.stamp === undefined || entryUse(t.stamp, o.current, o.now, o.bound) === 'serve') continue;
    const count = decayed(t.count, t.at, o.now, o.halfLifeMs);
    if (count >= minCount) due.push([key, count]);
  }
  return due
    .sort((a, b) => b[1] - a[1])
    .slice(0, o.limit)
    .map(([key]) => key);
}

/** In-flight refreshes at once: a slow Elasticsearch slows refresh-ahead down instead of piling searches on it. */
export const maxConcurrentRefreshes = (perSecond: number): number => Math.min(8, Math.max(1, Math.ceil(perSecond / 5)));

export class RefreshAhead {
  private readonly keys = new Map<string, TrackedKey>();
  private readonly now: () => number;
  private readonly halfLifeMs: number;
  private tokens = 0;
  private refilledAt: number;
  private running = 0;
  private timer: NodeJS.Timeout | undefined;
  private ticking = false;

  constructor(private readonly options: RefreshAheadOptions) {
    if (options.maxKeys < 1) throw new Error('RefreshAhead: maxKeys must be ≥ 1');
    this.now = options.now ?? Date.now;
    this.halfLifeMs = options.halfLifeMs ?? 30_000;
    this.refilledAt = this.now();
  }

  get enabled(): boolean {
    return this.options.perSecond > 0 && this.options.bound.refreshAfterMs < this.options.bound.staleMaxMs;
  }

  /** Tracked keys (for tests). */
  get size(): number {
    return this.keys.size;
  }

  /** A request for `key`: counts it and keeps its computation (the newest request's) for later refreshes. */
  requested(key: string, compute: () => Promise<string>): void {
    if (!this.enabled) return;
    const now = this.now();
    const t = this.keys.get(key);
    if (t) {
      t.count = decayed(t.count, t.at, now, this.halfLifeMs) + 1;
      t.at = now;
      t.compute = compute;
      return;
    }
    this.keys.set(key, { count: 1, at: now, stamp: undefined, compute, busy: false });
    if (this.keys.size > this.options.maxKeys * 1.25) this.prune(now);
    this.start();
  }

  /** The entry of `key` as read from (or written to) the cache: a key is only refreshed once it was seen there. */
  seen(key: string, stamp: StampedEntry): void {
    const t = this.keys.get(key);
    if (t && (t.stamp === undefined || stamp.computedAt >= t.stamp.computedAt)) t.stamp = stamp;
  }

  stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }

  /** One round: spends the budget earned since the last one on the hottest due keys. Exposed for tests. */
  async tick(): Promise<void> {
    if (this.ticking) return;
    this.ticking = true;
    try {
      const now = this.now();
      const perSecond = this.options.perSecond;
      // At most one second of budget is saved up: an idle minute does not buy a burst of searches.
      this.tokens = Math.min(Math.max(1, perSecond), this.tokens + (perSecond * (now - this.refilledAt)) / 1000);
      this.refilledAt = now;
      const limit = Math.min(Math.floor(this.tokens), maxConcurrentRefreshes(perSecond) - this.running);
      if (limit <= 0) return;
      const generation = await this.options.generation();
      if (generation === undefined) return;
      const due = pickDue(this.keys, { now: this.now(), current: generation.value, bound: this.options.bound, halfLifeMs: this.halfLifeMs, limit });
      for (const key of due) this.refreshOne(key, generation);
    } finally {
      this.ticking = false;
    }
  }

  private refreshOne(key: string, generation: Generation): void {
    const t = this.keys.get(key);
    if (!t) return;
    t.busy = true;
    this.running++;
    this.tokens--;
    this.options
      .refresh(key, t.compute, generation)
      .then(
        (r) => {
          if (r.entry) this.seen(key, r.entry);
          // Only a search spends budget; an entry someone else refreshed cost a memcached read.
          if (!r.searched) this.tokens = Math.min(this.tokens + 1, Math.max(1, this.options.perSecond));
          this.options.onRefresh?.(r.searched ? 'searched' : 'fresh');
        },
        (err: unknown) => {
          // Forget the stamp: the key is retried once a request has seen its entry again.
          t.stamp = undefined;
          this.options.onError?.(err);
          this.options.onRefresh?.('failed');
        },
      )
      .finally(() => {
        t.busy = false;
        this.running--;
      });
  }

  private start(): void {
    if (this.timer) return;
    const timer = setInterval(() => {
      this.tick().catch((err: unknown) => this.options.onError?.(err));
    }, this.options.tickMs ?? 100);
    timer.unref();
    this.timer = timer;
  }

  /** Keeps the `maxKeys` most requested keys. */
  private prune(now: number): void {
    const ranked = [...this.keys].map(([key, t]) => [key, decayed(t.count, t.at, now, this.halfLifeMs)] as const).sort((a, b) => a[1] - b[1]);
    for (const [key] of ranked.slice(0, this.keys.size - this.options.maxKeys)) this.keys.delete(key);
  }
}
