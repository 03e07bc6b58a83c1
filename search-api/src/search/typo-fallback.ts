import { z } from 'zod';
import type { SearchBackend, SearchTarget } from '../es/es-gateway';
import type { SearchBody } from './build-search-request';
import { TYPO_TOLERANCE } from './text-query';

/** One planned search: its body as typed, and with typo tolerance when it has text that typos could explain. */
export type TypoTolerantSearch = { asTyped: SearchBody; withTypos?: SearchBody | undefined };

const Total = z.object({ hits: z.object({ total: z.union([z.number(), z.object({ value: z.number() })]) }) });

/** The answer matched fewer products than `TYPO_TOLERANCE.belowHits` (an answer without a total is not thin). */
export function isThin(response: unknown): boolean {
  const parsed = Total.safeParse(response);
  if (!parsed.success) return false;
  const total = parsed.data.hits.total;
  return (typeof total === 'number' ? total : total.value) < TYPO_TOLERANCE.belowHits;
}

/**
 * Every search as typed in one round trip; the thin ones that have text run again with typos in one more round
 * trip, and that answer replaces the as-typed one (its total and facets count the typo matches too; exact matches
 * still rank first). Most searches are one pass without fuzziness, which is where the cost of typos was.
 */
export async function searchWithTypoFallback(
  searches: readonly TypoTolerantSearch[],
  run: (bodies: SearchBody[]) => Promise<unknown[]>,
): Promise<unknown[]> {
  const responses = await run(searches.map((s) => s.asTyped));
  const again = searches.flatMap((s, i) => (s.withTypos !== undefined && isThin(responses[i]) ? [{ i, body: s.withTypos }] : []));
  if (again.length === 0) return responses;
  const second = await run(again.map((a) => a.body));
  again.forEach((a, j) => {
    responses[a.i] = second[j];
  });
  return responses;
}

/** Bodies → answers in one round trip: a plain `_search` for one, `_msearch` for several; of products or families (`target`). */
export const runSearches =
  (backend: Pick<SearchBackend, 'search' | 'multiSearch'>, target: SearchTarget = 'products') =>
  async (bodies: SearchBody[]): Promise<unknown[]> =>
    bodies.length === 1 && bodies[0] ? [await backend.search(bodies[0], target)] : backend.multiSearch(bodies, target);
