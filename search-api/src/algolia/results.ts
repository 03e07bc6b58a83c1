import { Correction } from '@catalog/contract';
import { z } from 'zod';
import { parseInternal } from '../internal-parse';
import { facetValue, indexedNumber, resolveAttribute, type Attribute } from './attributes';
import { flatFacet } from './family-facets';
import { toAlgoliaHit } from './hits';
import { ALGOLIA_LIMITS } from './limits';
import type { AlgoliaQuery } from './params';
import { aggNames, resolveFacets, searchableFacet, type Member, type PlannedSearch, type QueryShaping } from './plan';

/** A search answer as `algoliasearch` and the helper read it. */
export const AlgoliaSearchResult = z.object({
  hits: z.array(z.looseObject({ objectID: z.string() })),
  nbHits: z.number().int(),
  page: z.number().int(),
  nbPages: z.number().int(),
  hitsPerPage: z.number().int(),
  facets: z.record(z.string(), z.record(z.string(), z.number())).optional(),
  facets_stats: z.record(z.string(), z.object({ min: z.number(), max: z.number(), avg: z.number(), sum: z.number() })).optional(),
  exhaustiveNbHits: z.literal(true),
  exhaustiveFacetsCount: z.boolean(),
  exhaustive: z.object({ nbHits: z.literal(true), facetsCount: z.boolean(), typo: z.literal(true) }),
  query: z.string(),
  params: z.string(),
  index: z.string(),
  processingTimeMS: z.number(),
  // Query rules (`merchandise-batch.ts`): a redirect, each rule's userData, the applied rules with `getRankingInfo`.
  renderingContent: z.object({ redirect: z.object({ url: z.string() }).optional() }),
  userData: z.array(z.record(z.string(), z.unknown())).optional(),
  appliedRules: z.array(z.object({ objectID: z.string() })).optional(),
  // Did-you-mean of a thin search (`algolia-correction.ts`): Algolia's field for dropped words, and the REST `correction`.
  queryAfterRemoval: z.string().optional(),
  correction: Correction.optional(),
  queryID: z.string().optional(),
});
export type AlgoliaSearchResult = z.infer<typeof AlgoliaSearchResult>;

/** A facet value search answer. */
export const AlgoliaFacetResult = z.object({
  facetHits: z.array(z.object({ value: z.string(), highlighted: z.string(), count: z.number().int() })),
  exhaustiveFacetsCount: z.boolean(),
  processingTimeMS: z.number(),
});
export type AlgoliaFacetResult = z.infer<typeof AlgoliaFacetResult>;

/** One answer of a batch, in request order. */
export const AlgoliaResult = z.union([AlgoliaSearchResult, AlgoliaFacetResult]);
export type AlgoliaResult = z.infer<typeof AlgoliaResult>;

const Bucket = z.object({ key: z.union([z.string(), z.number()]), key_as_string: z.string().optional(), doc_count: z.number() });
const Terms = z.object({ buckets: z.array(Bucket), doc_count_error_upper_bound: z.number().optional() });
const Stats = z.object({ count: z.number(), min: z.number().nullable(), max: z.number().nullable(), avg: z.number().nullable(), sum: z.number() });
const Aggs = z.record(z.string(), z.unknown());
const Container = z.object({ doc_count: z.number() }).catchall(z.unknown());
const EsResponse = z.object({
  took: z.number().optional(),
  hits: z.object({
    total: z.union([z.number(), z.object({ value: z.number() })]).optional(),
    hits: z.array(z.object({ _source: z.unknown(), highlight: z.record(z.string(), z.array(z.string())).optional() })),
  }),
  aggregations: Aggs.optional(),
});
type EsResponse = z.infer<typeof EsResponse>;

const terms = (aggs: Record<string, unknown>, name: string) => {
  const parsed = Terms.safeParse(flatFacet(aggs[name]));
  return parsed.success ? parsed.data : { buckets: [], doc_count_error_upper_bound: 0 };
};
const round = (n: number) => Math.round(n * 1e4) / 1e4;

/** The aggregations and match count of one member: the root, or its filter aggregation. */
function memberView(r: EsResponse, m: Member): { aggs: Record<string, unknown>; count: number } {
  const total = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0);
  if (m.container === 'root') return { aggs: r.aggregations ?? {}, count: total };
  const c = parseInternal(Container, r.aggregations?.[m.container.agg], 'member aggregation');
  const { doc_count, ...aggs } = c;
  // The query bringing hits is the post_filter: its total is exact; the others count in their filter aggregation.
  return { aggs, count: m.hits ? total : doc_count };
}

function facetsOf(q: AlgoliaQuery, aggs: Record<string, unknown>) {
  const { attributes, starAttributes } = resolveFacets(q);
  const facets: Record<string, Record<string, number>> = {};
  const stats: NonNullable<AlgoliaSearchResult['facets_stats']> = {};
  let exhaustive = true;
  const add = (a: Attribute, name: string) => {
    const t = terms(aggs, name);
    if ((t.doc_count_error_upper_bound ?? 0) > 0) exhaustive = false;
    const values = (facets[a.name] ??= {});
    for (const b of t.buckets) {
      const value = facetValue(a, b);
      if (value !== undefined && Object.keys(values).length < q.maxValuesPerFacet) values[value] = b.doc_count;
    }
  };
  attributes.forEach((a, j) => {
    if (q.maxValuesPerFacet > 0) add(a, aggNames.terms(j));
    else facets[a.name] = {};
    const s = Stats.safeParse(flatFacet(aggs[aggNames.stats(j)]));
    if (a.kind === 'numeric' && s.success && s.data.count > 0 && s.data.min !== null && s.data.max !== null && s.data.avg !== null) {
      stats[a.name] = { min: indexedNumber(a.name, s.data.min), max: indexedNumber(a.name, s.data.max), avg: round(s.data.avg), sum: round(s.data.sum) };
    }
  });
  if (starAttributes) {
    const names = new Set(terms(aggs, aggNames.starAttributes).buckets.map((b) => String(b.key).split('=')[0] ?? ''));
    for (const name of names) {
      const a = resolveAttribute(`attributes.${name}`);
      if (a && !facets[a.name]) add(a, aggNames.starAttributes);
    }
  }
  return { facets, stats, exhaustive };
}

/** Wrap the first word-start match of `query` in `value` with the tags (facet value search `highlighted`). */
export function highlightPrefix(value: string, query: string, tags: { pre: string; post: string }): string {
  const q = query.trim().toLowerCase();
  if (q === '') return value;
  const lower = value.toLowerCase();
  for (let i = lower.indexOf(q); i !== -1; i = lower.indexOf(q, i + 1)) {
    if (i === 0 || !/[\p{L}\p{N}]/u.test(value.charAt(i - 1))) {
      return `${value.slice(0, i)}${tags.pre}${value.slice(i, i + q.length)}${tags.post}${value.slice(i + q.length)}`;
    }
  }
  return value;
}

function facetResult(q: AlgoliaQuery, aggs: Record<string, unknown>, tookMs: number): AlgoliaFacetResult {
  const a = searchableFacet(q);
  const t = terms(aggs, aggNames.facetSearch);
  const tags = { pre: q.highlightPreTag, post: q.highlightPostTag };
  return {
    facetHits: t.buckets.flatMap((b) => {
      const value = facetValue(a, b);
      return value === undefined ? [] : [{ value, highlighted: highlightPrefix(value, q.facetQuery, tags), count: b.doc_count }];
    }),
    exhaustiveFacetsCount: (t.doc_count_error_upper_bound ?? 0) === 0,
    processingTimeMS: tookMs,
  };
}

/** Pages a client can reach: the result window caps paging as in the REST API. */
export const nbPages = (nbHits: number, hitsPerPage: number): number =>
  hitsPerPage === 0 ? 0 : Math.ceil(Math.min(nbHits, ALGOLIA_LIMITS.resultWindow) / hitsPerPage);

/** The Elasticsearch answers of a planned batch → one Algolia result per query, in request order (`shaping`: of each query, by request). */
export function mapBatch(queries: readonly AlgoliaQuery[], plan: readonly PlannedSearch[], responses: readonly unknown[], shaping: readonly QueryShaping[] = []): AlgoliaResult[] {
  const results: AlgoliaResult[] = new Array<AlgoliaResult>(queries.length);
  plan.forEach((search, i) => {
    const r = parseInternal(EsResponse, responses[i], 'Elasticsearch search response');
    const took = r.took ?? 0;
    for (const m of search.members) {
      const q = queries[m.request];
      if (!q) continue;
      const { aggs, count } = memberView(r, m);
      if (q.type === 'facet') {
        results[m.request] = facetResult(q, aggs, took);
        continue;
      }
      const ruleFilters = shaping[m.request]?.plan.filters;
      const hits = m.hits ? r.hits.hits.flatMap((h) => toAlgoliaHit(h._source, h.highlight, q, { ruleFilters }) ?? []) : [];
      const { facets, stats, exhaustive } = facetsOf(q, aggs);
      results[m.request] = {
        hits,
        nbHits: count,
        page: q.page,
        nbPages: nbPages(count, q.hitsPerPage),
        hitsPerPage: q.hitsPerPage,
        ...(q.facets.length > 0 ? { facets } : {}),
        ...(Object.keys(stats).length > 0 ? { facets_stats: stats } : {}),
        exhaustiveNbHits: true,
        exhaustiveFacetsCount: exhaustive,
        exhaustive: { nbHits: true, facetsCount: exhaustive, typo: true },
        query: q.query,
        params: q.params,
        index: q.indexName,
        processingTimeMS: took,
        renderingContent: {},
      };
    }
  });
  return results;
}
