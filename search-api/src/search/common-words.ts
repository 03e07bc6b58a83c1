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

/**
 * Lucene's English stop words (`EnglishAnalyzer.ENGLISH_STOP_WORDS_SET`, Elasticsearch's `_english_`): words that say
 * nearly nothing about a product and are in nearly every description. In the typo pass, among other words, they rank
 * but never decide a match (`text-query.ts`): "a search" or "mark and" cannot match the whole catalog through one of them.
 */
const STOP_WORDS: ReadonlySet<string> = new Set(
  'a an and are as at be but by for if in into is it no not of on or such that the their then there these they this to was will with'.split(' '),
);

/** Whether `word` is an English stop word (`STOP_WORDS`), in any case. */
export function isStopWord(word: string): boolean {
  return STOP_WORDS.has(word.toLowerCase());
}
