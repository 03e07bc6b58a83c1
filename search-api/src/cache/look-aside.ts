import type { Admission } from './admission';
import type { Cache } from './cache';
import type { EntryUse } from './stamped-entry';

/** Which cached response family a call belongs to (metrics label). */
export type CacheKind = 'search' | 'autocomplete' | 'product';
export type CacheOutcome = 'hit' | 'miss' | 'error';

export type LookAsideOptions = {
  cache: Cache;
  admission: Admission;
  /** The stampede lock's lifetime: longer than the slowest computation we expect. */
  lockTtlSeconds: number;
  /** How long a request waits for another instance that holds the lock before computing itself. */
  lockWaitMs: number;
  lockPollMs?: number;
  onOutcome?: (kind: CacheKind, outcome: CacheOutcome) => void;
  onError?: (err: unknown, op: string) => void;
  sleep?: (ms: number) => Promise<void>;
  now?: () => number;
};

export type Cached = { value: string; hit: boolean };
type Looked = Cached & { outcome: CacheOutcome };

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Look-aside caching with admission and stampede protection: concurrent misses for one key in this process
 * share one computation; across instances the first to `add` a short lock computes while the others poll
 * the key for a moment. Every cache failure is reported and treated as a miss. A cached value the caller
 * marks `refresh` answers at once and is recomputed in the background, once per key at a time (in this process,
 * and across instances through the same lock). Outcomes are counted per caller: a request that joined another's
 * computation waited for it (a miss), one that joined another's cache read was answered from the cache (a hit).
 */
export class LookAside {
  private readonly inflight = new Map<string, Promise<Looked>>();
  /** Background refreshes by key: the stored value when it was stored, undefined when another instance held the lock. */
  private readonly refreshing = new Map<string, Promise<string | undefined>>();
  private readonly sleep: (ms: number) => Promise<void>;
  private readonly now: () => number;

  constructor(private readonly options: LookAsideOptions) {
    this.sleep = options.sleep ?? defaultSleep;
    this.now = options.now ?? Date.now;
  }

  /** Number of distinct keys being computed right now (for tests and metrics). */
  get pending(): number {
    return this.inflight.size;
  }

  /** Number of background refreshes running (for tests). */
  get refreshes(): number {
    return this.refreshing.size;
  }

  /**
   * The cached value of `key`, or `compute()`'s result (stored when admitted). A cached value that `accept` refuses
   * (too old, or not in the caller's format: the caller reports that) counts as a miss and is replaced; one it
   * marks `refresh` answers and is replaced in the background.
   */
  async get(kind: CacheKind, key: string, ttlSeconds: number, compute: () => Promise<string>, accept: (value: string) => EntryUse = () => 'serve'): Promise<Cached> {
    let running = this.inflight.get(key);
    if (!running) {
      running = this.lookup(key, ttlSeconds, compute, accept).finally(() => this.inflight.delete(key));
      this.inflight.set(key, running);
    }
    const { value, hit, outcome } = await running.catch((err: unknown) => {
      this.options.onOutcome?.(kind, 'miss');
      throw err;
    });
    this.options.onOutcome?.(kind, outcome);
    return { value, hit };
  }

  /** Compute without the cache (e.g. the generation is unknown) but still coalesce identical calls. */
  bypass(key: string, compute: () => Promise<string>): Promise<Cached> {
    const k = `bypass:${key}`;
    const running = this.inflight.get(k);
    if (running) return running;
    const promise = compute()
      .then((value): Looked => ({ value, hit: false, outcome: 'error' }))
      .finally(() => this.inflight.delete(k));
    this.inflight.set(k, promise);
    return promise;
  }

  private async lookup(key: string, ttlSeconds: number, compute: () => Promise<string>, accept: (value: string) => EntryUse): Promise<Looked> {
    const cached = await this.safe('get', () => this.options.cache.get(key));
    if (cached.ok && cached.value !== undefined) {
      const use = accept(cached.value);
      if (use === 'refresh') void this.refresh(key, ttlSeconds, compute);
      if (use !== 'refuse') return { value: cached.value, hit: true, outcome: 'hit' };
      // Past the bound while this process refreshes it: wait for that search instead of making another.
      const refreshed = await this.refreshing.get(key);
      if (refreshed !== undefined) return { value: refreshed, hit: false, outcome: 'miss' };
    }
    const outcome = cached.ok ? 'miss' : 'error';
    const admitted = this.options.admission.record(key);
    // Only a key that will be stored is worth waiting for; a broken cache is not worth a lock.
    let locked = false;
    if (admitted && cached.ok) {
      const lock = await this.safe('add', () => this.options.cache.add(`${key}:lock`, '1', this.options.lockTtlSeconds));
      locked = lock.ok && lock.value;
      if (lock.ok && !lock.value) {
        const other = await this.waitForOther(key, accept);
        if (other !== undefined) return { value: other, hit: true, outcome: 'hit' };
      }
    }
    try {
      const value = await compute();
      if (admitted && cached.ok) await this.safe('set', () => this.options.cache.set(key, value, ttlSeconds));
      return { value, hit: false, outcome };
    } finally {
      if (locked) await this.safe('delete', () => this.options.cache.delete(`${key}:lock`));
    }
  }

  /**
   * Recompute and store `key` in the background unless a refresh of it runs here or in another instance (the lock).
   * A failure is reported (`refresh`) and leaves the old value, which answers until the caller refuses it. Resolves the
   * stored value, or undefined when nothing was stored (another instance held the lock, or the search failed); undefined
   * at once when a refresh of `key` already runs in this process. Also used without a request (refresh-ahead).
   */
  refresh(key: string, ttlSeconds: number, compute: () => Promise<string>): Promise<string | undefined> | undefined {
    if (this.refreshing.has(key)) return undefined;
    const run = async (): Promise<string | undefined> => {
      const lock = await this.safe('add', () => this.options.cache.add(`${key}:lock`, '1', this.options.lockTtlSeconds));
      if (!lock.ok || !lock.value) return undefined;
      try {
        const value = await compute();
        await this.safe('set', () => this.options.cache.set(key, value, ttlSeconds));
        return value;
      } finally {
        await this.safe('delete', () => this.options.cache.delete(`${key}:lock`));
      }
    };
    const promise = run()
      .catch((err: unknown) => {
        this.options.onError?.(err, 'refresh');
        return undefined;
      })
      .finally(() => this.refreshing.delete(key));
    this.refreshing.set(key, promise);
    return promise;
  }

  private async waitForOther(key: string, accept: (value: string) => EntryUse): Promise<string | undefined> {
    const deadline = this.now() + this.options.lockWaitMs;
    const poll = this.options.lockPollMs ?? 20;
    while (this.now() < deadline) {
      await this.sleep(poll);
      const r = await this.safe('get', () => this.options.cache.get(key));
      if (!r.ok) return undefined;
      if (r.value !== undefined && accept(r.value) !== 'refuse') return r.value;
    }
    return undefined;
  }

  private async safe<T>(op: string, fn: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false }> {
    try {
      return { ok: true, value: await fn() };
    } catch (err) {
      this.options.onError?.(err, op);
      return { ok: false };
    }
  }
}
