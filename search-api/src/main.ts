import { serve } from '@hono/node-server';
import { Registry } from 'prom-client';
import { createLogger, handleShutdown, runMain } from '@catalog/contract/process';
import { ruleIndexName, synonymIndexName } from '@catalog/contract';
import { adminAuthSettings, answerClientErrorsAsProblems, clientAddressOf } from '@catalog/contract/http';
import { createDaySalt } from './analytics/day-salt';
import { BanList } from './analytics/query-bans';
import { SearchRecorder } from './analytics/search-recorder';
import { createSearchApp } from './app';
import { createMemjsCache } from './cache/memjs-cache';
import { createNoCache } from './cache/no-cache';
import { loadConfig } from './config';
import { createAnalyticsStore } from './es/analytics-store';
import { createSynonymSource } from './synonyms/synonym-source';
import { createRuleSource } from './rules/rule-source';
import { createEsClient } from './es/es-client';
import { createEsGateway } from './es/es-gateway';
import { createInsights } from './insights/create-insights';
import { createMetrics } from './metrics';
import { createSearchRateLimiter } from './rate-limit/search-rate-limiter';

const cfg = await runMain('search-api', () => loadConfig(process.env));
const log = createLogger('search-api', cfg.LOG_LEVEL);
const registry = new Registry();
const metrics = createMetrics(registry, { defaults: true });
const es = createEsClient(cfg, { requestTimeoutMs: cfg.ES_REQUEST_TIMEOUT_MS, maxRetries: cfg.ES_MAX_RETRIES });
const backend = createEsGateway({ client: es, alias: cfg.INDEX_ALIAS, metrics, searchTimeoutMs: cfg.ES_SEARCH_TIMEOUT_MS });
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
const analytics = createAnalyticsStore({ client: es, alias: cfg.INDEX_ALIAS, metrics });
const rules = { maxChars: cfg.SUGGEST_MAX_CHARS, maxTerms: cfg.SUGGEST_MAX_TERMS };
const bans = new BanList({
  store: analytics,
  refreshEveryMs: cfg.SUGGEST_BANS_REFRESH_MS,
  onError: (err) => log.warn({ err }, 'reading the banned queries failed; recorded queries are not shown until it works'),
});
const recorder = cfg.ANALYTICS_ENABLED
  ? new SearchRecorder({
      sink: (records) => analytics.record(records),
      daySalt: createDaySalt({
        cache,
        alias: cfg.INDEX_ALIAS,
        onError: (err) => log.warn({ err }, 'analytics salt not shared through memcached; this instance hashes clients with its own today'),
      }),
      rules,
      maxQueriesPerClientDay: cfg.ANALYTICS_MAX_QUERIES_PER_CLIENT_DAY,
      maxTrackedPairs: cfg.ANALYTICS_MAX_TRACKED_PAIRS,
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

// Retention: the analytics index holds the window and nothing more.
const insights = cfg.INSIGHTS_ENABLED
  ? createInsights({
      client: es,
      alias: cfg.INDEX_ALIAS,
      flushEveryMs: cfg.INSIGHTS_FLUSH_MS,
      maxBuffer: cfg.INSIGHTS_MAX_BUFFER,
      retentionDays: cfg.INSIGHTS_RETENTION_DAYS,
      windowHours: cfg.ANALYTICS_WINDOW_HOURS,
      log,
      onDrop: (count) => metrics.insightsDropped.inc(count),
    })
  : undefined;
const purge = setInterval(
  () => void analytics.purgeOlderThan(cfg.ANALYTICS_WINDOW_HOURS).catch((err: unknown) => log.warn({ err }, 'analytics purge failed; retried next time')),
  cfg.ANALYTICS_PURGE_EVERY_MS,
);
purge.unref();
const synonyms = createSynonymSource({
  client: es,
  index: synonymIndexName(cfg.INDEX_ALIAS),
  refreshMs: cfg.SYNONYMS_REFRESH_MS,
  onError: (err) => log.warn({ err }, 'reading the synonym sets failed; the last ones read stay in force'),
});
const queryRules = createRuleSource({
  client: es,
  index: ruleIndexName(cfg.INDEX_ALIAS),
  refreshMs: cfg.RULES_REFRESH_MS,
  onError: (err) => log.warn({ err }, 'reading the query rules failed; the last ones read stay in force'),
});
if (!cfg.ADMIN_TOKEN) log.info('no ADMIN_TOKEN: the suggestions admin (/v1/admin/suggestions) is off');

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
  insights: insights?.deps,
  synonyms,
  rules: queryRules,
  isAccepting: () => accepting,
  clientAddress: clientAddressOf(cfg.TRUST_PROXY_HOPS),
  rateLimiter: rateLimit?.limiter,
  onSearch: recorder ? (q, hits, client) => recorder.record(q, hits, client) : undefined,
  suggestions: { store: analytics, bans, rules, minClients: cfg.SUGGEST_MIN_CLIENTS, windowHours: cfg.ANALYTICS_WINDOW_HOURS },
  adminToken: cfg.ADMIN_TOKEN,
  adminAuth: adminAuthSettings(cfg),
  settings: {
    searchTtlSeconds: cfg.CACHE_SEARCH_TTL_S,
    productTtlSeconds: cfg.CACHE_PRODUCT_TTL_S,
    admissionMinHits: cfg.CACHE_ADMISSION_MIN_HITS,
    admissionWindowMs: cfg.CACHE_ADMISSION_WINDOW_MS,
    admissionMaxKeys: cfg.CACHE_ADMISSION_MAX_KEYS,
    generationRefreshMs: cfg.CACHE_GENERATION_REFRESH_MS,
    lockTtlSeconds: cfg.CACHE_LOCK_TTL_S,
    lockWaitMs: cfg.CACHE_LOCK_WAIT_MS,
    staleMaxMs: cfg.CACHE_STALE_MAX_MS,
    refreshAfterMs: cfg.CACHE_REFRESH_AFTER_MS,
    refreshAheadPerSecond: cfg.CACHE_REFRESH_AHEAD_PER_S,
    refreshAheadMaxKeys: cfg.CACHE_REFRESH_AHEAD_KEYS,
    analyticsWindowHours: cfg.ANALYTICS_WINDOW_HOURS,
  },
});

const server = serve({ fetch: app.fetch, port: cfg.PORT }, (info) => log.info({ port: info.port, alias: cfg.INDEX_ALIAS }, 'search-api listening'));
answerClientErrorsAsProblems(server);

handleShutdown(log, [
  { name: 'stop accepting (readyz 503)', run: () => void (accepting = false) },
  { name: 'close http server', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  {
    name: 'flush analytics',
    run: async () => {
      clearInterval(purge);
      await recorder?.close();
    },
  },
  { name: 'flush insights', run: () => insights?.close() },
  { name: 'stop cache refresh-ahead', run: () => app.service.stopRefreshAhead() },
  { name: 'close memcached', run: () => cache.close() },
  { name: 'close rate limiter', run: () => rateLimit?.close() },
  { name: 'close elasticsearch', run: () => es.close() },
]);
