import { ATTRIBUTE_VALUES } from '../../inventory-simulator/src/catalog/attributes';
import { BRANDS, LEAVES } from '../../inventory-simulator/src/catalog/taxonomy';
import { CATEGORY_WORDS, STOP_WORDS } from './lexicon';

/** One thing a query asks for, in the generator's terms. */
export type Concept =
  | { kind: 'category'; phrase: string; targets: { path: string; nouns: string[] }[] }
  | { kind: 'brand'; phrase: string; brands: string[] }
  | { kind: 'line'; phrase: string; lines: string[] }
  | { kind: 'attr'; phrase: string; values: string[] };

/** What a query means: its concepts in query order. */
export type Intent = { query: string; concepts: Concept[] };

/** Lowercase words of a text: letters/digits (with inner `.`/`'`), a trailing `"` kept (55" is a size); `#`/`@` kept for model templates. */
export const tokens = (text: string): string[] => text.toLowerCase().match(/[a-z0-9#@]+(?:[.'][a-z0-9#@]+)*"?/g) ?? [];

const key = (words: string[]) => words.join(' ');

function withPlurals(phrase: string): string[] {
  return phrase.endsWith('s') ? [phrase] : [phrase, `${phrase}s`];
}

const CATEGORY_INDEX = new Map<string, Concept & { kind: 'category' }>();
for (const [phrases, targets] of CATEGORY_WORDS) {
  const parsed = targets.split(';').map((t) => {
    const [path = '', nouns = ''] = t.split('#');
    return { path, nouns: nouns ? nouns.split('|') : [] };
  });
  for (const phrase of phrases.split('|').flatMap(withPlurals)) {
    const k = key(tokens(phrase));
    if (!CATEGORY_INDEX.has(k)) CATEGORY_INDEX.set(k, { kind: 'category', phrase: k, targets: parsed });
  }
}

const BRAND_INDEX = new Map<string, string[]>();
/** How shoppers write some brands. */
const BRAND_ALIASES: [typed: string, brand: string][] = [['go pro', 'GoPro'], ['hamilton', 'Hamilton Beach'], ['ninja', 'Ninja']];
for (const [typed, brand] of [...BRANDS.map((b) => [b, b] as const), ...BRAND_ALIASES]) {
  const k = key(tokens(typed));
  BRAND_INDEX.set(k, [...new Set([...(BRAND_INDEX.get(k) ?? []), brand])]);
}

/** How shoppers type an attribute value: 55" = 55 inch = 55in; 256GB = 256 gb; Intel Core i7 = core i7 = i7; 250 lb = 250 lbs. */
export function valueAliases(value: string): string[] {
  const v = value.toLowerCase();
  const out = new Set([v]);
  const inch = /^(\d+(?:\.\d+)?)"$/.exec(v);
  if (inch) for (const form of ['inch', 'inches', 'in', '-inch']) out.add(form === '-inch' ? `${inch[1]}-inch` : `${inch[1]} ${form}`).add(`${inch[1]}${form}`);
  const unit = /^(\d+(?:\.\d+)?)\s?(gb|tb|w|mp|ft|lb)$/.exec(v);
  if (unit) {
    const [, n, u] = unit;
    const spelled: Record<string, string[]> = { gb: ['gb'], tb: ['tb'], w: ['w', 'watt', 'watts'], mp: ['mp', 'megapixel'], ft: ['ft', 'feet', 'foot'], lb: ['lb', 'lbs', 'pound', 'pounds'] };
    for (const s of spelled[u ?? ''] ?? []) out.add(`${n} ${s}`).add(`${n}${s}`);
  }
  const cpu = /^(?:intel core|amd ryzen|apple) (\w+)$/.exec(v);
  if (cpu?.[1]) out.add(cpu[1]).add(v.split(' ').slice(1).join(' '));
  return [...out];
}

/** Attribute values by how they are typed; a bare number (a shoe size) names nothing on its own. */
const ATTR_INDEX = new Map<string, string[]>();
for (const value of new Set(Object.values(ATTRIBUTE_VALUES).flat())) {
  if (/^\d+$/.test(value)) continue;
  for (const alias of valueAliases(value)) {
    const k = key(tokens(alias));
    ATTR_INDEX.set(k, [...new Set([...(ATTR_INDEX.get(k) ?? []), value])]);
  }
}

/** Every model line as `Brand|template` with its words (brand first); `#`/`@` words match digits/letters. */
const LINES = LEAVES.flatMap((leaf) =>
  leaf.lines.map((l) => {
    const words = [...tokens(l.brand), ...tokens(l.model)];
    // 13" in a model also matches a typed 13.
    const patterns = words.map(
      (w) => new RegExp(`^${w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replaceAll('#', '[1-9]').replaceAll('@', '[a-z]').replace(/"$/, '"?')}$`),
    );
    return { id: `${l.brand}|${l.model}`, brandWords: tokens(l.brand).length, patterns };
  }),
);

/** Words too generic to name a model line alone ("pro", "air" name half the catalog). */
const GENERIC = new Set([...STOP_WORDS, 'usb', 'video', 'core', 'upright', 'wifi', 'color', 'white', 'black', 'pro', 'max', 'plus', 'series', 'mini', 'air', 'go', 'one', 'ultra', 'smart', 'home', 'gen', 'generation', 'model', 'edition', 'se', 'x', 's', 'th', 'nd', 'rd', 'oz']);

function lineMatches(words: string[]): string[] {
  if (words.length === 1 && (/^\d/.test(words[0] ?? '') || GENERIC.has(words[0] ?? '') || (words[0]?.length ?? 0) < 3)) return [];
  const out: string[] = [];
  for (const line of LINES) {
    for (let start = 0; start + words.length <= line.patterns.length; start++) {
      // A phrase of brand words only is a brand, not a line.
      if (start + words.length <= line.brandWords) continue;
      if (words.every((w, i) => line.patterns[start + i]?.test(w))) {
        out.push(line.id);
        break;
      }
    }
  }
  return out;
}

/** The concept a phrase names, preferring category, then attribute value ("blue" is a colour before a brand), brand, model line. */
function conceptOf(words: string[]): Concept | undefined {
  const k = key(words);
  const category = CATEGORY_INDEX.get(k);
  if (category) return category;
  const values = ATTR_INDEX.get(k);
  if (values) return { kind: 'attr', phrase: k, values };
  const brands = BRAND_INDEX.get(k);
  if (brands) return { kind: 'brand', phrase: k, brands };
  const lines = lineMatches(words);
  if (lines.length > 0) return { kind: 'line', phrase: k, lines };
  return undefined;
}

/**
 * A query's intent: longest phrases first, left to right; stop words may stay unexplained. Undefined when a word
 * means nothing the generator knows ("facebook", "this is a tested"): such a query has no judged relevant product.
 */
export function parseIntent(query: string): Intent | undefined {
  const words = tokens(query);
  const concepts: Concept[] = [];
  let i = 0;
  while (i < words.length) {
    let found: { concept: Concept; length: number } | undefined;
    for (let length = Math.min(6, words.length - i); length >= 1 && !found; length--) {
      const concept = conceptOf(words.slice(i, i + length));
      if (concept) found = { concept, length };
    }
    if (found) {
      concepts.push(found.concept);
      i += found.length;
    } else if (STOP_WORDS.has(words[i] ?? '')) i++;
    else return undefined;
  }
  return concepts.length > 0 ? { query, concepts } : undefined;
}
