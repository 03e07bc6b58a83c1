import type { SearchHit, SearchParams, SearchResponse } from '@catalog/contract';
import type { SearchBackend } from '../es/es-gateway';
import type { SearchBody } from '../search/build-search-request';
import { FAMILY_SOURCE, HIT_SOURCE, searchTarget } from '../search/build-search-request';
import { activeFilters, filtersExcept, scopeOf } from '../search/filters';
import { normalizeQuery } from '../search/normalize';
import { mapHit, mapSearchHit, mapSearchResponse, totalPages } from '../search/map-search-response';
import { parseInternal } from '../internal-parse';
import { z } from 'zod';
import type { RulePlan } from './plan-rules';
import { applyRulePlan, mergePins, pinnedRequest } from './rule-request';

const PinnedHits = z.object({ hits: z.object({ hits: z.array(z.object({ _id: z.string(), _source: z.unknown() })) }) });
const Members = z.object({ memberIds: z.array(z.string()) });

/**
 * Pinned product id → its hit. Grouped, the family it is a member of, represented by the pinned product when that
 * satisfies the variant filters; a family pinned twice appears once, at its first pin's position.
 */
function pinnedHits(hits: z.infer<typeof PinnedHits>['hits']['hits'], plan: RulePlan, p: SearchParams): Map<string, SearchHit> {
  const pinned = new Map<string, SearchHit>();
  if (!p.group) {
    for (const h of hits) {
      const hit = mapHit(h._source);
      if (hit) pinned.set(h._id, hit);
    }
    return pinned;
  }
  const placed = new Set<string>();
  for (const pin of plan.pins) {
    const family = hits.find((h) => Members.safeParse(h._source).data?.memberIds.includes(pin.id));
    if (family === undefined || placed.has(family._id)) continue;
    const hit = mapSearchHit(family._source, undefined, p, pin.id);
    if (hit === undefined) continue;
    placed.add(family._id);
    pinned.set(pin.id, hit);
  }
  return pinned;
}

/**
 * One search with the plan applied: `run` sends the core request(s) shaped by the plan (filters, hides, boosts, the
 * widened window around pins) and returns Elasticsearch's answer; the pinned products are fetched by id (relevance
 * order only) and merged at their positions; the answer says which rules applied, any redirect and their userData.
 * Without matching rules this is the core search unchanged. The Algolia surface can call the same pieces.
 */
export async function searchWithRules(o: {
  plan: RulePlan;
  params: SearchParams;
  backend: SearchBackend;
  run: (shape: (body: SearchBody) => SearchBody) => Promise<unknown>;
}): Promise<SearchResponse> {
  const { plan, params: p } = o;
  const pinsApply = p.sort === 'relevance' && plan.pins.length > 0;
  const scope = scopeOf(p);
  const answer = await o.run((body) => applyRulePlan(body, plan, pinsApply, scope));
  let response = mapSearchResponse(answer, p);
  if (pinsApply) {
    const from = (p.page - 1) * p.per_page;
    const source = p.group ? [...HIT_SOURCE, ...FAMILY_SOURCE] : HIT_SOURCE;
    const request = pinnedRequest(plan, filtersExcept(activeFilters(p, scope), undefined, scope), source, scope);
    const pinnedAnswer = parseInternal(PinnedHits, await o.backend.search(request, searchTarget(p)), 'pinned products');
    const pinned = pinnedHits(pinnedAnswer.hits.hits, plan, p);
    const total = response.total + plan.pins.filter((pin) => pinned.has(pin.id)).length;
    const hits = mergePins({ organic: response.hits, fetchedFrom: Math.max(0, from - plan.pins.length), pinned, plan, from, size: p.per_page, organicTotal: response.total });
    response = { ...response, hits, total, totalPages: totalPages(total, p.per_page) };
  }
  if (plan.rules.length === 0) return response;
  return {
    ...response,
    rules: {
      applied: plan.rules.map((r) => r.id),
      ...(plan.redirect !== undefined ? { redirect: plan.redirect } : {}),
      userData: plan.userData,
      ...(plan.text !== normalizeQuery(p.q) ? { queryAfterRules: plan.text } : {}),
    },
  };
}
