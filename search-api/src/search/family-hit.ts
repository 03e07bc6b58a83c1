import { z } from 'zod';
import { VARIANT_LIMITS, type HitVariant, type RuleFilter, type SearchHit, type SearchParams } from '@catalog/contract';
import { splitAttributePair } from './filters';
import { chooseRepresentative, FamilyVariant, foldedWords, variantMatcher } from './representative';

/** What a grouped hit reads of a family document besides the hit fields (`FAMILY_SOURCE`). */
const FamilySource = z.object({
  groupId: z.string().optional(),
  memberIds: z.array(z.string()).optional(),
  variants: z.array(FamilyVariant).min(1),
});

/** The HTML escapes of Elasticsearch's `html` highlight encoder. */
const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#x27;', '/': '&#x2F;' };
const escapeHtml = (s: string) => s.replace(/[&<>"'/]/g, (c) => HTML_ESCAPES[c] ?? c);

/** How a highlight marks words: REST's `<em>` with HTML escapes; the Algolia surface its private markers, unescaped. */
export type TitleMarks = { pre: string; post: string; escape: (s: string) => string };
const EM: TitleMarks = { pre: '<em>', post: '</em>', escape: escapeHtml };
const regexText = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');

/** The words Elasticsearch marked in a highlight (`<em>…</em>` or `marks`), folded. */
const markedWords = (highlight: string | undefined, marks: TitleMarks): string[] =>
  [...(highlight ?? '').matchAll(new RegExp(`${regexText(marks.pre)}(.*?)${regexText(marks.post)}`, 'g'))].flatMap((m) =>
    foldedWords((m[1] ?? '').replace(/&[^;]+;/g, ' ')),
  );

/**
 * The title highlight of a representative that is not the family's primary variant (Elasticsearch highlighted the
 * primary's title): its words that Elasticsearch marked in the primary's title (stems, synonyms) or that a query word
 * names, marked the same way (`<em>`, HTML-escaped); undefined when no word is marked.
 */
export function highlightTitle(title: string, primaryHighlight: string | undefined, q: string, marks: TitleMarks = EM): string | undefined {
  const marked = new Set([...markedWords(primaryHighlight, marks), ...foldedWords(q)]);
  let any = false;
  const html = title
    .split(/([\p{L}\p{N}]+)/u)
    .map((part) => {
      const word = foldedWords(part).join(' ');
      if (word === '' || !marked.has(word)) return marks.escape(part);
      any = true;
      return `${marks.pre}${marks.escape(part)}${marks.post}`;
    })
    .join('');
  return any ? html : undefined;
}

/** The attributes of a variant the family varies by (a null-prototype object: `__proto__` is a name like any other). */
function varyingAttributes(v: FamilyVariant, names: ReadonlySet<string>): Record<string, string> {
  const pairs = (v.attributePairs ?? []).flatMap((p) => {
    const pair = splitAttributePair(p);
    return pair !== undefined && names.has(pair[0]) ? [pair] : [];
  });
  return Object.assign(Object.create(null), Object.fromEntries(pairs));
}

/**
 * A family document → the contract's grouped hit: the family's fields overlaid with its representative's (id, title,
 * price, stock, image; `representative.ts`), the variants (the representative, then the matching ones, then the
 * others, each by id; at most `VARIANT_LIMITS.variantsPerHit`), the price range of the matching variants and the
 * family's size. Highlight: Elasticsearch's when the representative is the primary variant (whose title the family
 * document carries), else `highlightTitle`. `hit` is the family document mapped as a plain hit (`mapHit`); undefined
 * for a document that is not a family. The matching variants satisfy the request's variant filters and the variant-level
 * parts of the rule filters in force (`variantMatcher`).
 */
export function mapFamilyHit(hit: SearchHit, source: unknown, p: SearchParams, o: FamilyHitOptions = {}): SearchHit | undefined {
  return familyHit(hit, source, variantMatcher(p, o.ruleFilters), p.q, o.prefer);
}

/** How a grouped hit is chosen besides the request: `prefer` a pinned product, the filters of the rules in force. */
export type FamilyHitOptions = { prefer?: string | undefined; ruleFilters?: readonly RuleFilter[] | undefined };

/** `mapFamilyHit` with the matching variants and the text given (the Algolia surface's filters are boolean expressions). */
export function familyHit(hit: SearchHit, source: unknown, matches: (v: FamilyVariant) => boolean, q: string, prefer?: string): SearchHit | undefined {
  const family = FamilySource.safeParse(source);
  if (!family.success) return undefined;
  const { variants, groupId, memberIds } = family.data;
  const rep = chooseRepresentative(variants, matches, q, prefer) ?? variants[0];
  if (rep === undefined) return undefined;
  const matching = variants.filter(matches);
  const priced = matching.length > 0 ? matching : variants;
  const names = new Set(rep.variantAttributes ?? []);
  const shown = [rep, ...matching.filter((v) => v !== rep), ...variants.filter((v) => v !== rep && !matches(v))].slice(0, VARIANT_LIMITS.variantsPerHit);
  const list: HitVariant[] = shown.map((v) => ({
    id: v.id,
    title: v.title,
    attributes: varyingAttributes(v, names),
    price: v.price,
    stock: v.stock,
    inStock: v.inStock,
    ...(v.imageUrl !== undefined ? { imageUrl: v.imageUrl } : {}),
    matches: matches(v),
  }));
  const { highlight: primaryHighlight, ...fields } = hit;
  const title = rep.id === hit.id ? primaryHighlight?.title : highlightTitle(rep.title, primaryHighlight?.title, q);
  const description = primaryHighlight?.description;
  const imageUrl = rep.imageUrl ?? fields.imageUrl;
  return {
    ...fields,
    id: rep.id,
    title: rep.title,
    price: rep.price,
    stock: rep.stock,
    inStock: rep.inStock,
    ...(imageUrl !== undefined ? { imageUrl } : {}),
    ...(title !== undefined || description !== undefined
      ? { highlight: { ...(title !== undefined ? { title } : {}), ...(description !== undefined ? { description } : {}) } }
      : {}),
    ...(groupId !== undefined ? { groupId } : {}),
    variantCount: memberIds?.length ?? variants.length,
    priceRange: { min: Math.min(...priced.map((v) => v.price)), max: Math.max(...priced.map((v) => v.price)) },
    variants: list,
  };
}
