import { z } from 'zod';
import type { RuleFilter, SearchParams } from '@catalog/contract';
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

/** Variant conditions: a price range, a stock state and, per attribute name, the `name=value` pairs one of which the variant has. */
type VariantConditions = { priceMin?: number | undefined; priceMax?: number | undefined; inStock?: boolean | undefined; attrs: string[][] };

const pairsOf = (attr: Iterable<readonly [string, readonly string[]]>): string[][] =>
  [...attr].filter(([, values]) => values.length > 0).map(([name, values]) => values.map((value) => attributePair(name, value)));

/** Whether a variant satisfies every condition set (read from its `attributePairs` as the index has them). */
const satisfiesAll =
  (conditions: readonly VariantConditions[]) =>
  (v: FamilyVariant): boolean => {
    const pairs = new Set(v.attributePairs ?? []);
    return conditions.every(
      (c) =>
        (c.priceMin === undefined || v.price >= c.priceMin) &&
        (c.priceMax === undefined || v.price <= c.priceMax) &&
        (c.inStock === undefined || v.inStock === c.inStock) &&
        c.attrs.every((anyOf) => anyOf.some((pair) => pairs.has(pair))),
    );
  };

/** The variant-level parts of a rule filter (`attr`, `priceMin`, `priceMax`, as `ruleFilterQuery` sends them); brand and category are the family's. */
const ruleConditions = (f: RuleFilter): VariantConditions => ({ priceMin: f.priceMin, priceMax: f.priceMax, attrs: pairsOf(Object.entries(f.attr ?? {})) });

/** Whether a variant satisfies the variant-level parts of every rule filter in force (a surface with filters of its own adds them). */
export const ruleVariantMatcher = (ruleFilters: readonly RuleFilter[]): ((v: FamilyVariant) => boolean) => satisfiesAll(ruleFilters.map(ruleConditions));

/**
 * Whether a variant satisfies every variant-level filter of a request (price, stock, attributes: the conditions
 * `activeFilters` sends Elasticsearch) and the variant-level parts of the rule filters in force (`ruleVariantMatcher`).
 */
export function variantMatcher(p: SearchParams, ruleFilters: readonly RuleFilter[] = []): (v: FamilyVariant) => boolean {
  return satisfiesAll([{ priceMin: p.price_min, priceMax: p.price_max, inStock: p.in_stock, attrs: pairsOf(p.attr) }, ...ruleFilters.map(ruleConditions)]);
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
