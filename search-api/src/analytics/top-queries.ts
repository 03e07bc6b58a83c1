import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';

type Body = Omit<estypes.SearchRequest, 'index'>;

/** What every list of recorded queries shares: the window, the distinct-client floor and the banned queries. */
export type TopQueriesScope = {
  limit: number;
  windowHours: number;
  /** Client-days a query needs (one document per client, query and day) before it is listed. */
  minClients: number;
  /** Banned queries, left out by Elasticsearch so that the list still has `limit` entries. */
  excluded: readonly string[];
};

/** Buckets asked beyond `limit`, so that the few dropped by the code-side check still leave a full list. */
const SPARE_BUCKETS = 10;

function topQueries(scope: TopQueriesScope, filter: estypes.QueryDslQueryContainer[]): Body {
  return {
    size: 0,
    query: {
      bool: {
        filter: [{ range: { at: { gte: `now-${scope.windowHours}h` } } }, ...filter],
        ...(scope.excluded.length > 0 ? { must_not: [{ terms: { query: [...scope.excluded] } }] } : {}),
      },
    },
    aggs: { top: { terms: { field: 'query', size: scope.limit + SPARE_BUCKETS, min_doc_count: scope.minClients } } },
  };
}

/** Most searched queries of the window that found something, or (`noResults`) only those that found nothing. */
export function buildTopQueriesRequest(o: TopQueriesScope & { noResults: boolean }): Body {
  return topQueries(o, [o.noResults ? { term: { hits: 0 } } : { range: { hits: { gt: 0 } } }]);
}

/** Popular queries that start with what the user typed and found something: autocomplete's "query" suggestions. */
export function buildPopularPrefixRequest(o: TopQueriesScope & { prefix: string }): Body {
  return topQueries(o, [{ range: { hits: { gt: 0 } } }, ...(o.prefix === '' ? [] : [{ prefix: { query: o.prefix } }])]);
}

const TopAgg = z.object({
  aggregations: z.object({
    top: z.object({ buckets: z.array(z.object({ key: z.string(), doc_count: z.number().int() })) }),
  }),
});

/** The terms aggregation → `[{ query, count }]` (count = client-days); an absent analytics index is an empty list. */
export function mapTopQueries(es: unknown): { query: string; count: number }[] {
  const parsed = TopAgg.safeParse(es);
  return parsed.success ? parsed.data.aggregations.top.buckets.map((b) => ({ query: b.key, count: b.doc_count })) : [];
}
