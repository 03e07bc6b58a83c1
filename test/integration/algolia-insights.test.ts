import { pino } from 'pino';
import aa from 'search-insights';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { insightsIndexPattern } from '../../search-api/src/es/insights-store';
import { createInsights } from '../../search-api/src/insights/create-insights';
import type { InsightsMetricsResponse } from '../../search-api/src/insights/insights-metrics';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedFixtureCatalog } from './search-fixtures';
import { algoliaClientFor, serveApp, type AlgoliaClient, type ServedApp } from './served-app';

// The real search-insights library (what InstantSearch's `insights: true` uses) against POST /1/events, events
// stored in Elasticsearch, and the metrics per query read back from /v1/searches/insights and /no-clicks.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const insights = createInsights({ client: es, alias, flushEveryMs: 60_000, maxBuffer: 10_000, retentionDays: 30, windowHours: 24, log: pino({ level: 'silent' }) });
const api = searchApiFor({ alias, insights: insights.deps });
let served: ServedApp | undefined;
let client: AlgoliaClient;

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
  served = await serveApp(api.app.fetch);
  client = algoliaClientFor(served);
  aa('init', { appId: 'local-app', apiKey: 'search-key', host: served.base, userToken: 'shopper-1' });
});

afterAll(async () => {
  await served?.close();
  await insights.close();
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

const metrics = async (path: string): Promise<InsightsMetricsResponse> => {
  const res = await api.app.request(path);
  expect(res.status).toBe(200);
  return (await res.json()) as InsightsMetricsResponse;
};

describe('insights with search-insights', () => {
  it('click after search with queryID and position, conversion and view are stored; CTR, position and conversion rate per query', async () => {
    const searched = await client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'headphones', clickAnalytics: true, userToken: 'shopper-1' } });
    const second = await client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'headphones', clickAnalytics: true } });
    await client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'blender', clickAnalytics: true } });
    expect(searched.queryID).toMatch(/^[0-9a-f]{32}$/);
    const hit = searched.hits[1];
    if (!searched.queryID || !hit) throw new Error('no queryID or hit');

    const sent = await Promise.all([
      aa('clickedObjectIDsAfterSearch', { index: 'products', eventName: 'Hit Clicked', queryID: searched.queryID, objectIDs: [hit.objectID], positions: [2] }),
      aa('convertedObjectIDsAfterSearch', { index: 'products', eventName: 'Added To Cart', queryID: searched.queryID, objectIDs: [hit.objectID] }),
      aa('viewedObjectIDs', { index: 'products', eventName: 'Hits Viewed', objectIDs: searched.hits.map((h) => h.objectID).slice(0, 5) }),
    ]);
    expect(sent).toEqual([true, true, true]);
    expect(second.queryID).not.toBe(searched.queryID);

    await insights.recorder.flush();
    await es.indices.refresh({ index: insightsIndexPattern(alias) });
    const stored = await es.search({ index: insightsIndexPattern(alias), size: 10, query: { term: { queryID: searched.queryID } } });
    const types = stored.hits.hits.map((h) => (h._source as { type: string }).type).sort();
    expect(types).toEqual(['click', 'conversion', 'search']);

    const perQuery = await metrics('/v1/searches/insights?limit=10');
    expect(perQuery.queries.find((q) => q.query === 'headphones')).toEqual({
      query: 'headphones',
      searches: 2,
      clicks: 1,
      clickThroughRate: 0.5,
      averageClickPosition: 2,
      conversions: 1,
      conversionRate: 0.5,
    });
    expect(perQuery.totals).toMatchObject({ searches: 3, clicks: 1 });
    const noClicks = await metrics('/v1/searches/no-clicks');
    expect(noClicks.queries.map((q) => q.query)).toEqual(['blender']);
  });

  it('an invalid event is refused with a 400 the library reports, nothing stored', async () => {
    const res = await api.app.request('/1/events', {
      method: 'POST',
      body: JSON.stringify({ events: [{ eventType: 'click', eventName: 'x', index: 'products', userToken: 'u', queryID: 'f'.repeat(32), objectIDs: ['SKU-1'] }] }),
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 400, message: expect.stringMatching(/events\[0\]\.positions/) });
    expect(await aa('clickedObjectIDsAfterSearch', { index: 'nope', eventName: 'x', queryID: 'f'.repeat(32), objectIDs: ['SKU-1'], positions: [1] })).toBe(false);
    expect(insights.recorder.buffered).toBe(0);
  });
});
