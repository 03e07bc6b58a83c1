import { z } from 'zod';
import type { SearchParams } from '@catalog/contract';
import { attributePair, splitAttributePair } from './filters';
import { normalizeQuery, queryWords } from './normalize';

/** One variant as the families index keeps it (`variants`, nested): what a grouped hit is made of. */
export const FamilyVariant = z.object({
  id: z.string(),
  title: z.string(),
  price: z.number(),
  stock: z.number().int(),
  inStock: z.boolean(),
  popularity: z.number().optional(),
  imageUrl: z.string().optional(),
  attributePairs: z.array(z.string()).optional(),
  variantAttributes: z.array(z.string()).optional(),
});
export type FamilyVariant = z.infer<typeof FamilyVariant>;

/**
 * Whether a variant satisfies every variant-level filter of a request (price, stock, attributes) — the same
 * conditions `activeFilters` sends Elasticsearch, read from the variant's `attributePairs` as the index has them.
 */
export function variantMatcher(p: SearchParams): (v: FamilyVariant) => boolean {
  const attrs = [...p.attr].filter(([, values]) => values.length > 0).map(([name, values]) => values.map((value) => attributePair(name, value)));
  return (v) => {
    if (p.price_min !== undefined && v.price < p.price_min) return false;
    if (p.price_max !== undefined && v.price > p.price_max) return false;
    if (p.in_stock !== undefined && v.inStock !== p.in_stock) return false;
    const pairs = new Set(v.attributePairs ?? []);
    return attrs.every((anyOf) => anyOf.some((pair) => pairs.has(pair)));
  };
}

/** Lowercase words without accents: how a query word and a variant's words are compared. */
export function foldedWords(text: string): string[] {
  return normalizeQuery(text)
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 0);
}

/** A variant's own words: its title and its attribute values. */
function variantWords(v: FamilyVariant): Set<string> {
  const values = (v.attributePairs ?? []).flatMap((pair) => splitAttributePair(pair)?.[1] ?? []);
  return new Set(foldedWords([v.title, ...values].join(' ')));
}

/** How many words of the query the variant has (the last word may be a prefix being typed). */
export function textMatch(v: FamilyVariant, q: string): number {
  const words = queryWords(foldedWords(q).join(' '));
  if (words.length === 0) return 0;
  const own = variantWords(v);
  const last = words.length - 1;
  return words.filter((w, i) => own.has(w) || (i === last && [...own].some((o) => o.startsWith(w)))).length;
}

const byId = (a: FamilyVariant, b: FamilyVariant) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The variant that represents a family in a hit: among the variants satisfying the request's variant filters (all of
 * them when none does), `prefer` when it is one of them (a pinned product), else the best text match of the query
 * against the variant's title and attribute values, then the most popular, then the lowest id. Without text and
 * filters this is the family's primary variant (most popular, lowest id), whose fields the family document carries.
 */
export function chooseRepresentative(variants: readonly FamilyVariant[], matches: (v: FamilyVariant) => boolean, q: string, prefer?: string): FamilyVariant | undefined {
  const matching = variants.filter(matches);
  const candidates = matching.length > 0 ? matching : variants;
  const preferred = prefer === undefined ? undefined : candidates.find((v) => v.id === prefer);
  if (preferred) return preferred;
  let best: { v: FamilyVariant; text: number } | undefined;
  for (const v of candidates) {
    const text = textMatch(v, q);
    const better =
      best === undefined ||
      text > best.text ||
      (text === best.text && ((v.popularity ?? 0) > (best.v.popularity ?? 0) || ((v.popularity ?? 0) === (best.v.popularity ?? 0) && byId(v, best.v) < 0)));
    if (better) best = { v, text };
  }
  return best?.v;
}
