import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createSearchApp, type SearchAppDeps } from './app';
import type { Cache } from './cache/cache';
import { createMemoryCache } from './cache/memory-cache';
import type { SearchBackend } from './es/es-gateway';
import { createMetrics } from './metrics';
import type { SearchServiceSettings } from './search-service';

/** Settings for tests: admission after one sighting, no lock waits. */
export const TEST_SETTINGS: SearchServiceSettings = {
  searchTtlSeconds: 60,
  productTtlSeconds: 60,
  admissionMinHits: 1,
  admissionWindowMs: 60_000,
  admissionMaxKeys: 1000,
  generationRefreshMs: 0,
  lockTtlSeconds: 2,
  lockWaitMs: 0,
  analyticsWindowHours: 24,
};

/** An Elasticsearch stand-in for route tests: canned answers, every request body kept. */
export function fakeBackend(overrides: Partial<SearchBackend> = {}): SearchBackend & { bodies: unknown[] } {
  const bodies: unknown[] = [];
  const calls = { search: 0, msearch: 0, autocomplete: 0, get: 0, topQueries: 0, bulk: 0 };
  const empty = { took: 1, hits: { total: { value: 0 }, hits: [] }, aggregations: {} };
  return {
    bodies,
    calls,
    search: async (body) => {
      calls.search++;
      bodies.push(body);
      return empty;
    },
    multiSearch: async (all) => {
      calls.msearch++;
      bodies.push(...all);
      return all.map(() => empty);
    },
    autocomplete: async () => {
      calls.autocomplete++;
      return {};
    },
    getProduct: async () => {
      calls.get++;
      return undefined;
    },
    topQueries: async () => ({ aggregations: { top: { buckets: [{ key: 'tv', doc_count: 3 }] } } }),
    recordSearches: async () => {},
    health: async () => {},
    ...overrides,
  };
}

/** The app over a fake backend and an in-memory cache. */
export function testApp(
  o: { backend?: SearchBackend; cache?: Cache; settings?: Partial<SearchServiceSettings> } & Pick<Partial<SearchAppDeps>, 'rateLimiter' | 'clientKey'> = {},
) {
  const registry = new Registry();
  const searches: [string, number][] = [];
  const backend = o.backend ?? fakeBackend();
  const app = createSearchApp({
    backend,
    cache: o.cache ?? createMemoryCache(),
    alias: 'products-test',
    log: pino({ level: 'silent' }),
    registry,
    metrics: createMetrics(registry),
    settings: { ...TEST_SETTINGS, ...o.settings },
    corsOrigins: ['*'],
    isAccepting: () => true,
    onSearch: (q, hits) => searches.push([q, hits]),
    rateLimiter: o.rateLimiter,
    clientKey: o.clientKey,
  });
  return { app, backend, registry, searches };
}
