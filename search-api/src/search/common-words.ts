import { readFileSync } from 'node:fs';

/** Words of a word list file: one per line, `#` lines are its notice, lowercase as written. */
export function parseWordList(text: string): Set<string> {
  return new Set(
    text
      .split('\n')
      .map((line) => line.trim())
      .filter((line) => line !== '' && !line.startsWith('#')),
  );
}

let common: Set<string> | undefined;

/**
 * Whether `word` is a common English word (SCOWL sizes 10–35, `common-english-words.txt`, ~39 000 words with their
 * inflections). Typo tolerance leaves such a word as typed: "orange", "another", "amazing" are what the shopper meant,
 * not misspellings of "range", "Brother" or "Amazon". Read once, on first use.
 */
export function isCommonWord(word: string): boolean {
  common ??= parseWordList(readFileSync(new URL('./common-english-words.txt', import.meta.url), 'utf8'));
  return common.has(word.toLowerCase());
}
