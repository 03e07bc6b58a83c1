import { z } from 'zod';
import type { SearchBackend, SearchTarget } from '../es/es-gateway';
import type { SearchBody } from './build-search-request';
import { TYPO_TOLERANCE } from './text-query';

/** One planned search: its body as typed, and with typo tolerance when it has text that typos could explain. */
export type TypoTolerantSearch = { asTyped: SearchBody; withTypos?: SearchBody | undefined };

const Total = z.object({ hits: z.object({ total: z.union([z.number(), z.object({ value: z.number() })]) }) });

/** How many products an answer matched (undefined for an answer without a total). */
export function totalOf(response: unknown): number | undefined {
  const parsed = Total.safeParse(response);
  if (!parsed.success) return undefined;
  const total = parsed.data.hits.total;
  return typeof total === 'number' ? total : total.value;
}

/** The answer matched fewer products than `TYPO_TOLERANCE.belowHits` (an answer without a total is not thin). */
export function isThin(response: unknown): boolean {
  const total = totalOf(response);
  return total !== undefined && total < TYPO_TOLERANCE.belowHits;
}

/**
 * Every search as typed in one round trip; the thin ones that have text run again with typos in one more round
 * trip, and that answer replaces the as-typed one (its total and facets count the typo matches too; exact matches
 * still rank first). Most searches are one pass without fuzziness, which is where the cost of typos was.
 * `onRetried(i, total)` hears which searches were answered by their typo pass and what they matched as typed
 * (did-you-mean, `correction.ts`).
 */
export async function searchWithTypoFallback(
  searches: readonly TypoTolerantSearch[],
  run: (bodies: SearchBody[]) => Promise<unknown[]>,
  onRetried?: (i: number, asTypedTotal: number) => void,
): Promise<unknown[]> {
  const responses = await run(searches.map((s) => s.asTyped));
  const again = searches.flatMap((s, i) => (s.withTypos !== undefined && isThin(responses[i]) ? [{ i, body: s.withTypos }] : []));
  if (again.length === 0) return responses;
  const second = await run(again.map((a) => a.body));
  again.forEach((a, j) => {
    onRetried?.(a.i, totalOf(responses[a.i]) ?? 0);
    responses[a.i] = second[j];
  });
  return responses;
}

/** Bodies → answers in one round trip: a plain `_search` for one, `_msearch` for several; of products or families (`target`). */
export const runSearches =
  (backend: Pick<SearchBackend, 'search' | 'multiSearch'>, target: SearchTarget = 'products') =>
  async (bodies: SearchBody[]): Promise<unknown[]> =>
    bodies.length === 1 && bodies[0] ? [await backend.search(bodies[0], target)] : backend.multiSearch(bodies, target);
