import type { estypes } from '@elastic/elasticsearch';
import { z } from '@hono/zod-openapi';
import { parseInternal } from '../internal-parse';

/** Queries considered per metrics request: the most searched ones of the window. */
export const METRICS_TOP_QUERIES = 1_000;

/** Parameters of `GET /v1/searches/insights` and `GET /v1/searches/no-clicks`. */
export const InsightsMetricsParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    window_hours: z.coerce.number().int().min(1).max(24 * 366).optional(),
  })
  .strict();
export type InsightsMetricsParams = z.infer<typeof InsightsMetricsParams>;

const QueryMetrics = z.object({
  query: z.string(),
  searches: z.number().int().describe('searches answered with clickAnalytics (tracked searches)'),
  clicks: z.number().int(),
  clickThroughRate: z.number().describe('tracked searches with at least one click / tracked searches'),
  averageClickPosition: z.number().nullable().describe('mean 1-based position of the clicked hits'),
  conversions: z.number().int(),
  conversionRate: z.number().describe('tracked searches with at least one conversion / tracked searches'),
});
export type QueryMetrics = z.infer<typeof QueryMetrics>;

export const InsightsMetricsResponse = z
  .object({ windowHours: z.number().int(), totals: QueryMetrics.omit({ query: true }), queries: z.array(QueryMetrics) })
  .openapi('InsightsMetrics');
export type InsightsMetricsResponse = z.infer<typeof InsightsMetricsResponse>;

const perQueryAggs: Record<string, estypes.AggregationsAggregationContainer> = {
  searches: { filter: { term: { type: 'search' } } },
  clicks: {
    filter: { term: { type: 'click' } },
    aggs: { searches: { cardinality: { field: 'queryID', precision_threshold: 40_000 } }, position: { avg: { field: 'positions' } } },
  },
  conversions: { filter: { term: { type: 'conversion' } }, aggs: { searches: { cardinality: { field: 'queryID', precision_threshold: 40_000 } } } },
};

/** One aggregation over the window: per query (most searched first) and in total. */
export function buildMetricsRequest(windowHours: number): Omit<estypes.SearchRequest, 'index'> {
  return {
    size: 0,
    query: { bool: { filter: [{ range: { at: { gte: `now-${windowHours}h` } } }] } },
    aggs: {
      queries: { terms: { field: 'query', size: METRICS_TOP_QUERIES, order: { searches: 'desc' } }, aggs: perQueryAggs },
      ...perQueryAggs,
    },
  };
}

const Count = z.object({ doc_count: z.number() });
const Group = z.object({
  searches: Count,
  clicks: Count.extend({ searches: z.object({ value: z.number() }), position: z.object({ value: z.number().nullable() }) }),
  conversions: Count.extend({ searches: z.object({ value: z.number() }) }),
});
const Response = z.object({
  aggregations: Group.extend({ queries: z.object({ buckets: z.array(Group.extend({ key: z.string() })) }) }).optional(),
});

const ratio = (part: number, whole: number) => (whole === 0 ? 0 : Math.round((Math.min(part, whole) / whole) * 1e4) / 1e4);
const metricsOf = (g: z.infer<typeof Group>): Omit<QueryMetrics, 'query'> => ({
  searches: g.searches.doc_count,
  clicks: g.clicks.doc_count,
  clickThroughRate: ratio(g.clicks.searches.value, g.searches.doc_count),
  averageClickPosition: g.clicks.position.value === null ? null : Math.round(g.clicks.position.value * 100) / 100,
  conversions: g.conversions.doc_count,
  conversionRate: ratio(g.conversions.searches.value, g.searches.doc_count),
});

/** Elasticsearch's answer → per-query metrics; `noClicks` keeps only searched queries nobody clicked. */
export function mapMetrics(es: unknown, o: { windowHours: number; limit: number; noClicks: boolean }): InsightsMetricsResponse {
  const aggs = parseInternal(Response, es, 'insights metrics').aggregations;
  const empty = { searches: 0, clicks: 0, clickThroughRate: 0, averageClickPosition: null, conversions: 0, conversionRate: 0 };
  const queries = (aggs?.queries.buckets ?? [])
    .map((b) => ({ query: b.key, ...metricsOf(b) }))
    .filter((q) => q.searches > 0 && (!o.noClicks || q.clicks === 0))
    .slice(0, o.limit);
  return { windowHours: o.windowHours, totals: aggs ? metricsOf(aggs) : empty, queries };
}
