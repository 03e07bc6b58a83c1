import type { SearchParams, SearchResponse } from '@catalog/contract';
import type { SearchBackend } from '../es/es-gateway';
import type { SearchBody } from '../search/build-search-request';
import { HIT_SOURCE } from '../search/build-search-request';
import { activeFilters } from '../search/filters';
import { normalizeQuery } from '../search/normalize';
import { mapHit, mapSearchResponse, totalPages } from '../search/map-search-response';
import { parseInternal } from '../internal-parse';
import { z } from 'zod';
import type { RulePlan } from './plan-rules';
import { applyRulePlan, mergePins, pinnedRequest } from './rule-request';

const PinnedHits = z.object({ hits: z.object({ hits: z.array(z.object({ _id: z.string(), _source: z.unknown() })) }) });

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
  const answer = await o.run((body) => applyRulePlan(body, plan, pinsApply));
  let response = mapSearchResponse(answer, p);
  if (pinsApply) {
    const from = (p.page - 1) * p.per_page;
    const pinnedAnswer = parseInternal(PinnedHits, await o.backend.search(pinnedRequest(plan, [...activeFilters(p).values()], HIT_SOURCE)), 'pinned products');
    const pinned = new Map(pinnedAnswer.hits.hits.flatMap((h) => {
      const hit = mapHit(h._source);
      return hit ? [[h._id, hit] as const] : [];
    }));
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
