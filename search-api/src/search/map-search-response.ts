import { z } from 'zod';
import { MAX_RESULT_WINDOW, SearchHit, type RuleFilter, type SearchParams, type SearchResponse } from '@catalog/contract';
import { parseInternal } from '../internal-parse';
import { mapFacets } from './facets';
import { mapFamilyHit, type FamilyHitOptions } from './family-hit';

/** A hit's `_source`: the contract's hit fields (a family's are read by `family-hit.ts`); `inStock` may be missing from older documents. */
const HitSource = SearchHit.omit({ highlight: true, groupId: true, variantCount: true, priceRange: true, variants: true }).extend({
  inStock: z.boolean().optional(),
});

const EsSearchResponse = z.object({
  took: z.number().optional(),
  hits: z.object({
    total: z.union([z.number(), z.object({ value: z.number() })]).optional(),
    hits: z.array(
      z.object({
        _source: z.unknown(),
        highlight: z.record(z.string(), z.array(z.string())).optional(),
      }),
    ),
  }),
  aggregations: z.record(z.string(), z.unknown()).optional(),
});

/** One hit's `_source` and highlight → the contract's hit; undefined for a document that is not a product. */
export function mapHit(source: unknown, highlight?: Record<string, string[]>): SearchHit | undefined {
  const parsed = HitSource.safeParse(source);
  if (!parsed.success) return undefined;
  const { inStock, imageUrl, ...rest } = parsed.data;
  const title = highlight?.title?.[0];
  const description = highlight?.description?.[0];
  return {
    ...rest,
    inStock: inStock ?? rest.stock > 0,
    ...(imageUrl !== undefined ? { imageUrl } : {}),
    ...(title !== undefined || description !== undefined
      ? { highlight: { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) } }
      : {}),
  };
}

/** One hit of a search in `p`'s scope: a product, or grouped a family as its representative (`mapFamilyHit`). */
export function mapSearchHit(source: unknown, highlight: Record<string, string[]> | undefined, p: SearchParams, o: FamilyHitOptions = {}): SearchHit | undefined {
  const hit = mapHit(source, highlight);
  return hit !== undefined && p.group ? mapFamilyHit(hit, source, p, o) : hit;
}

/** Pages a client can actually reach (page × per_page is capped by the result window). */
export function totalPages(total: number, perPage: number): number {
  return Math.ceil(Math.min(total, MAX_RESULT_WINDOW) / perPage);
}

/** Elasticsearch's answer → the contract's search response (`cached: false`, `tookMs` from Elasticsearch); `ruleFilters`: of the rules in force. */
export function mapSearchResponse(es: unknown, p: SearchParams, ruleFilters: readonly RuleFilter[] = []): SearchResponse {
  const r = parseInternal(EsSearchResponse, es, 'Elasticsearch search response');
  const total = typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0);
  const hits = r.hits.hits.flatMap((h) => mapSearchHit(h._source, h.highlight, p, { ruleFilters }) ?? []);
  return {
    query: p.q,
    page: p.page,
    perPage: p.per_page,
    total,
    totalPages: totalPages(total, p.per_page),
    hits,
    facets: mapFacets(r.aggregations),
    tookMs: r.took ?? 0,
    cached: false,
  };
}
