import { createMemcachedPool } from '@catalog/contract/memcached-pool';
import { CacheError, type Cache } from './cache';
import { CircuitBreaker, type CircuitState } from './circuit-breaker';
import { withDeadline } from './deadline';

/**
 * memjs' own per-connection timeout: on expiry it closes the connection and fails every request on it, and its
 * timer fires before replies already received are read when the process lags. It only has to catch a dead
 * connection; `opTimeoutMs` (lag-tolerant, per call) bounds the wait.
 */
const MEMJS_TIMEOUT_MS = 2_000;

export type MemjsCacheOptions = {
  /** `host:port` of every server of the pool; keys are spread over them by rendezvous hashing. */
  servers: string[];
  /** Our own deadline per operation: memjs' own timeouts are per attempt and per connection. */
  opTimeoutMs: number;
  breakerFailures: number;
  breakerCooldownMs: number;
  onCircuitChange?: (state: CircuitState) => void;
  /** Where memjs' own log lines go (it writes to the console by default). */
  log?: (message: string) => void;
};

/**
 * Memcached through memjs, each call bounded by `opTimeoutMs` and guarded by a circuit breaker (one for
 * the whole pool). Keys are routed like the indexer routes its invalidations (`createMemcachedPool`).
 */
export function createMemjsCache(options: MemjsCacheOptions): Cache & { circuit: () => CircuitState } {
  if (options.servers.length === 0) throw new Error('createMemjsCache: at least one server');
  if (!(options.opTimeoutMs > 0)) throw new Error('createMemjsCache: opTimeoutMs must be > 0');
  const pool = createMemcachedPool(options.servers, {
    // No retries and a short deadline per call (below): a miss from a sick cache is cheaper than waiting for it.
    retries: 0,
    timeout: Math.max(MEMJS_TIMEOUT_MS, options.opTimeoutMs) / 1000,
    conntimeout: Math.max(MEMJS_TIMEOUT_MS, options.opTimeoutMs * 2) / 1000,
    keepAlive: true,
    logger: { log: (...args: unknown[]) => options.log?.(args.map(String).join(' ')) },
  });
  const breaker = new CircuitBreaker({
    failureThreshold: options.breakerFailures,
    cooldownMs: options.breakerCooldownMs,
    onStateChange: options.onCircuitChange,
  });
  const call = <T>(what: string, fn: () => Promise<T>): Promise<T> =>
    breaker.run(async () => {
      try {
        return await withDeadline(fn(), options.opTimeoutMs, () => new CacheError('timeout', `memcached ${what} took over ${options.opTimeoutMs} ms`));
      } catch (err) {
        throw err instanceof CacheError ? err : new CacheError('unavailable', `memcached ${what} failed`, { cause: err });
      }
    });
  let closed = false;
  return {
    circuit: () => breaker.current,
    get: (key) =>
      call('get', async () => {
        const { value } = await pool.clientFor(key).get(key);
        return value === null ? undefined : value.toString('utf8');
      }),
    set: (key, value, ttlSeconds) =>
      call('set', async () => {
        await pool.clientFor(key).set(key, value, { expires: ttlSeconds });
      }),
    add: (key, value, ttlSeconds) =>
      call('add', async () => {
        // memjs resolves false when the key exists (NOT_STORED) and rejects on real errors.
        return pool.clientFor(key).add(key, value, { expires: ttlSeconds });
      }),
    delete: (key) =>
      call('delete', async () => {
        await pool.clientFor(key).delete(key);
      }),
    close: async () => {
      if (closed) return;
      closed = true;
      pool.close();
    },
  };
}
