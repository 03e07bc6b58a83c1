import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { SearchText, type Sort } from '@catalog/contract';
import { HttpProblem } from '@catalog/contract/http';
import { AlgoliaInputError } from './algolia-error';
import { groupedFilter } from './family-filters';
import { parseFilters, type FilterNode } from './filter-parser';
import { facetFiltersNode, numericFiltersNode, toEsFilter } from './filters';
import { ALGOLIA_LIMITS as L } from './limits';
import { contextsFromRuleContexts } from '../rules/algolia-rules';

/** One query of a batch after validation: everything the planner and the mapper need. */
export type AlgoliaQuery = {
  type: 'default' | 'facet';
  indexName: string;
  sort: Sort;
  query: string;
  page: number;
  /** Served page size (capped). */
  hitsPerPage: number;
  facets: string[];
  /** The combined `facetFilters`, `numericFilters` and `filters`, as one Elasticsearch filter (grouped: of family documents). */
  filter: estypes.QueryDslQueryContainer | undefined;
  maxValuesPerFacet: number;
  highlightPreTag: string;
  highlightPostTag: string;
  attributesToHighlight: string[] | undefined;
  attributesToSnippet: { attribute: string; words: number }[];
  snippetEllipsisText: string;
  attributesToRetrieve: string[] | undefined;
  analytics: boolean;
  clickAnalytics: boolean;
  userToken: string | undefined;
  /** Facet value search (`type: "facet"` or the facets endpoint). */
  facet: string | undefined;
  facetQuery: string;
  maxFacetHits: number;
  /** `distinct` ≥ 1: one hit per product family (the REST search's `group`); nbHits and facet counts count families. */
  group: boolean;
  /** Grouped: the variant conditions of `filter` on the nested `variants` (facets count what they keep), and as a tree (`variantMatches`). */
  variantFilter: estypes.QueryDslQueryContainer | undefined;
  variantNode: FilterNode | undefined;
  /** The parameters as received, URL-encoded (Algolia echoes them as `params`). */
  params: string;
  /** Query rules: `enableRules` (default true) and the contexts rules may match (`ruleContexts`, see `contextsFromRuleContexts`). */
  enableRules: boolean;
  ruleContexts: string[];
  /** `typoTolerance: false`: the words exactly as typed, no typo pass and no did-you-mean (the storefront's "search instead for"). */
  typoTolerance: boolean;
  /** `getRankingInfo`: the answer names the applied rules (`appliedRules`) and marks promoted hits, as Algolia does. */
  getRankingInfo: boolean;
};

/** Index names of the surface → sort: the base index and its sort replicas `<base>_<sort>`. */
export function indexSorts(base: string): Map<string, Sort> {
  const sorts: Sort[] = ['price_asc', 'price_desc', 'rating_desc', 'newest'];
  return new Map<string, Sort>([[base, 'relevance'], ...sorts.map((s): [string, Sort] => [`${base}_${s}`, s])]);
}

const parseJsonArray = (v: unknown): unknown => {
  if (typeof v !== 'string' || !v.trim().startsWith('[')) return v;
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
};

const int = (min: number, max: number) =>
  z.preprocess((v) => (typeof v === 'string' && /^\s*-?\d+\s*$/.test(v) ? Number(v) : v), z.number().int().min(min).max(max));
const bool = z.preprocess((v) => (v === 'true' ? true : v === 'false' ? false : v), z.boolean());
/** Algolia's `distinct`: a boolean or the hits kept per distinct key (0 – 4); `true` is 1. */
const distinct = z.preprocess((v) => (v === true || v === 'true' ? 1 : v === false || v === 'false' ? 0 : v), int(0, L.maxDistinct));
const text = (max: number) => z.string().max(max);
/** A list as an array, a JSON array string, or a comma-separated string (the `params` query-string form). */
const stringList = (maxItems: number, maxLength: number) =>
  z.preprocess((v) => {
    const parsed = parseJsonArray(v);
    return typeof parsed === 'string' ? parsed.split(',').map((s) => s.trim()).filter(Boolean) : parsed;
  }, z.array(z.string().max(maxLength)).max(maxItems));
/** `facetFilters` / `numericFilters`: AND of (filter | OR-list of filters); a lone string is one filter. */
const filterList = z.preprocess(
  (v) => {
    const parsed = parseJsonArray(v);
    return typeof parsed === 'string' ? [parsed] : parsed;
  },
  z.array(z.union([z.string().max(1_000), z.array(z.string().max(1_000)).max(100)])).max(100),
);

/** The Algolia search parameters this surface reads; others are ignored, as Algolia ignores unknown ones. */
const Params = z.object({
  // The REST search's own text rules: length, terms, control characters become spaces.
  query: SearchText.default(''),
  page: int(0, L.resultWindow).default(0),
  hitsPerPage: int(0, L.maxHitsPerPage).default(L.defaultHitsPerPage),
  facets: stringList(L.maxFacets, L.maxAttributeLength).default([]),
  facetFilters: filterList.optional(),
  numericFilters: filterList.optional(),
  filters: text(2_000).default(''),
  tagFilters: z.unknown().optional(),
  maxValuesPerFacet: int(0, 1000).default(L.defaultValuesPerFacet),
  highlightPreTag: text(L.maxTagLength).default('<em>'),
  highlightPostTag: text(L.maxTagLength).default('</em>'),
  attributesToHighlight: stringList(L.maxAttributes, L.maxAttributeLength).optional(),
  attributesToSnippet: stringList(L.maxAttributes, L.maxAttributeLength).default([]),
  snippetEllipsisText: text(L.maxTagLength).default('…'),
  attributesToRetrieve: stringList(L.maxAttributes, L.maxAttributeLength).optional(),
  analytics: bool.default(true),
  clickAnalytics: bool.default(false),
  userToken: text(L.maxUserTokenLength).optional(),
  enableRules: bool.default(true),
  // Algolia's 'min' and 'strict' keep typo tolerance on here; only false turns it off.
  typoTolerance: z.union([bool, z.enum(['min', 'strict'])]).default(true),
  ruleContexts: stringList(L.maxRuleContexts, L.maxAttributeLength).default([]),
  getRankingInfo: bool.default(false),
  facetQuery: text(L.maxFacetQueryLength).default(''),
  maxFacetHits: int(1, L.maxFacetHits).default(L.defaultFacetHits),
  distinct: distinct.default(0),
});

/** What a raw request may carry besides the search parameters. */
const Envelope = z.object({
  indexName: z.string().min(1).max(200).optional(),
  type: z.enum(['default', 'facet']).default('default'),
  facet: z.string().max(L.maxAttributeLength).optional(),
  params: z.string().max(L.maxBodyBytes).optional(),
});

const ECHO_EXCLUDED = new Set(['indexName', 'type', 'facet', 'params', 'requests']);

/** The received parameters as Algolia echoes them: a query string, arrays and objects as JSON. */
function echo(raw: Record<string, unknown>): string {
  const out = new URLSearchParams();
  for (const [key, value] of Object.entries(raw)) {
    if (ECHO_EXCLUDED.has(key) || value === undefined) continue;
    out.set(key, typeof value === 'string' ? value : JSON.stringify(value));
  }
  return out.toString();
}

function issuesMessage(error: z.ZodError, where: string): string {
  return error.issues
    .slice(0, 5)
    .map((i) => `${[where, ...i.path.map(String)].filter(Boolean).join('.')}: ${i.message}`)
    .join('; ');
}

function snippetSpec(entry: string, where: string): { attribute: string; words: number } {
  const [attribute = '', words] = entry.split(':');
  const n = words === undefined ? 10 : Number(words);
  if (!Number.isInteger(n) || n < 1 || n > L.maxSnippetWords) throw new AlgoliaInputError(`${where}.attributesToSnippet: "${entry}" needs 1 to ${L.maxSnippetWords} words`);
  return { attribute, words: n };
}

/** Context of one raw request: its position (for messages) and what the URL already says. */
export type RawContext = { where: string; indexName?: string; facet?: string; sorts: Map<string, Sort> };

/**
 * One raw request (v5 flattened parameters, the older `params` query string, or both — flattened wins) →
 * a validated query. Unknown parameters are ignored; a bad or unbounded value is a 400 naming it.
 */
export function parseAlgoliaQuery(raw: unknown, ctx: RawContext): AlgoliaQuery {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new AlgoliaInputError(`${ctx.where || 'body'}: expected a JSON object`);
  const envelope = Envelope.safeParse(raw);
  if (!envelope.success) throw new AlgoliaInputError(issuesMessage(envelope.error, ctx.where));
  const fromString = Object.fromEntries(new URLSearchParams(envelope.data.params ?? ''));
  const merged: Record<string, unknown> = { ...fromString, ...raw };
  delete merged.params;
  const parsed = Params.safeParse(merged);
  if (!parsed.success) throw new AlgoliaInputError(issuesMessage(parsed.error, ctx.where));
  const p = parsed.data;
  const prefix = ctx.where ? `${ctx.where}.` : '';

  const indexName = ctx.indexName ?? envelope.data.indexName;
  if (indexName === undefined) throw new AlgoliaInputError(`${prefix}indexName: required`);
  const sort = ctx.sorts.get(indexName);
  if (sort === undefined) throw new HttpProblem('not_found', `Index ${indexName.slice(0, 100)} does not exist`);
  if (p.tagFilters !== undefined && p.tagFilters !== '' && !(Array.isArray(p.tagFilters) && p.tagFilters.length === 0)) {
    throw new AlgoliaInputError(`${prefix}tagFilters: tags are not supported; use facetFilters or filters`);
  }

  // Each source is translated on its own so that a 400 names the parameter it came from.
  const sources = [
    [p.facetFilters && facetFiltersNode(p.facetFilters, `${prefix}facetFilters`), `${prefix}facetFilters`],
    [p.numericFilters && numericFiltersNode(p.numericFilters, `${prefix}numericFilters`), `${prefix}numericFilters`],
    [parseFilters(p.filters, `${prefix}filters`), `${prefix}filters`],
  ] as const;
  // A family is one hit: distinct 2 – 4 (Algolia's "up to N hits per key") is served as 1.
  const group = p.distinct >= 1;
  const conditions = sources.flatMap(([node, param]) => (node ? [toEsFilter(node, param)] : []));
  const { filter, variantFilter, variantNode } = group
    ? groupedFilter(sources)
    : { filter: conditions.length > 1 ? { bool: { filter: conditions } } : conditions[0], variantFilter: undefined, variantNode: undefined };
  const type = ctx.facet !== undefined ? 'facet' : envelope.data.type;
  const facet = ctx.facet ?? envelope.data.facet;
  if (type === 'facet' && !facet) throw new AlgoliaInputError(`${prefix}facet: required for a facet value search`);

  return {
    type,
    indexName,
    sort,
    query: p.query,
    page: p.page,
    hitsPerPage: Math.min(p.hitsPerPage, L.hitsPerPageCap),
    facets: p.facets,
    filter,
    maxValuesPerFacet: Math.min(p.maxValuesPerFacet, L.maxValuesPerFacet),
    highlightPreTag: p.highlightPreTag,
    highlightPostTag: p.highlightPostTag,
    attributesToHighlight: p.attributesToHighlight,
    attributesToSnippet: p.attributesToSnippet.map((s) => snippetSpec(s, ctx.where)),
    snippetEllipsisText: p.snippetEllipsisText,
    attributesToRetrieve: p.attributesToRetrieve,
    analytics: p.analytics,
    clickAnalytics: p.clickAnalytics,
    userToken: p.userToken,
    enableRules: p.enableRules,
    typoTolerance: p.typoTolerance !== false,
    ruleContexts: contextsFromRuleContexts(p.ruleContexts),
    getRankingInfo: p.getRankingInfo,
    facet,
    facetQuery: p.facetQuery,
    maxFacetHits: p.maxFacetHits,
    group,
    variantFilter,
    variantNode,
    params: echo(merged),
  };
}
