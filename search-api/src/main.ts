import { serve } from '@hono/node-server';
import { Registry } from 'prom-client';
import { createLogger, handleShutdown } from '@catalog/contract/process';
import { ConfigError } from '@catalog/contract';
import { clientKeyOf } from '@catalog/contract/http';
import { SearchRecorder } from './analytics/search-recorder';
import { createSearchApp } from './app';
import { createMemjsCache } from './cache/memjs-cache';
import { createNoCache } from './cache/no-cache';
import { loadConfig, type SearchApiConfig } from './config';
import { createEsClient } from './es/es-client';
import { createEsGateway } from './es/es-gateway';
import { createMetrics } from './metrics';
import { createSearchRateLimiter } from './rate-limit/search-rate-limiter';

function config(): SearchApiConfig {
  try {
    return loadConfig(process.env);
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(`search-api: ${err.message}`);
      process.exit(2);
    }
    throw err;
  }
}

const cfg = config();
const log = createLogger('search-api', cfg.LOG_LEVEL);
const registry = new Registry();
const metrics = createMetrics(registry, { defaults: true });
const es = createEsClient(cfg, { requestTimeoutMs: cfg.ES_REQUEST_TIMEOUT_MS, maxRetries: cfg.ES_MAX_RETRIES });
const backend = createEsGateway({ client: es, alias: cfg.INDEX_ALIAS, metrics });
const cache = cfg.CACHE_ENABLED
  ? createMemjsCache({
      servers: cfg.MEMCACHED_SERVERS,
      opTimeoutMs: cfg.CACHE_OP_TIMEOUT_MS,
      breakerFailures: cfg.CACHE_BREAKER_FAILURES,
      breakerCooldownMs: cfg.CACHE_BREAKER_COOLDOWN_MS,
      onCircuitChange: (state) => {
        metrics.cacheCircuitOpen.set(state === 'open' ? 1 : 0);
        log.warn({ state }, 'memcached circuit breaker changed state');
      },
      log: (message) => log.debug({ memjs: message }, 'memjs'),
    })
  : createNoCache();
const recorder = cfg.ANALYTICS_ENABLED
  ? new SearchRecorder({
      sink: (records) => backend.recordSearches(records),
      flushEveryMs: cfg.ANALYTICS_FLUSH_MS,
      maxBatch: cfg.ANALYTICS_MAX_BATCH,
      maxBuffer: cfg.ANALYTICS_MAX_BUFFER,
      onError: (err) => log.warn({ err }, 'analytics flush failed; kept for the next one'),
      onDrop: (count) => metrics.analyticsDropped.inc(count),
      onFlush: (info) => log.debug(info, 'analytics flushed'),
    })
  : undefined;

const rateLimit = cfg.RATE_LIMIT_ENABLED
  ? createSearchRateLimiter({
      points: cfg.RATE_LIMIT_REQUESTS,
      windowSeconds: cfg.RATE_LIMIT_WINDOW_S,
      alias: cfg.INDEX_ALIAS,
      memcached:
        cfg.RATE_LIMIT_STORE === 'memcached'
          ? {
              servers: cfg.MEMCACHED_SERVERS,
              opTimeoutMs: cfg.CACHE_OP_TIMEOUT_MS,
              breakerFailures: cfg.CACHE_BREAKER_FAILURES,
              breakerCooldownMs: cfg.CACHE_BREAKER_COOLDOWN_MS,
              onStoreError: () => metrics.rateLimitStoreErrors.inc(),
              onCircuitChange: (state) =>
                state === 'open'
                  ? log.warn('memcached unreachable for rate limiting: each instance limits clients on its own until it is back')
                  : log.info({ state }, 'rate limiter memcached circuit changed state'),
              log: (message) => log.debug({ memjs: message }, 'memjs (rate limit)'),
            }
          : undefined,
    })
  : undefined;

let accepting = true;
const app = createSearchApp({
  backend,
  cache,
  alias: cfg.INDEX_ALIAS,
  log,
  registry,
  metrics,
  corsOrigins: cfg.CORS_ORIGINS.split(',').map((s) => s.trim()).filter(Boolean),
  algoliaIndexName: cfg.ALGOLIA_INDEX_NAME,
  isAccepting: () => accepting,
  clientKey: clientKeyOf(cfg.TRUST_PROXY_HOPS),
  rateLimiter: rateLimit?.limiter,
  onSearch: recorder ? (q, hits) => recorder.record(q, hits) : undefined,
  settings: {
    searchTtlSeconds: cfg.CACHE_SEARCH_TTL_S,
    productTtlSeconds: cfg.CACHE_PRODUCT_TTL_S,
    admissionMinHits: cfg.CACHE_ADMISSION_MIN_HITS,
    admissionWindowMs: cfg.CACHE_ADMISSION_WINDOW_MS,
    admissionMaxKeys: cfg.CACHE_ADMISSION_MAX_KEYS,
    generationRefreshMs: cfg.CACHE_GENERATION_REFRESH_MS,
    lockTtlSeconds: cfg.CACHE_LOCK_TTL_S,
    lockWaitMs: cfg.CACHE_LOCK_WAIT_MS,
    analyticsWindowHours: cfg.ANALYTICS_WINDOW_HOURS,
  },
});

const server = serve({ fetch: app.fetch, port: cfg.PORT }, (info) => log.info({ port: info.port, alias: cfg.INDEX_ALIAS }, 'search-api listening'));

handleShutdown(log, [
  { name: 'stop accepting (readyz 503)', run: () => void (accepting = false) },
  { name: 'close http server', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  { name: 'flush analytics', run: () => recorder?.close() },
  { name: 'close memcached', run: () => cache.close() },
  { name: 'close rate limiter', run: () => rateLimit?.close() },
  { name: 'close elasticsearch', run: () => es.close() },
]);
