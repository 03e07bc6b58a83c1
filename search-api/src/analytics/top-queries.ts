import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';

type Body = Omit<estypes.SearchRequest, 'index'>;

const windowFilter = (windowHours: number): estypes.QueryDslQueryContainer => ({
  range: { at: { gte: `now-${windowHours}h` } },
});

/** Most searched queries of the window; `noResults` restricts to searches that found nothing. */
export function buildTopQueriesRequest(o: { limit: number; windowHours: number; noResults: boolean }): Body {
  return {
    size: 0,
    query: { bool: { filter: [windowFilter(o.windowHours), ...(o.noResults ? [{ term: { hits: 0 } }] : [])] } },
    aggs: { top: { terms: { field: 'query', size: o.limit } } },
  };
}

/** Popular queries that start with what the user typed and found something: autocomplete's "query" suggestions. */
export function buildPopularPrefixRequest(o: { prefix: string; limit: number; windowHours: number }): Body {
  return {
    size: 0,
    query: {
      bool: {
        filter: [
          windowFilter(o.windowHours),
          { range: { hits: { gt: 0 } } },
          ...(o.prefix === '' ? [] : [{ prefix: { query: o.prefix } }]),
        ],
      },
    },
    aggs: { top: { terms: { field: 'query', size: o.limit } } },
  };
}

const TopAgg = z.object({
  aggregations: z.object({
    top: z.object({ buckets: z.array(z.object({ key: z.string(), doc_count: z.number().int() })) }),
  }),
});

/** The terms aggregation → `[{ query, count }]`; an absent analytics index is an empty list. */
export function mapTopQueries(es: unknown): { query: string; count: number }[] {
  const parsed = TopAgg.safeParse(es);
  return parsed.success ? parsed.data.aggregations.top.buckets.map((b) => ({ query: b.key, count: b.doc_count })) : [];
}
