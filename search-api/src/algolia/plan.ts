import type { estypes } from '@elastic/elasticsearch';
import { FAMILY_SOURCE, HIT_SOURCE, plainMatchHighlight, relevanceQuery, sortClauses, type SearchBody } from '../search/build-search-request';
import { FILTER_FIELDS, FLAT, GROUPED, type SearchScope } from '../search/filters';
import { applyRulePlan, changesRequest, pinnedRequest, ruleVariantQueries } from '../rules/rule-request';
import type { RulePlan } from '../rules/plan-rules';
import { AlgoliaInputError } from './algolia-error';
import { facetTerms, resolveAttribute, STAR_FACETS, type Attribute } from './attributes';
import { facetAgg } from './family-facets';
import { isVariantAttribute } from './family-filters';
import { ALGOLIA_LIMITS } from './limits';
import type { AlgoliaQuery } from './params';

type Agg = estypes.AggregationsAggregationContainer;

/** Where a query's answer sits in an Elasticsearch response: the root, or its own filter aggregation. */
export type Member = { request: number; container: 'root' | { agg: string }; hits: boolean };
/**
 * One Elasticsearch search of a batch (as typed, and with typos for a thin answer: `typo-fallback.ts`) and the queries it
 * answers; `pins`: the request fetching its hits query's pinned products (sent in the same round trip).
 */
export type PlannedSearch = { body: SearchBody; withTypos?: SearchBody | undefined; members: Member[]; pins?: { request: number; body: SearchBody } };
/** How rules and synonyms shape one query's search (`merchandise-batch.ts`): its synonym alternatives and its rules' plan. */
export type QueryShaping = { alternatives: readonly string[]; plan: RulePlan };
/** A query shaped by nothing: no alternatives, no rules. */
export const UNSHAPED: QueryShaping = {
  alternatives: [],
  plan: { rules: [], text: '', pins: [], hide: [], boosts: [], filters: [], userData: [], key: '' },
};
/** Queries with the same key share a search: the same alternatives and the same rule changes to the request. */
const shapingKey = (s: QueryShaping): string => JSON.stringify([s.alternatives, changesRequest(s.plan) ? s.plan.key : '']);
/** Pins reorder a query's hits in relevance order only (as in the REST search). */
// Under `distinct` a pinned product's family takes the pin's position (`withRuleResults`), as in the REST search.
const pinsApply = (q: AlgoliaQuery, s: QueryShaping): boolean => q.sort === 'relevance' && s.plan.pins.length > 0 && hitsWindow(q).size > 0;
/** Grouped (`distinct`): family documents, variant conditions on the nested variants (`family-filters.ts`). */
const scopeOf = (q: AlgoliaQuery | undefined): SearchScope => (q?.group ? GROUPED : FLAT);

/** The typo-tolerant body of a search with text; a browse has no typos to forgive. */
const typoBody = (text: string, body: (typos: boolean) => SearchBody): SearchBody | undefined => (text.trim() === '' ? undefined : body(true));

/** Text fields that can be highlighted or snippeted. */
export const HIGHLIGHTABLE = ['title', 'brand', 'description'] as const;
/** `attributesToHighlight` when the request does not say. */
export const DEFAULT_HIGHLIGHT = ['title', 'brand'];
/** Private highlight markers, replaced by the requested tags when mapping (so text can never fake a tag). */
export const MARK = { pre: '\u0002', post: '\u0003' } as const;
/** Product attributes with `facets: ["*"]`: one aggregation over every `name=value` pair. */
export const STAR_ATTRIBUTES_SIZE = 200;
/** Aggregation names of a query's facets. */
export const aggNames = { terms: (j: number) => `f${j}`, stats: (j: number) => `s${j}`, starAttributes: 'fa', facetSearch: 'fs' };

/** The facets a query asked for that exist here, in a stable order (unknown names are ignored, as Algolia does). */
export function resolveFacets(q: AlgoliaQuery): { attributes: Attribute[]; starAttributes: boolean } {
  const star = q.facets.includes('*');
  const names = star ? [...new Set([...STAR_FACETS, ...q.facets.filter((f) => f !== '*')])] : [...new Set(q.facets)];
  return { attributes: names.flatMap((n) => resolveAttribute(n) ?? []), starAttributes: star };
}

/** The searchable facet of a facet value search; numeric attributes and unknown names are a 400. */
export function searchableFacet(q: AlgoliaQuery): Attribute {
  const a = resolveAttribute(q.facet ?? '');
  if (!a || a.kind === 'numeric' || a.kind === 'boolean') {
    throw new AlgoliaInputError(`Cannot search in "${(q.facet ?? '').slice(0, 60)}": searchable facets are brand, categories.lvlN and attributes.<name>`);
  }
  return a;
}

/** The conditions on one variant of a grouped query: its own (`variantFilter`) and its rules' filters' variant parts. */
const variantConditions = (q: AlgoliaQuery, s: QueryShaping): estypes.QueryDslQueryContainer[] => [
  ...(q.variantFilter ? [q.variantFilter] : []),
  ...s.plan.filters.flatMap((f) => ruleVariantQueries(f, GROUPED)),
];

function queryAggs(query: AlgoliaQuery, s: QueryShaping): Record<string, Agg> {
  // Grouped, variant-level facets count the variants satisfying the query's and its rules' variant conditions.
  const conditions = variantConditions(query, s);
  const q = { ...query, variantFilter: conditions.length > 1 ? { bool: { filter: conditions } } : conditions[0] };
  if (q.type === 'facet') {
    const a = searchableFacet(q);
    return { [aggNames.facetSearch]: facetAgg(q, isVariantAttribute(a), (field) => facetTerms(a, q.maxFacetHits, q.facetQuery.trim(), field)) };
  }
  const { attributes, starAttributes } = resolveFacets(q);
  const aggs: Record<string, Agg> = {};
  attributes.forEach((a, j) => {
    const variantLevel = isVariantAttribute(a);
    if (q.maxValuesPerFacet > 0) aggs[aggNames.terms(j)] = facetAgg(q, variantLevel, (field) => facetTerms(a, q.maxValuesPerFacet, undefined, field));
    // Grouped, the price stats are of the matching variants' prices.
    if (a.kind === 'numeric') aggs[aggNames.stats(j)] = facetAgg(q, variantLevel, (field) => ({ stats: { field: field(a.name) } }), false);
  });
  if (starAttributes) {
    aggs[aggNames.starAttributes] = facetAgg(q, true, (field) => ({ terms: { field: field(FILTER_FIELDS.attributePairs), size: STAR_ATTRIBUTES_SIZE } }));
  }
  return aggs;
}

/** Hits a query wants from Elasticsearch: none past the result window, as the REST API never pages past it. */
export function hitsWindow(q: AlgoliaQuery): { from: number; size: number } {
  if (q.type === 'facet' || q.hitsPerPage === 0) return { from: 0, size: 0 };
  const from = q.page * q.hitsPerPage;
  return { from, size: Math.max(0, Math.min(q.hitsPerPage, ALGOLIA_LIMITS.resultWindow - from)) };
}

const pick = (wanted: readonly string[]): string[] => HIGHLIGHTABLE.filter((f) => wanted.includes('*') || wanted.includes(f));

/** Attributes of `_highlightResult`. */
export const highlightTargets = (q: AlgoliaQuery): string[] => pick(q.attributesToHighlight ?? DEFAULT_HIGHLIGHT);

/** Attributes whose marked text the mapper needs (for `_highlightResult` and `_snippetResult`). */
export function highlightedAttributes(q: AlgoliaQuery): string[] {
  return pick([...(q.attributesToHighlight ?? DEFAULT_HIGHLIGHT), ...q.attributesToSnippet.map((s) => s.attribute)]);
}

/** Fields a hit of `q` needs from `_source`. */
const hitSource = (q: AlgoliaQuery): string[] => [
  ...HIT_SOURCE,
  'attributes',
  'createdAt',
  ...(highlightedAttributes(q).includes('description') ? ['description'] : []),
  ...(q.group ? FAMILY_SOURCE : []),
];

/** The request for the pinned products of the query bringing hits, under its own filter and the rule filters (`pinnedRequest`). */
function pinsPart(hitsQuery: { q: AlgoliaQuery; request: number } | undefined, s: QueryShaping): PlannedSearch['pins'] {
  if (!hitsQuery || !pinsApply(hitsQuery.q, s)) return undefined;
  const q = hitsQuery.q;
  return { request: hitsQuery.request, body: pinnedRequest(s.plan, q.filter ? [q.filter] : [], hitSource(q), scopeOf(q)) };
}

function hitsPart(q: AlgoliaQuery, s: QueryShaping): Partial<SearchBody> {
  const { from, size } = hitsWindow(q);
  const text = q.query.trim();
  const highlighted = highlightedAttributes(q);
  const source = hitSource(q);
  return {
    from,
    size,
    // Grouped, a price sort reads the family's matching variants (the lowest matching price ascending), its rules' filters included.
    sort: sortClauses(text, q.sort, q.group ? { scope: GROUPED, filter: variantConditions(q, s) } : undefined),
    _source: source,
    ...(text !== '' && highlighted.length > 0
      ? {
          highlight: {
            pre_tags: [MARK.pre],
            post_tags: [MARK.post],
            // Whole values: the snippet window is cut around the first match when mapping.
            fields: Object.fromEntries(highlighted.map((f) => [f, plainMatchHighlight(f, text, { number_of_fragments: 0 })])),
          },
        }
      : {}),
  };
}

/** One query alone: filter in the query, facets at the root (cheapest for Elasticsearch); shaped by its rules. */
function single(q: AlgoliaQuery, request: number, s: QueryShaping): PlannedSearch {
  const aggs = queryAggs(q, s);
  const body = (typos: boolean): SearchBody => {
    const relevance = relevanceQuery(q.query, typos, s.alternatives);
    const plain: SearchBody = { query: q.filter ? { bool: { must: [relevance], filter: [q.filter] } } : relevance, track_total_hits: true, ...hitsPart(q, s), aggs };
    return applyRulePlan(plain, s.plan, pinsApply(q, s), scopeOf(q));
  };
  const pins = pinsPart({ q, request }, s);
  return { body: body(false), withTypos: typoBody(q.query, body), members: [{ request, container: 'root', hits: hitsWindow(q).size > 0 }], ...(pins ? { pins } : {}) };
}

/**
 * Queries sharing a text: at most one brings hits (its filter is the `post_filter`), every other one is a
 * filter aggregation over the same matches, as the REST API computes its disjunctive facets.
 */
function shared(hitsQuery: { q: AlgoliaQuery; request: number } | undefined, others: { q: AlgoliaQuery; request: number }[], s: QueryShaping): PlannedSearch {
  const text = (hitsQuery ?? others[0])?.q.query ?? '';
  const all = hitsQuery ? [hitsQuery, ...others] : others;
  const aggs: Record<string, Agg> = {};
  const members: Member[] = all.map(({ q, request }) => {
    const name = `m${request}`;
    aggs[name] = { filter: q.filter ?? { match_all: {} }, aggs: queryAggs(q, s) };
    return { request, container: { agg: name }, hits: q === hitsQuery?.q };
  });
  const body = (typos: boolean): SearchBody =>
    applyRulePlan(
      {
        query: relevanceQuery(text, typos, s.alternatives),
        track_total_hits: true,
        ...(hitsQuery ? hitsPart(hitsQuery.q, s) : { size: 0 }),
        aggs,
        ...(hitsQuery?.q.filter ? { post_filter: hitsQuery.q.filter } : {}),
      },
      s.plan,
      hitsQuery !== undefined && pinsApply(hitsQuery.q, s),
      // One planned search reads one index: its queries are all grouped or none (`byTarget`).
      scopeOf((hitsQuery ?? others[0])?.q),
    );
  const pins = pinsPart(hitsQuery, s);
  return { body: body(false), withTypos: typoBody(text, body), members, ...(pins ? { pins } : {}) };
}

/**
 * A whole batch → as few Elasticsearch searches as it needs: one per query that brings hits, with every
 * hit-less query of the same text (the helper's disjunctive-facet and hierarchical-parent queries, facet
 * value searches) answered by aggregations of that search. A typical InstantSearch batch is one search.
 */
export function planBatch(queries: readonly AlgoliaQuery[], shaping: readonly QueryShaping[] = []): PlannedSearch[] {
  const byText = new Map<string, { s: QueryShaping; hits: { q: AlgoliaQuery; request: number }[]; counts: { q: AlgoliaQuery; request: number }[] }>();
  queries.forEach((q, request) => {
    // Queries share a search when their text and what rules and synonyms do to it are the same.
    const s = shaping[request] ?? UNSHAPED;
    const key = `${q.query.trim()}\u0000${shapingKey(s)}`;
    const group = byText.get(key) ?? { s, hits: [], counts: [] };
    byText.set(key, group);
    (hitsWindow(q).size > 0 ? group.hits : group.counts).push({ q, request });
  });
  const plan: PlannedSearch[] = [];
  for (const { s, hits, counts } of byText.values()) {
    const [first, ...rest] = hits;
    if (counts.length === 0 && first) plan.push(single(first.q, first.request, s));
    else if (!first && counts.length === 1 && counts[0]) plan.push(single(counts[0].q, counts[0].request, s));
    else plan.push(shared(first, counts, s));
    for (const h of rest) plan.push(single(h.q, h.request, s));
  }
  return plan;
}
