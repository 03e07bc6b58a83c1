import { SYNONYM_LIMITS, type SynonymSetInput } from '@catalog/contract';

/**
 * Units as shoppers type them, rewritten to how titles spell them (the analyzers keep `55"` as `55`, `256GB` as
 * `256gb`, `250 lb` as `250` `lb`): 55 inch / 55in / 55-inch / 55'' → 55"; 256 gb → 256gb (also TB, W, MP, mAh);
 * 250lbs / 250 pounds → 250 lb; 6 feet / 6' → 6 ft.
 */
export function normalizeUnits(q: string): string {
  return q
    .replace(/\b(\d+(?:\.\d+)?)\s*-?\s*(?:inches|inch|in\b|''|″|")/gi, '$1"')
    .replace(/\b(\d+(?:\.\d+)?)\s+(gb|tb|mb|w|mp|mah)\b/gi, (_, n: string, u: string) => `${n}${u.toLowerCase()}`)
    .replace(/\b(\d+(?:\.\d+)?)\s*(?:lbs|lb|pounds|pound)\b/gi, '$1 lb')
    .replace(/\b(\d+(?:\.\d+)?)\s*(?:feet|foot|ft\b|')/gi, '$1 ft');
}

const words = (text: string): string[] => text.toLowerCase().split(/\s+/).filter(Boolean);

function indexOfWords(haystack: string[], needle: string[]): number {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, j) => haystack[i + j] === w)) return i;
  return -1;
}

/**
 * Alternative query texts from the synonym sets: each term of a set found in the query (as whole words) is
 * replaced by each other term of an equivalent set, or by each `to` of a one-way set whose `from` it is. At most
 * `SYNONYM_LIMITS.alternatives`, in set order; the query itself is never among them.
 */
export function expandQuery(q: string, sets: readonly SynonymSetInput[], max: number = SYNONYM_LIMITS.alternatives): string[] {
  const query = words(q);
  const out = new Set<string>();
  const self = query.join(' ');
  for (const set of sets) {
    const pairs: [from: string, to: string[]][] =
      set.type === 'equivalent' ? set.terms.map((t) => [t, set.terms.filter((o) => o !== t)]) : set.from.map((f) => [f, set.to]);
    for (const [from, tos] of pairs) {
      const fromWords = words(from);
      const at = indexOfWords(query, fromWords);
      if (at < 0) continue;
      for (const to of tos) {
        const alternative = [...query.slice(0, at), ...words(to), ...query.slice(at + fromWords.length)].join(' ');
        if (alternative !== self) out.add(alternative);
        if (out.size >= max) return [...out];
      }
    }
  }
  return [...out];
}
