import { OpenAPIHono } from '@hono/zod-openapi';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { problemHandler } from '@catalog/contract/http';
import { algoliaSurface } from '../algolia/algolia-routes';
import { fakeBackend } from '../test-support';
import type { StoredEvent } from './insights-event';
import { buildMetricsRequest, mapMetrics } from './insights-metrics';
import { registerInsightsMetricsRoutes, type InsightsDeps } from './insights-routes';

const log = pino({ level: 'silent' });
const QID = 'b'.repeat(32);

function surface() {
  const accepted: StoredEvent[] = [];
  const searched: string[] = [];
  const insights: InsightsDeps = {
    recorder: { accept: (events) => accepted.push(...events), searched: (r) => searched.push(r.queryID) },
    store: { metrics: async () => ({}) },
    windowHours: 24,
  };
  const app = algoliaSurface({ backend: fakeBackend(), cachedSearch: async (_k, compute) => ({ value: await compute(), hit: false }), indexName: 'products', log, insights });
  return { app, accepted, searched };
}
const post = (app: OpenAPIHono, path: string, body: unknown) => app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain' } });

describe('POST /1/events', () => {
  it('accepts search-insights events (text/plain) and answers { status, message }', async () => {
    const { app, accepted } = surface();
    const res = await post(app, '/1/events?X-Algolia-Application-Id=a&X-Algolia-API-Key=k', {
      events: [{ eventType: 'click', eventName: 'Hit Clicked', index: 'products', userToken: 'anonymous-x', queryID: QID, objectIDs: ['SKU-1'], positions: [2] }],
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 200, message: 'OK' });
    expect(accepted).toMatchObject([{ type: 'click', queryID: QID, positions: [2] }]);
  });

  it('refuses a batch with one bad event with a 400 naming it, storing none', async () => {
    const { app, accepted } = surface();
    const good = { eventType: 'view', eventName: 'Viewed', index: 'products', userToken: 'u', objectIDs: ['SKU-1'] };
    const res = await post(app, '/1/events', { events: [good, { ...good, eventType: 'hover' }] });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ status: 400, message: expect.stringMatching(/^events\[1\]\.eventType/) });
    expect(accepted).toEqual([]);
  });

  it('a search with clickAnalytics hands its queryID to the recorder', async () => {
    const { app, searched } = surface();
    const res = await post(app, '/1/indexes/products/query', { query: 'tv', clickAnalytics: true });
    const { queryID } = (await res.json()) as { queryID: string };
    expect(searched).toEqual([queryID]);
  });
});

describe('insights metrics', () => {
  const group = (searches: number, clicks: number, clicked: number, position: number | null, conversions: number, converted: number) => ({
    doc_count: searches + clicks + conversions,
    searches: { doc_count: searches },
    clicks: { doc_count: clicks, searches: { value: clicked }, position: { value: position } },
    conversions: { doc_count: conversions, searches: { value: converted } },
  });
  const es = {
    aggregations: {
      ...group(10, 4, 3, 2.5, 1, 1),
      queries: { buckets: [{ key: 'tv', ...group(8, 4, 3, 2.5, 1, 1) }, { key: 'radio', ...group(2, 0, 0, null, 0, 0) }] },
    },
  };

  it('CTR, average click position and conversion rate per query, over tracked searches', () => {
    expect(mapMetrics(es, { windowHours: 24, limit: 10, noClicks: false })).toEqual({
      windowHours: 24,
      totals: { searches: 10, clicks: 4, clickThroughRate: 0.3, averageClickPosition: 2.5, conversions: 1, conversionRate: 0.1 },
      queries: [
        { query: 'tv', searches: 8, clicks: 4, clickThroughRate: 0.375, averageClickPosition: 2.5, conversions: 1, conversionRate: 0.125 },
        { query: 'radio', searches: 2, clicks: 0, clickThroughRate: 0, averageClickPosition: null, conversions: 0, conversionRate: 0 },
      ],
    });
    expect(mapMetrics(es, { windowHours: 24, limit: 10, noClicks: true }).queries.map((q) => q.query)).toEqual(['radio']);
    expect(mapMetrics({}, { windowHours: 1, limit: 10, noClicks: false })).toMatchObject({ queries: [], totals: { searches: 0 } });
  });

  it('routes validate limit and window and ask the store for that window', async () => {
    const asked: unknown[] = [];
    const app = new OpenAPIHono();
    app.onError(problemHandler(log));
    registerInsightsMetricsRoutes(app, { recorder: { accept: () => {}, searched: () => {} }, store: { metrics: async (b) => (asked.push(b), es) }, windowHours: 168 });
    const res = await app.request('/v1/searches/no-clicks?limit=5&window_hours=48');
    expect(await res.json()).toMatchObject({ windowHours: 48, queries: [{ query: 'radio' }] });
    expect(asked).toEqual([buildMetricsRequest(48)]);
    for (const bad of ['limit=0', 'limit=101', 'window_hours=0', 'other=1']) {
      expect((await app.request(`/v1/searches/insights?${bad}`)).status).toBe(400);
    }
  });
});
