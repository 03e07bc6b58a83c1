import { z } from 'zod';
import type { AutocompleteResponse } from '@catalog/contract';
import { mapTopQueries } from '../analytics/top-queries';

type Suggestion = AutocompleteResponse['suggestions'][number];

/** Lowercase without accents: how typed text and names are compared. */
export function fold(s: string): string {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim();
}

function editDistanceAtMost1(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * Whether every typed word starts a word of `name` (one typo allowed from 4 letters on): the category
 * aggregation returns every level of matching paths, and only the names that match are suggestions.
 */
export function matchesTyped(name: string, typed: string): boolean {
  const words = fold(name).split(/[^\p{L}\p{N}]+/u).filter(Boolean);
  return fold(typed)
    .split(/\s+/)
    .filter(Boolean)
    .every((t) =>
      words.some(
        (w) =>
          w.startsWith(t) ||
          (t.endsWith('s') && t.length > 3 && w.startsWith(t.slice(0, -1))) ||
          (t.length >= 4 && editDistanceAtMost1(w.slice(0, t.length), t)),
      ),
    );
}

const Products = z.object({
  hits: z.object({ hits: z.array(z.object({ _source: z.object({ id: z.string(), title: z.string() }).optional() })) }),
  suggest: z
    .object({
      products: z.array(
        z.object({ options: z.array(z.object({ _source: z.object({ id: z.string(), title: z.string() }).optional() })) }),
      ),
    })
    .optional(),
  aggregations: z
    .object({
      everything: z.object({
        brands: z.object({ values: z.object({ buckets: z.array(z.object({ key: z.string() })) }) }),
        categories: z.object({ values: z.object({ buckets: z.array(z.object({ key: z.string() })) }) }),
      }),
    })
    .optional(),
});

/** How many of each kind come first; the rest of `limit` is filled from whatever is left, in this order. */
export function quotas(limit: number): Record<Suggestion['type'], number> {
  return { query: Math.ceil(limit * 0.375), brand: Math.min(2, limit), category: Math.min(2, limit), product: limit };
}

/**
 * Popular queries, brands, categories and products → at most `limit` suggestions, no duplicates. Recorded queries
 * are suggested only when `allowQuery` says so (rules and bans; none without it).
 */
export function mergeSuggestions(input: {
  q: string;
  limit: number;
  products?: unknown;
  queries?: unknown;
  allowQuery?: (query: string) => boolean;
}): Suggestion[] {
  const parsed = Products.safeParse(input.products);
  const p = parsed.success ? parsed.data : undefined;
  const candidates: Record<Suggestion['type'], Suggestion[]> = {
    query: mapTopQueries(input.queries)
      .filter((x) => input.allowQuery?.(x.query) ?? false)
      .map((x) => ({ type: 'query', text: x.query })),
    brand: (p?.aggregations?.everything.brands.values.buckets ?? []).map((b) => ({ type: 'brand', text: b.key })),
    category: (p?.aggregations?.everything.categories.values.buckets ?? [])
      .filter((b) => matchesTyped(b.key, input.q))
      .map((b) => ({ type: 'category', text: b.key })),
    product: [
      ...(p?.suggest?.products[0]?.options ?? []).flatMap((o) => (o._source ? [o._source] : [])),
      ...(p?.hits.hits ?? []).flatMap((h) => (h._source ? [h._source] : [])),
    ].map((s) => ({ type: 'product', text: s.title, id: s.id })),
  };
  const seen = new Set<string>();
  const out: Suggestion[] = [];
  const take = (s: Suggestion) => {
    const key = s.type === 'product' ? `product:${s.id}` : `${s.type}:${fold(s.text)}`;
    if (out.length >= input.limit || seen.has(key)) return false;
    seen.add(key);
    out.push(s);
    return true;
  };
  const order: Suggestion['type'][] = ['query', 'brand', 'category', 'product'];
  const q = quotas(input.limit);
  const rest: Suggestion[] = [];
  for (const type of order) {
    let taken = 0;
    for (const s of candidates[type]) {
      if (taken < q[type] && take(s)) taken++;
      else rest.push(s);
    }
  }
  for (const s of rest) take(s);
  return out;
}
