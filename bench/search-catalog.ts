import { readFileSync } from 'node:fs';
import type autocannon from 'autocannon';

/** One query of the Best Buy mix with its search frequency. */
export type WeightedQuery = { query: string; popularity: number; category: string };

/** `data/queries-bestbuy.tsv` (or another file with its columns) → weighted queries. */
export function loadQueries(path: string): WeightedQuery[] {
  return readFileSync(path, 'utf8')
    .split('\n')
    .slice(1)
    .map((line) => line.split('\t'))
    .flatMap(([query, popularity, , category]) =>
      query && popularity ? [{ query: query.trim(), popularity: Number(popularity), category: (category ?? '').trim() }] : [],
    )
    .filter((q) => q.query.length > 0 && q.query.length <= 200 && q.popularity > 0);
}

/** `count` picks from `items`, each with probability proportional to its weight. */
export function weightedSample<T>(items: T[], weight: (t: T) => number, count: number, random: () => number): T[] {
  const cumulative: number[] = [];
  let total = 0;
  for (const item of items) cumulative.push((total += weight(item)));
  return Array.from({ length: count }, () => {
    const r = random() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if ((cumulative[mid] ?? 0) < r) lo = mid + 1;
      else hi = mid;
    }
    return items[lo] as T;
  });
}

/** `count` different queries (case and spacing aside) in the order weighted draws first meet them: the popular ones first, then the tail. */
export function distinctQueries(items: WeightedQuery[], count: number, random: () => number): string[] {
  const seen = new Map<string, string>();
  const limit = new Set(items.map((q) => q.query.toLowerCase().replace(/\s+/g, ' '))).size;
  while (seen.size < Math.min(count, limit)) {
    for (const q of weightedSample(items, (x) => x.popularity, 1_000, random)) {
      const key = q.query.toLowerCase().replace(/\s+/g, ' ');
      if (!seen.has(key) && seen.size < count) seen.set(key, q.query);
    }
  }
  return [...seen.values()];
}

/**
 * autocannon requests that each search a fresh weighted draw of `queries`. A fixed list would be walked from its start
 * by every connection in step, so each query would come in bursts of `connections` requests: not the stream shoppers
 * make, and not the one a cache sees in production.
 */
export function weightedSearchRequests(queries: WeightedQuery[], random: () => number): autocannon.Request[] {
  const next = () => `/v1/products/search?q=${encodeURIComponent(weightedSample(queries, (x) => x.popularity, 1, random)[0]?.query ?? '')}`;
  return [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }];
}
