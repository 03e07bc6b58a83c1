import { Counter, Gauge, Histogram, collectDefaultMetrics, type Registry } from 'prom-client';

/** Every metric the search API exports, registered on one registry (no global default registry). */
export function createMetrics(registry: Registry, options: { defaults?: boolean } = {}) {
  if (options.defaults) collectDefaultMetrics({ register: registry });
  return {
    httpDuration: new Histogram({
      name: 'search_api_http_request_duration_seconds',
      help: 'HTTP request latency by route',
      labelNames: ['method', 'route', 'status'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    cacheRequests: new Counter({
      name: 'search_api_cache_requests_total',
      help: 'Cache lookups by response kind and outcome (hit / miss / error); hit ratio = hit / total',
      labelNames: ['kind', 'outcome'] as const,
      registers: [registry],
    }),
    cacheErrors: new Counter({
      name: 'search_api_cache_errors_total',
      help: 'Failed memcached operations (timeouts, connection errors, open circuit)',
      labelNames: ['op'] as const,
      registers: [registry],
    }),
    cacheRefreshAhead: new Counter({
      name: 'search_api_cache_refresh_ahead_total',
      help: 'Refresh-ahead of hot cached searches by outcome: searched (one Elasticsearch search spent), fresh (already refreshed elsewhere), failed',
      labelNames: ['outcome'] as const,
      registers: [registry],
    }),
    cacheCircuitOpen: new Gauge({
      name: 'search_api_cache_circuit_open',
      help: '1 while the memcached circuit breaker is open (fail fast), else 0',
      registers: [registry],
    }),
    esDuration: new Histogram({
      name: 'search_api_elasticsearch_request_duration_seconds',
      help: 'Elasticsearch request latency by operation and outcome',
      labelNames: ['operation', 'outcome'] as const,
      buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [registry],
    }),
    rateLimited: new Counter({
      name: 'search_api_rate_limited_total',
      help: 'Public API requests refused with 429 because their client was over its limit',
      registers: [registry],
    }),
    rateLimitStoreErrors: new Counter({
      name: 'search_api_rate_limit_store_errors_total',
      help: 'Failed memcached operations of the rate limiter; the decision fell back to the per-instance in-memory limiter',
      registers: [registry],
    }),
    insightsDropped: new Counter({
      name: 'search_api_insights_dropped_total',
      help: 'Insights documents (tracked searches, events) dropped because the buffer was full',
      registers: [registry],
    }),
    analyticsDropped: new Counter({
      name: 'search_api_analytics_dropped_total',
      help: 'Recorded searches dropped because the buffer was full or Elasticsearch refused them',
      registers: [registry],
    }),
  };
}
export type Metrics = ReturnType<typeof createMetrics>;
