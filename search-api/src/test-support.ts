import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createSearchApp, type SearchAppDeps } from './app';
import type { Cache } from './cache/cache';
import { createMemoryCache } from './cache/memory-cache';
import { BanList } from './analytics/query-bans';
import { DEFAULT_SUGGESTION_RULES } from './analytics/suggestion-rules';
import type { AnalyticsStore, QueryBan, SearchRecord } from './es/analytics-store';
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
  staleMaxMs: 0,
  refreshAfterMs: 0,
  refreshAheadPerSecond: 0,
  refreshAheadMaxKeys: 1000,
  analyticsWindowHours: 24,
};

/** An Elasticsearch stand-in for route tests: canned answers, every request body kept. */
export function fakeBackend(overrides: Partial<SearchBackend> = {}, { total = 0 }: { total?: number } = {}): SearchBackend & { bodies: unknown[] } {
  const bodies: unknown[] = [];
  const calls = { search: 0, msearch: 0, autocomplete: 0, get: 0 };
  // `total` 0 is a thin answer: a search with text runs again with typos (search/typo-fallback.ts).
  const empty = { took: 1, hits: { total: { value: total }, hits: [] }, aggregations: {} };
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
    health: async () => {},
    ...overrides,
  };
}

/** An analytics store in memory: bans kept, canned popular queries (`tv`, 3 client-days), records kept. */
export function fakeAnalyticsStore(overrides: Partial<AnalyticsStore> = {}): AnalyticsStore & { records: SearchRecord[] } {
  const bans = new Map<string, QueryBan>();
  const records: SearchRecord[] = [];
  return {
    records,
    record: async (r) => void records.push(...r),
    top: async () => ({ aggregations: { top: { buckets: [{ key: 'tv', doc_count: 3 }] } } }),
    purgeOlderThan: async () => {},
    listBans: async () => [...bans.values()],
    putBan: async (b) => void bans.set(b.query, b),
    deleteBan: async (q) => bans.delete(q),
    ...overrides,
  };
}

/** The app over a fake backend and an in-memory cache. */
export function testApp(
  o: { backend?: SearchBackend; cache?: Cache; settings?: Partial<SearchServiceSettings>; analytics?: AnalyticsStore; minClients?: number } & Pick<
    Partial<SearchAppDeps>,
    'rateLimiter' | 'clientAddress' | 'adminToken'
  > = {},
) {
  const registry = new Registry();
  const searches: [string, number][] = [];
  /** The client address of each recorded search. */
  const searchers: (string | undefined)[] = [];
  const backend = o.backend ?? fakeBackend();
  const analytics = o.analytics ?? fakeAnalyticsStore();
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
    onSearch: (q, hits, client) => {
      searches.push([q, hits]);
      searchers.push(client);
    },
    rateLimiter: o.rateLimiter,
    clientAddress: o.clientAddress,
    adminToken: o.adminToken,
    suggestions: {
      store: analytics,
      bans: new BanList({ store: analytics, refreshEveryMs: 60_000 }),
      rules: DEFAULT_SUGGESTION_RULES,
      minClients: o.minClients ?? 3,
      windowHours: 24,
    },
  });
  return { app, backend, registry, searches, searchers, analytics };
}
