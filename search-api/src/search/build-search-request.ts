import type { estypes } from '@elastic/elasticsearch';
import { HIT_FIELDS, type SearchParams, type Sort } from '@catalog/contract';
import { activeFilters, filtersExcept, FLAT, IS_TOMBSTONE, scopeOf, variantField, variantFiltersExcept, type SearchScope } from './filters';
import { buildFacetAggs, hoistUnfiltered } from './facets';
import type { SearchTarget } from '../es/es-gateway';
import { withAlternatives } from '../synonyms/alternatives-query';
import { correctionSuggest } from './correction';
import { boostFunctions, GROUPED_TEXT_FIELDS, textQuery, WEIGHTS } from './text-query';

/** An Elasticsearch search body (the index is the gateway's business). */
export type SearchBody = Omit<estypes.SearchRequest, 'index'>;

/** Fields a hit needs (the contract's `SearchHit`); the rest of the document stays in Elasticsearch. */
export const HIT_SOURCE = [...HIT_FIELDS];

// `id` (keyword, doc values) is the last tiebreaker so that pages never overlap or skip.
const SORTS: Record<Sort, estypes.SortCombinations[]> = {
  relevance: ['_score', { popularity: { order: 'desc', missing: '_last' } }, { id: 'asc' }],
  price_asc: [{ price: 'asc' }, '_score', { id: 'asc' }],
  price_desc: [{ price: 'desc' }, '_score', { id: 'asc' }],
  rating_desc: [{ rating: 'desc' }, { reviewCount: 'desc' }, '_score', { id: 'asc' }],
  newest: [{ createdAt: 'desc' }, '_score', { id: 'asc' }],
};

/** Browse (empty q) has no text score: "relevance" means most popular first. */
const BROWSE_RELEVANCE: estypes.SortCombinations[] = [{ popularity: { order: 'desc', missing: '_last' } }, { id: 'asc' }];

/**
 * Sort clauses of a search; browse (empty text) "relevance" means most popular first. Grouped (`variants` given), price
 * sorts read the family's matching variants: the lowest matching price ascending, the highest descending.
 */
export function sortClauses(q: string, sort: Sort, variants?: { scope: SearchScope; filter: estypes.QueryDslQueryContainer[] }): estypes.SortCombinations[] {
  const clauses = q.trim() === '' && sort === 'relevance' ? BROWSE_RELEVANCE : SORTS[sort];
  const path = variants?.scope.variants;
  if (variants === undefined || path === undefined || (sort !== 'price_asc' && sort !== 'price_desc')) return clauses;
  const order = sort === 'price_asc' ? 'asc' : 'desc';
  const nested = { path, ...(variants.filter.length > 0 ? { filter: { bool: { filter: variants.filter } } } : {}) };
  return [{ [variantField(variants.scope, 'price')]: { order, mode: order === 'asc' ? 'min' : 'max', nested } }, ...clauses.slice(1)];
}

/** The index a search reads: families when grouped (the default), products with `group=false`. */
export const searchTarget = (p: Pick<SearchParams, 'group'>): SearchTarget => (p.group ? 'families' : 'products');

/** What a grouped hit reads besides the hit fields: the family and its variants. */
export const FAMILY_SOURCE = ['groupId', 'memberIds', 'variants'];

/**
 * The query every search surface shares: text relevance when there is text, and never a tombstone. As typed
 * unless `typos` (the second pass of a thin search, see `typo-fallback.ts`). Grouped (`scope`), words also match the
 * family's varying attribute values (`GROUPED_TEXT_FIELDS`).
 */
export function relevanceQuery(q: string, typos = false, alternatives: readonly string[] = [], scope: SearchScope = FLAT): estypes.QueryDslQueryContainer {
  const text = q.trim();
  if (text === '') return { bool: { must_not: [IS_TOMBSTONE] } };
  const fields = scope.variants === undefined ? WEIGHTS.fields : GROUPED_TEXT_FIELDS;
  // The typo pass names each word's clause: the words its best hit did not match were dropped (`correction.ts`).
  const { must, should } = textQuery(text, typos, typos, fields);
  return {
    function_score: {
      // Runtime synonyms (search-api/src/synonyms/): the text as typed or any of its alternatives.
      query: { bool: { must: withAlternatives(must, alternatives, (a) => textQuery(a, typos, false, fields).must), should, must_not: [IS_TOMBSTONE] } },
      functions: boostFunctions(),
      score_mode: 'sum',
      boost_mode: 'multiply',
    },
  };
}

/**
 * Highlight of one text field. A plain match (synonyms and stems still apply): letting the highlighter
 * rewrite the fuzzy and prefix clauses made a search ~10× slower on 50 k products. Typo matches go unhighlighted.
 */
export function plainMatchHighlight(field: string, q: string, options: estypes.SearchHighlightField = {}): estypes.SearchHighlightField {
  return { ...options, highlight_query: { match: { [field]: q.trim() } } };
}

/**
 * The Elasticsearch request behind `GET /v1/products/search`: hits, total and every facet; as typed, or with
 * typo tolerance for the second pass of a thin search. Grouped (the default) it is the same request over the
 * families index: variant-level filters, facets and the price sort read the nested variants (`filters.ts`); the price
 * sort and the variant-level facets also read only the variants that satisfy `ruleVariants` (the rule filters' variant
 * parts, `ruleVariantQueries`).
 */
export function buildSearchRequest(
  p: SearchParams,
  { typos = false, alternatives = [], ruleVariants = [] }: { typos?: boolean; alternatives?: readonly string[]; ruleVariants?: readonly estypes.QueryDslQueryContainer[] } = {},
): SearchBody {
  const q = p.q.trim();
  const scope = scopeOf(p);
  const filters = activeFilters(p, scope);
  const body: SearchBody = {
    query: relevanceQuery(q, typos, alternatives, scope),
    from: (p.page - 1) * p.per_page,
    size: p.per_page,
    sort: sortClauses(q, p.sort, { scope, filter: [...variantFiltersExcept(filters), ...ruleVariants] }),
    track_total_hits: true,
    _source: scope.variants === undefined ? HIT_SOURCE : [...HIT_SOURCE, ...FAMILY_SOURCE],
    aggs: hoistUnfiltered(buildFacetAggs(p, filters, scope, ruleVariants)),
  };
  if (filters.size > 0) body.post_filter = { bool: { filter: filtersExcept(filters, undefined, scope) } };
  if (q !== '' && typos) body.suggest = correctionSuggest(q);
  if (q !== '') {
    body.highlight = {
      pre_tags: ['<em>'],
      post_tags: ['</em>'],
      encoder: 'html',
      fields: {
        title: plainMatchHighlight('title', q, { number_of_fragments: 0 }),
        description: plainMatchHighlight('description', q, { fragment_size: 160, number_of_fragments: 1, no_match_size: 0 }),
      },
    };
  }
  return body;
}
