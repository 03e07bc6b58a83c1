import type { Admission } from './admission';
import type { Cache } from './cache';

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

const defaultSleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/**
 * Look-aside caching with admission and stampede protection: concurrent misses for one key in this process
 * share one computation; across instances the first to `add` a short lock computes while the others poll
 * the key for a moment. Every cache failure is reported and treated as a miss.
 */
export class LookAside {
  private readonly inflight = new Map<string, Promise<Cached>>();
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

  /**
   * The cached value of `key`, or `compute()`'s result (stored when admitted). A cached value that `accept` refuses
   * (too old, or not in the caller's format: the caller reports that) counts as a miss and is replaced.
   */
  get(kind: CacheKind, key: string, ttlSeconds: number, compute: () => Promise<string>, accept: (value: string) => boolean = () => true): Promise<Cached> {
    const running = this.inflight.get(key);
    if (running) return running;
    const promise = this.lookup(kind, key, ttlSeconds, compute, accept).finally(() => this.inflight.delete(key));
    this.inflight.set(key, promise);
    return promise;
  }

  /** Compute without the cache (e.g. the generation is unknown) but still coalesce identical calls. */
  bypass(key: string, compute: () => Promise<string>): Promise<Cached> {
    const k = `bypass:${key}`;
    const running = this.inflight.get(k);
    if (running) return running;
    const promise = compute()
      .then((value) => ({ value, hit: false }))
      .finally(() => this.inflight.delete(k));
    this.inflight.set(k, promise);
    return promise;
  }

  private async lookup(kind: CacheKind, key: string, ttlSeconds: number, compute: () => Promise<string>, accept: (value: string) => boolean): Promise<Cached> {
    const cached = await this.safe('get', () => this.options.cache.get(key));
    if (cached.ok && cached.value !== undefined) {
      if (accept(cached.value)) {
        this.options.onOutcome?.(kind, 'hit');
        return { value: cached.value, hit: true };
      }
    }
    this.options.onOutcome?.(kind, cached.ok ? 'miss' : 'error');
    const admitted = this.options.admission.record(key);
    // Only a key that will be stored is worth waiting for; a broken cache is not worth a lock.
    let locked = false;
    if (admitted && cached.ok) {
      const lock = await this.safe('add', () => this.options.cache.add(`${key}:lock`, '1', this.options.lockTtlSeconds));
      locked = lock.ok && lock.value;
      if (lock.ok && !lock.value) {
        const other = await this.waitForOther(key, accept);
        if (other !== undefined) {
          this.options.onOutcome?.(kind, 'hit');
          return { value: other, hit: true };
        }
      }
    }
    try {
      const value = await compute();
      if (admitted && cached.ok) await this.safe('set', () => this.options.cache.set(key, value, ttlSeconds));
      return { value, hit: false };
    } finally {
      if (locked) await this.safe('delete', () => this.options.cache.delete(`${key}:lock`));
    }
  }

  private async waitForOther(key: string, accept: (value: string) => boolean): Promise<string | undefined> {
    const deadline = this.now() + this.options.lockWaitMs;
    const poll = this.options.lockPollMs ?? 20;
    while (this.now() < deadline) {
      await this.sleep(poll);
      const r = await this.safe('get', () => this.options.cache.get(key));
      if (!r.ok) return undefined;
      if (r.value !== undefined && accept(r.value)) return r.value;
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
