/** What a recorded query must look like to be counted, listed as popular or suggested. */
export type SuggestionRules = {
  /** Characters of the normalised query. */
  maxChars: number;
  /** Space-separated terms of the normalised query. */
  maxTerms: number;
};

export const DEFAULT_SUGGESTION_RULES: SuggestionRules = { maxChars: 60, maxTerms: 6 };

// Letters, marks and digits, with the punctuation of product names (AT&T, 4k+, wh-1000xm4, 1/2", o'neill) between
// them; no markup (`<`, `>`, quotes), no control or format characters (bidi overrides, zero-width), no emoji.
const SHAPE = /^[\p{L}\p{N}][\p{L}\p{M}\p{N} '&+.,\-/]*$/u;

/**
 * Whether a normalised query (`normalizeQuery`) may ever be shown to other users: 2 to `maxChars` characters,
 * at most `maxTerms` terms, and only the characters above. Everything else is never recorded at all.
 */
export function isSuggestible(query: string, rules: SuggestionRules = DEFAULT_SUGGESTION_RULES): boolean {
  if (query.length < 2 || query.length > rules.maxChars) return false;
  if (query.split(' ').length > rules.maxTerms) return false;
  return SHAPE.test(query);
}
