/**
 * Search text as the APIs accept it. Control characters and unpaired surrogates carry no meaning in a search
 * and some break Elasticsearch (U+0000, U+001E and U+001F are reserved by the completion suggester), so they
 * become spaces: a pasted query with a stray control character still finds what it says.
 */
export function cleanSearchText(text: string): string {
  return text.replace(/[\p{Cc}\p{Cs}]/gu, ' ').trim();
}

const IDEOGRAPH = '[\\p{Script=Han}\\p{Script=Hiragana}]';
const TERM = new RegExp(`${IDEOGRAPH}|(?:(?!${IDEOGRAPH})[\\p{L}\\p{M}\\p{N}])+`, 'gu');

/**
 * Terms of a search text the way Elasticsearch's standard tokenizer counts them, or slightly more: runs of
 * letters, marks and digits after NFKC and lowercasing, and each Han or Hiragana character on its own (the
 * tokenizer emits those one by one). `wh-1000xm4` is 2 terms, `電子レンジ` 3 (電, 子, レンジ).
 */
export function countSearchTerms(text: string): number {
  return text.normalize('NFKC').toLowerCase().match(TERM)?.length ?? 0;
}
