import { cleanSearchText, type SearchParams } from '@catalog/contract';

/** How a query is counted in analytics and keyed in the cache: no control characters, NFKC, lowercase, single spaces. */
export function normalizeQuery(q: string): string {
  return cleanSearchText(q).normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Words of a query as the app sees them (the analyzers split further); bounded so a query stays cheap. */
export function queryWords(q: string, max = 10): string[] {
  return q.split(/\s+/).filter((w) => w.length > 0).slice(0, max);
}

const sortedUnique = (values: readonly string[]): string[] => [...new Set(values)].sort();

/**
 * A canonical string of the parameters that decide a search response: the same request written two ways
 * (case, spacing, order of repeated filters) gives the same cache key.
 */
export function canonicalSearch(p: SearchParams): string {
  const attr = [...p.attr]
    .map(([name, values]) => [name, sortedUnique(values)] as const)
    .filter(([, values]) => values.length > 0)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return JSON.stringify([
    normalizeQuery(p.q),
    sortedUnique(p.brand),
    sortedUnique(p.category),
    p.price_min ?? null,
    p.price_max ?? null,
    p.rating_min ?? null,
    p.in_stock ?? null,
    attr,
    p.sort,
    p.page,
    p.per_page,
    p.group,
    p.correct,
  ]);
}
