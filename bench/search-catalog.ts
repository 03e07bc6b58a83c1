import { readFileSync } from 'node:fs';
import type { Product } from '@catalog/contract';

/** One query of the Best Buy mix with its search frequency. */
export type WeightedQuery = { query: string; popularity: number; category: string };

/** `/work/shared/data/queries-bestbuy.tsv` (or another path) → weighted queries. */
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

/** Deterministic PRNG (mulberry32) so two runs index and query the same things. */
export function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
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

const BRANDS = ['Samsung', 'Sony', 'LG', 'Apple', 'Dell', 'HP', 'Lenovo', 'Asus', 'Acer', 'Bose', 'JBL', 'Canon', 'Nikon',
  'Whirlpool', 'GE', 'Frigidaire', 'Insignia', 'Logitech', 'Microsoft', 'Google', 'Amazon', 'Philips', 'Panasonic', 'Toshiba'];
const ADJECTIVES = ['Pro', 'Max', 'Mini', 'Plus', 'Ultra', 'Lite', 'Slim', 'Smart', 'Wireless', 'Portable', 'Compact', 'Deluxe'];
const COLORS = ['black', 'white', 'silver', 'blue', 'red'];

/** A catalog shaped by the query file: titles carry query words, categories come from the queries' categories. */
export function generateCatalog(queries: WeightedQuery[], size: number, seed = 42): Product[] {
  const random = prng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(random() * xs.length)] as T;
  const picks = weightedSample(queries, (q) => Math.sqrt(q.popularity), size, random);
  return picks.map((q, i) => {
    const brand = pick(BRANDS);
    const categories = (q.category || 'Misc').split(' > ').map((c) => c.replaceAll('>', '').trim()).filter(Boolean).slice(0, 5);
    const model = `${brand.slice(0, 2).toUpperCase()}-${100 + Math.floor(random() * 9000)}`;
    const title = `${brand} ${q.query.replace(/\b\w/g, (c) => c.toUpperCase())} ${pick(ADJECTIVES)} ${model}`.slice(0, 300);
    const created = Date.UTC(2023, 0, 1) + Math.floor(random() * 700) * 86_400_000;
    return {
      id: `BENCH-${String(i).padStart(7, '0')}`,
      title,
      description: `The ${title} in ${categories.at(-1) ?? 'our catalog'}: ${pick(ADJECTIVES).toLowerCase()} design, ${pick(ADJECTIVES).toLowerCase()} performance.`,
      brand,
      categories: categories.length > 0 ? categories : ['Misc'],
      price: Math.round(random() * 200_000) / 100,
      currency: 'USD',
      stock: random() < 0.2 ? 0 : Math.floor(random() * 100),
      rating: Math.round(random() * 50) / 10,
      reviewCount: Math.floor(random() * 2000),
      popularity: Math.floor(random() ** 3 * 10_000),
      attributes: { color: pick(COLORS) },
      createdAt: new Date(created).toISOString(),
      updatedAt: new Date(created + 86_400_000).toISOString(),
    };
  });
}
