import { z } from 'zod';
import { parseInternal } from '../internal-parse';
import type { SearchBody } from '../search/build-search-request';
import { searchWithTypoFallback, type TypoTolerantSearch } from '../search/typo-fallback';
import type { RulePlan } from './plan-rules';

/** A search and, when its rules pin products into its window, the by-id request for them (`pinnedRequest`). */
export type SearchWithPins = TypoTolerantSearch & { pins?: SearchBody | undefined };

/**
 * What one search answered: `answer` (its typo pass's when that answered it, then `asTypedTotal` is what it matched as
 * typed: did-you-mean, `correction.ts`) and `pinned`, the answer of its pinned request (undefined without one).
 */
export type AnsweredWithPins = { answer: unknown; pinned: unknown; asTypedTotal?: number };

/**
 * Every search as typed and every pinned request in ONE round trip (`run` sends several bodies as one `_msearch`);
 * the thin searches with text run again with typos in one more (`searchWithTypoFallback`). Pinned requests fetch
 * products by id: never retried. The REST search and the Algolia batch both search through here.
 */
export async function searchWithPins(searches: readonly SearchWithPins[], run: (bodies: SearchBody[]) => Promise<unknown[]>): Promise<AnsweredWithPins[]> {
  const pinned = searches.flatMap((s, i) => (s.pins ? [{ i, body: s.pins }] : []));
  const asTypedTotals = new Map<number, number>();
  const responses = await searchWithTypoFallback(
    [...searches.map(({ asTyped, withTypos }) => ({ asTyped, withTypos })), ...pinned.map((p) => ({ asTyped: p.body }))],
    run,
    (i, total) => asTypedTotals.set(i, total),
  );
  const pinnedAnswers = new Map(pinned.map((p, j) => [p.i, responses[searches.length + j]]));
  return searches.map((_, i) => {
    const asTypedTotal = asTypedTotals.get(i);
    return { answer: responses[i], pinned: pinnedAnswers.get(i), ...(asTypedTotal !== undefined ? { asTypedTotal } : {}) };
  });
}

const PinnedHits = z.object({ hits: z.object({ hits: z.array(z.object({ _id: z.string(), _source: z.unknown() })) }) });
const Members = z.object({ memberIds: z.array(z.string()) });

/**
 * Pinned product id → its hit, any hit shape (`toHit(source, pinId)`: a REST hit, an Algolia record). Grouped, the
 * family the product is a member of, which `toHit` represents by the pinned product when it qualifies; a family pinned
 * twice appears once, at its first pin's position. Pins the answer does not hold (unknown, filtered out) are absent.
 */
export function pinnedHits<H>(answer: unknown, plan: Pick<RulePlan, 'pins'>, grouped: boolean, toHit: (source: unknown, pinId: string) => H | undefined): Map<string, H> {
  const hits = parseInternal(PinnedHits, answer, 'pinned products').hits.hits;
  const pinned = new Map<string, H>();
  const placed = new Set<string>();
  for (const pin of plan.pins) {
    const doc = grouped ? hits.find((h) => Members.safeParse(h._source).data?.memberIds.includes(pin.id)) : hits.find((h) => h._id === pin.id);
    if (doc === undefined || placed.has(doc._id)) continue;
    const hit = toHit(doc._source, pin.id);
    if (hit === undefined) continue;
    placed.add(doc._id);
    pinned.set(pin.id, hit);
  }
  return pinned;
}
