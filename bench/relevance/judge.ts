import type { Product } from '@catalog/contract';
import { LEAVES } from '../../inventory-simulator/src/catalog/taxonomy';
import { tokens, type Concept, type Intent } from './intent';

/** What the generator chose for a product: leaf path, model line (`Brand|template`) and title noun. */
export type Origin = { path: string; line?: string; noun?: string };

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const templateRegex = (t: string) => escape(t).replaceAll('#', '[1-9]').replaceAll('@', '[A-Z]');

/** Recover the generator's choices from a generated product (its title is `Brand model noun[ - variant…]`). */
export function originOf(p: Product): Origin {
  const path = p.categories.join(' > ');
  const leaf = LEAVES.find((l) => l.path.join(' > ') === path);
  if (!leaf) return { path };
  const name = p.title.split(' - ')[0] ?? p.title;
  for (const noun of leaf.nouns.filter((n) => name.endsWith(` ${n}`))) {
    const line = leaf.lines.find((l) => l.brand === p.brand && new RegExp(`^${escape(l.brand)} ${templateRegex(l.model)} ${escape(noun)}$`).test(name));
    if (line) return { path, line: `${line.brand}|${line.model}`, noun };
  }
  return { path };
}

const containsWords = (haystack: string[], needle: string[]) =>
  haystack.some((_, i) => needle.every((w, j) => haystack[i + j] === w));

/** 'is' when the product is what the concept names; 'compatible' when a line is only named by an attribute ("for iPhone 15"). */
function satisfies(c: Concept, p: Product, o: Origin): 'is' | 'compatible' | false {
  switch (c.kind) {
    case 'category':
      return c.targets.some(
        (t) => (o.path === t.path || o.path.startsWith(`${t.path} > `)) && (t.nouns.length === 0 || t.nouns.some((n) => o.noun?.toLowerCase().includes(n))),
      ) && 'is';
    case 'brand':
      return c.brands.includes(p.brand) && 'is';
    case 'attr':
      return Object.values(p.attributes ?? {}).some((v) => c.values.includes(v)) && 'is';
    case 'line': {
      if (o.line && c.lines.includes(o.line)) return 'is';
      const words = tokens(c.phrase);
      return Object.values(p.attributes ?? {}).some((v) => containsWords(tokens(v), words)) && 'compatible';
    }
  }
}

const leafOfLine = new Map<string, string>(LEAVES.flatMap((l) => l.lines.map((line) => [`${line.brand}|${line.model}`, l.path.join(' > ')] as const)));

/**
 * Graded judgment (0–3) of a product for a query intent, from what the generator knows:
 * - 3: everything the query names holds (category and noun, brand, model line, attribute values);
 * - 2: the right kind of product with the right brand/line but another attribute value ("55 inch tv" → a 65" TV),
 *      or a product made for the named line (an iPhone 15 case for "iphone");
 * - 1: the right kind of product of another brand or line ("samsung tv" → an LG TV; "macbook pro" → a MacBook Air);
 * - 0: anything else: another kind of product, or only a brand/attribute word in common.
 * The kind is the query's category words, or, without them, the leaves of the lines it names.
 */
export function grade(intent: Intent, p: Product, o: Origin = originOf(p)): number {
  const results = intent.concepts.map((c) => ({ c, s: satisfies(c, p, o) }));
  const categories = results.filter((r) => r.c.kind === 'category');
  if (categories.some((r) => !r.s)) return 0;
  const lines = intent.concepts.filter((c) => c.kind === 'line');
  const inLineLeaves = lines.some((c) => c.lines.some((l) => leafOfLine.get(l) === o.path));
  // "iphone case": a case for an iPhone is the thing asked for; "iphone" alone: a case for one is second best.
  if (results.every((r) => r.s)) return categories.length === 0 && results.some((r) => r.s === 'compatible') ? 2 : 3;
  const hasKind = categories.length > 0 || (lines.length > 0 && inLineLeaves);
  if (!hasKind) return 0;
  const identityMissing = results.some((r) => (r.c.kind === 'brand' || r.c.kind === 'line') && !r.s);
  return identityMissing ? 1 : 2;
}
