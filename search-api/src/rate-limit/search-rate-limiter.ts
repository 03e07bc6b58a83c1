import { rateLimitKeyPrefix } from '@catalog/contract';
import type { PointsLimiter } from '@catalog/contract/http';
import { createMemcachedPool } from '@catalog/contract/memcached-pool';
import { RateLimiterMemcache, RateLimiterMemory } from 'rate-limiter-flexible';
import { CircuitBreaker, type CircuitState } from '../cache/circuit-breaker';
import { memjsStoreClient } from './memjs-store-client';

export type SearchRateLimiterOptions = {
  /** Requests per client and window. */
  points: number;
  windowSeconds: number;
  alias: string;
  /** Memcached servers that share the counts across instances; undefined = this process only. */
  memcached?: {
    servers: string[];
    opTimeoutMs: number;
    breakerFailures: number;
    breakerCooldownMs: number;
    onCircuitChange?: (state: CircuitState) => void;
    /** Every failed memcached operation; the decision then falls back to the in-memory limiter. */
    onStoreError?: (err: unknown) => void;
    log?: (message: string) => void;
  };
};

/**
 * The public API's per-client limiter: a fixed window per client counted in Memcached, so that every search-api
 * instance sees the same count. When Memcached fails, each instance goes on with an in-memory limiter of the same
 * size (rate-limiter-flexible's insurance limiter): a client can then get up to N × points through N instances,
 * which still bounds it, instead of failing open to no limit at all.
 */
export function createSearchRateLimiter(options: SearchRateLimiterOptions): { limiter: PointsLimiter; close: () => void } {
  const { points, windowSeconds } = options;
  if (!(points >= 1 && windowSeconds >= 1)) throw new Error('createSearchRateLimiter: points and windowSeconds must be ≥ 1');
  const keyPrefix = rateLimitKeyPrefix(options.alias);
  const memory = new RateLimiterMemory({ points, duration: windowSeconds, keyPrefix });
  const m = options.memcached;
  if (!m) return { limiter: memory, close: () => {} };
  const pool = createMemcachedPool(m.servers, {
    retries: 0,
    timeout: m.opTimeoutMs / 1000,
    conntimeout: (m.opTimeoutMs * 2) / 1000,
    keepAlive: true,
    logger: { log: (...args: unknown[]) => m.log?.(args.map(String).join(' ')) },
  });
  const breaker = new CircuitBreaker({ failureThreshold: m.breakerFailures, cooldownMs: m.breakerCooldownMs, onStateChange: m.onCircuitChange });
  const limiter = new RateLimiterMemcache({
    storeClient: memjsStoreClient({ pool, opTimeoutMs: m.opTimeoutMs, breaker, onError: m.onStoreError }),
    points,
    duration: windowSeconds,
    keyPrefix,
    // A client over its limit is refused from memory for the rest of the window: a flood costs memcached nothing.
    inMemoryBlockOnConsumed: points + 1,
    insuranceLimiter: memory,
  });
  return { limiter, close: () => pool.close() };
}
