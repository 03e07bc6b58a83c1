import type { SearchParams, SearchResponse } from '@catalog/contract';
import type { SearchBackend } from '../es/es-gateway';
import { FAMILY_SOURCE, HIT_SOURCE, searchTarget, type SearchBody } from '../search/build-search-request';
import { activeFilters, filtersExcept, scopeOf } from '../search/filters';
import { normalizeQuery } from '../search/normalize';
import { mapSearchHit, mapSearchResponse, totalPages } from '../search/map-search-response';
import { runSearches, type TypoTolerantSearch } from '../search/typo-fallback';
import type { RulePlan } from './plan-rules';
import { pinnedHits, searchWithPins } from './pinned-search';
import { applyRulePlan, mergePins, pinnedRequest } from './rule-request';

/**
 * One search with the plan applied: `search` builds the core request(s) shaped by the plan (filters, hides, boosts,
 * the widened window around pins); they go to Elasticsearch with the pinned products' request in one round trip
 * (`searchWithPins`, as the Algolia batch), the pins (relevance order only) merged at their positions; the answer says
 * which rules applied, any redirect and their userData. Without matching rules this is the core search unchanged.
 * `retried`: the typo pass answered it (its answer and what the search matched as typed).
 */
export async function searchWithRules(o: {
  plan: RulePlan;
  params: SearchParams;
  backend: SearchBackend;
  search: (shape: (body: SearchBody) => SearchBody) => TypoTolerantSearch;
}): Promise<{ response: SearchResponse; retried?: { asTypedTotal: number; answer: unknown } }> {
  const { plan, params: p } = o;
  const pinsApply = p.sort === 'relevance' && plan.pins.length > 0;
  const scope = scopeOf(p);
  const search = o.search((body) => applyRulePlan(body, plan, pinsApply, scope));
  const source = p.group ? [...HIT_SOURCE, ...FAMILY_SOURCE] : HIT_SOURCE;
  const pins = pinsApply ? pinnedRequest(plan, filtersExcept(activeFilters(p, scope), undefined, scope), source, scope) : undefined;
  const [answered] = await searchWithPins([{ ...search, pins }], runSearches(o.backend, searchTarget(p)));
  if (answered === undefined) throw new Error('no answer to the search');
  const retried = answered.asTypedTotal !== undefined ? { retried: { asTypedTotal: answered.asTypedTotal, answer: answered.answer } } : {};
  let response = mapSearchResponse(answered.answer, p, plan.filters);
  if (pins) {
    const from = (p.page - 1) * p.per_page;
    const pinned = pinnedHits(answered.pinned, plan, p.group, (s, pinId) => mapSearchHit(s, undefined, p, { prefer: pinId, ruleFilters: plan.filters }));
    const total = response.total + plan.pins.filter((pin) => pinned.has(pin.id)).length;
    const hits = mergePins({ organic: response.hits, fetchedFrom: Math.max(0, from - plan.pins.length), pinned, plan, from, size: p.per_page, organicTotal: response.total });
    response = { ...response, hits, total, totalPages: totalPages(total, p.per_page) };
  }
  if (plan.rules.length === 0) return { response, ...retried };
  const rules = {
    applied: plan.rules.map((r) => r.id),
    ...(plan.redirect !== undefined ? { redirect: plan.redirect } : {}),
    userData: plan.userData,
    ...(plan.text !== normalizeQuery(p.q) ? { queryAfterRules: plan.text } : {}),
  };
  return { response: { ...response, rules }, ...retried };
}
