import type { estypes } from '@elastic/elasticsearch';
import type { RuleFilter } from '@catalog/contract';
import { attributePair, FILTER_FIELDS, FLAT, IS_TOMBSTONE, productIdsQuery, variantField, type SearchScope } from '../search/filters';
import type { RulePlan } from './plan-rules';

type Query = estypes.QueryDslQueryContainer;
type Body = Omit<estypes.SearchRequest, 'index'>;

/**
 * A rule filter as an Elasticsearch filter: every part must hold. Grouped (`scope`), brand and category on the family
 * and the attribute and price parts on one variant together (`filters.ts`).
 */
export function ruleFilterQuery(f: RuleFilter, scope: SearchScope = FLAT): Query {
  const parts: Query[] = [];
  const variant = ruleVariantQueries(f, scope);
  if (f.brand) parts.push({ terms: { [FILTER_FIELDS.brand]: f.brand } });
  if (f.category) parts.push({ term: { [FILTER_FIELDS.categoryPaths]: f.category } });
  if (scope.variants === undefined || variant.length === 0) return { bool: { filter: [...parts, ...variant] } };
  return { bool: { filter: [...parts, { nested: { path: scope.variants, query: { bool: { filter: variant } } } }] } };
}

/**
 * The variant-level parts of a rule filter (attributes, price) as conditions on one variant's fields in `scope`; grouped,
 * a price sort reads the variants they keep too (`sortClauses`), as `variantMatcher` marks them matching.
 */
export function ruleVariantQueries(f: RuleFilter, scope: SearchScope): Query[] {
  const variant: Query[] = Object.entries(f.attr ?? {}).map(([name, values]) => ({
    terms: { [variantField(scope, FILTER_FIELDS.attributePairs)]: values.map((v) => attributePair(name, v)) },
  }));
  if (f.priceMin !== undefined || f.priceMax !== undefined) {
    variant.push({
      range: { [variantField(scope, 'price')]: { ...(f.priceMin !== undefined ? { gte: f.priceMin } : {}), ...(f.priceMax !== undefined ? { lte: f.priceMax } : {}) } },
    });
  }
  return variant;
}

/** Whether the plan changes the Elasticsearch request at all (a redirect or userData alone does not). */
export const changesRequest = (plan: RulePlan): boolean =>
  plan.pins.length > 0 || plan.hide.length > 0 || plan.boosts.length > 0 || plan.filters.length > 0;

/**
 * The core request with the plan applied, on any build (no `pinned` query): rule filters restrict results and
 * facets, hidden and pinned products leave the organic results, boosts and buries multiply the score of what
 * their filter matches. With pins the organic window starts up to `pins` earlier and holds `pins` more, so that
 * `mergePins` can place the pins found and still fill the page. Grouped (`scope`), a hidden or pinned product takes
 * its whole family out of the organic results.
 */
export function applyRulePlan(body: Body, plan: RulePlan, pinsApply: boolean, scope: SearchScope = FLAT): Body {
  if (!changesRequest(plan)) return body;
  const pins = pinsApply ? plan.pins : [];
  const excluded = [...new Set([...plan.hide, ...pins.map((p) => p.id)])];
  let query: Query = {
    bool: {
      must: [body.query ?? { match_all: {} }],
      filter: plan.filters.map((f) => ruleFilterQuery(f, scope)),
      ...(excluded.length > 0 ? { must_not: [productIdsQuery(scope, excluded)] } : {}),
    },
  };
  if (plan.boosts.length > 0) {
    query = {
      function_score: {
        query,
        functions: plan.boosts.map((b) => ({ filter: ruleFilterQuery(b.filter, scope), weight: b.factor })),
        score_mode: 'multiply',
        boost_mode: 'multiply',
      },
    };
  }
  const from = body.from ?? 0;
  const size = body.size ?? 10;
  const widen = pins.length > 0 ? { from: Math.max(0, from - pins.length), size: size + pins.length } : {};
  return { ...body, query, ...widen };
}

/**
 * The request for the pinned products: by id, under the request's own filters and the rule filters, never a tombstone.
 * Grouped, the families the pinned products are members of.
 */
export function pinnedRequest(plan: RulePlan, filters: Query[], source: string[], scope: SearchScope = FLAT): Body {
  const pinned = productIdsQuery(scope, plan.pins.map((p) => p.id));
  return {
    query: { bool: { filter: [pinned, ...filters, ...plan.filters.map((f) => ruleFilterQuery(f, scope))], must_not: [IS_TOMBSTONE] } },
    size: plan.pins.length,
    _source: source,
    track_total_hits: false,
  };
}

/**
 * The page with pins at their 1-based positions: `organic` is the widened window starting at `fetchedFrom`
 * (`applyRulePlan`), `pinned` the pinned products that exist and pass the filters. Pins past the last organic
 * result close the list, in position order. Any hit shape: the REST hits and the Algolia records.
 */
export function mergePins<H>(o: {
  organic: H[];
  fetchedFrom: number;
  pinned: Map<string, H>;
  plan: RulePlan;
  from: number;
  size: number;
  organicTotal: number;
}): H[] {
  const found = o.plan.pins.filter((p) => o.pinned.has(p.id));
  const total = o.organicTotal + found.length;
  // Pins placed where the list is long enough to reach them; the rest follow the organic results.
  const placed = new Map<number, string>();
  for (const pin of found) placed.set(Math.min(pin.position - 1, o.organicTotal + placed.size), pin.id);
  const before = [...placed.keys()].filter((at) => at < o.from).length;
  let organicIndex = o.from - before - o.fetchedFrom;
  const page: H[] = [];
  for (let at = o.from; at < Math.min(o.from + o.size, total); at++) {
    const pinId = placed.get(at);
    const hit = pinId !== undefined ? o.pinned.get(pinId) : o.organic[organicIndex++];
    if (hit) page.push(hit);
  }
  return page;
}
