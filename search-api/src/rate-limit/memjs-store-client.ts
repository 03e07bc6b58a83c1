import type { MemcachedPool } from '@catalog/contract/memcached-pool';
import { withTimeout } from '@catalog/contract/process';
import { CacheError } from '../cache/cache';
import type { CircuitBreaker } from '../cache/circuit-breaker';

type Callback<T> = (err: unknown, value?: T) => void;

/**
 * The subset of the `memcached` package's callback API that rate-limiter-flexible's `RateLimiterMemcache`
 * calls (`lib/RateLimiterMemcache.js`): `incr` must fail with `false` on a missing key (the store then `add`s it
 * with the window's TTL), `get` gives numbers and `false` when absent.
 */
export type MemcacheStoreClient = {
  get(key: string, cb: Callback<number | false>): void;
  set(key: string, value: number, lifetimeSeconds: number, cb: Callback<boolean>): void;
  add(key: string, value: number, lifetimeSeconds: number, cb: Callback<boolean>): void;
  incr(key: string, amount: number, cb: Callback<number | false>): void;
  del(key: string, cb: Callback<boolean>): void;
};

export type MemjsStoreClientOptions = {
  /** The rendezvous-hashed pool: each key (and its `_expire` twin) always goes to the server that owns it. */
  pool: MemcachedPool;
  /** Own deadline per operation; a decision takes two or three of them. */
  opTimeoutMs: number;
  /** Fails fast while memcached is known to be down, so the insurance limiter answers at once. */
  breaker: CircuitBreaker;
  onError?: (err: unknown) => void;
};

/** Binary-protocol "increment with expiration 0xffffffff": fail with NOT_FOUND instead of creating the key. */
const MUST_EXIST = 0xffffffff;
const NOT_FOUND = /key not found/i;

/**
 * `RateLimiterMemcache`'s client over the project's memjs pool. memjs differs from the `memcached` package in
 * three ways that matter here: its `increment` creates a missing key without expiry (a window that never ends),
 * values come back as Buffers, and it has no per-call deadline; this adapter fixes all three.
 */
export function memjsStoreClient(options: MemjsStoreClientOptions): MemcacheStoreClient {
  const { pool, breaker } = options;
  const call = <T>(what: string, fn: () => Promise<T>, cb: Callback<T>): void => {
    breaker
      .run(() =>
        withTimeout(fn(), options.opTimeoutMs, () => new CacheError('timeout', `memcached ${what} took over ${options.opTimeoutMs} ms`)),
      )
      .then(
        (value) => cb(null, value),
        (err: unknown) => {
          options.onError?.(err);
          cb(err instanceof CacheError ? err : new CacheError('unavailable', `memcached ${what} failed`, { cause: err }));
        },
      );
  };
  const client = (key: string) => pool.clientFor(key);
  return {
    get: (key, cb) =>
      call(
        'get',
        async () => {
          const { value } = await client(key).get(key);
          if (value === null) return false;
          const n = Number(value.toString('utf8'));
          return Number.isFinite(n) ? n : false;
        },
        cb,
      ),
    set: (key, value, lifetimeSeconds, cb) => call('set', () => client(key).set(key, String(value), { expires: lifetimeSeconds }), cb),
    add: (key, value, lifetimeSeconds, cb) => call('add', () => client(key).add(key, String(value), { expires: lifetimeSeconds }), cb),
    incr: (key, amount, cb) =>
      call(
        'incr',
        async () => {
          try {
            const { value } = await client(key).increment(key, amount, { expires: MUST_EXIST });
            return typeof value === 'number' ? value : false;
          } catch (err) {
            // A missing key is an answer, not a failure of memcached (and must not trip the breaker).
            if (err instanceof Error && NOT_FOUND.test(err.message)) return false;
            throw err;
          }
        },
        cb,
      ),
    del: (key, cb) => call('delete', () => client(key).delete(key), cb),
  };
}
