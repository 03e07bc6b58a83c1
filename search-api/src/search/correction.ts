import type { estypes } from '@elastic/elasticsearch';
import type { Correction } from '@catalog/contract';
import { z } from 'zod';
import { isCommonWord } from './common-words';
import { queryWords } from './normalize';
import { joinedClauseName, wordClauseName } from './text-query';

/**
 * Did-you-mean over the catalog's own words: Elasticsearch's phrase suggester on `title.exact` (lowercased, folded,
 * unstemmed; no shingle field, so a unigram model), asked only in the typo pass of a thin search. Its candidate
 * generator works only on words the titles do not contain (`suggest_mode: missing`): a known catalog term is never
 * "corrected". `maxErrors` words at most are changed; the first letter stays as typed, as in the typo pass.
 */
export const CORRECTION = { name: 'correction', field: 'title.exact', size: 5, maxErrors: 2, minWordLength: 4, prefixLength: 1 } as const;

/** The `suggest` section of a typo-pass request for the text `q`. */
export function correctionSuggest(q: string): estypes.SearchSuggester {
  return {
    text: q,
    [CORRECTION.name]: {
      phrase: {
        field: CORRECTION.field,
        size: CORRECTION.size,
        max_errors: CORRECTION.maxErrors,
        gram_size: 1,
        direct_generator: [
          { field: CORRECTION.field, suggest_mode: 'missing', min_word_length: CORRECTION.minWordLength, prefix_length: CORRECTION.prefixLength },
        ],
      },
    },
  };
}

const TypoPassAnswer = z.object({
  hits: z.object({
    hits: z.array(z.object({ matched_queries: z.union([z.array(z.string()), z.record(z.string(), z.number())]).optional() })),
  }),
  suggest: z.record(z.string(), z.array(z.object({ options: z.array(z.object({ text: z.string() })) }))).optional(),
});

/** A word as `title.exact` indexes it: lowercase, accents folded. */
const asIndexed = (word: string) => word.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase();

/**
 * The first suggestion that changes only words typo tolerance may change: same number of words as typed, at least
 * one changed, none of the changed ones a common English word ("orange" is never made "range"). The words as typed
 * with the changed ones replaced, or undefined.
 */
export function acceptedSpelling(words: readonly string[], suggestions: readonly string[]): string[] | undefined {
  for (const s of suggestions) {
    const tokens = s.split(' ');
    if (tokens.length !== words.length) continue;
    const changed = words.flatMap((w, i) => (tokens[i] !== asIndexed(w) ? [i] : []));
    if (changed.length === 0 || changed.some((i) => isCommonWord(words[i] ?? ''))) continue;
    return words.map((w, i) => (changed.includes(i) ? (tokens[i] ?? w) : w));
  }
  return undefined;
}

/** The first pair of neighbouring words the best hit matched as one word (`join:<i>`), or undefined. */
export function joinedAt(wordCount: number, matched: readonly string[] | undefined): number | undefined {
  const names = new Set(matched ?? []);
  return Array.from({ length: Math.max(0, wordCount - 1) }, (_, i) => i).find((i) => names.has(joinedClauseName(i)));
}

/**
 * Indexes of the words the best hit of the typo pass did not match (its `matched_queries`), when it matched any; the
 * words of a pair it matched as one word count as matched.
 */
export function droppedWordIndexes(wordCount: number, matched: readonly string[] | undefined): number[] {
  const names = new Set(matched ?? []);
  const join = joinedAt(wordCount, matched);
  const found = (i: number) => names.has(wordClauseName(i)) || (join !== undefined && (i === join || i === join + 1));
  const dropped = Array.from({ length: wordCount }, (_, i) => i).filter((i) => !found(i));
  return dropped.length === 0 || dropped.length === wordCount ? [] : dropped;
}

/**
 * What the answer of a thin search's typo pass says about the query `q` (the text searched): the words it dropped
 * (the best hit matched the others: `reason: 'relaxed'`) and a spelling correction; undefined when neither.
 * `originalTotal` is what the query matched as typed.
 */
export function readCorrection(answer: unknown, q: string, originalTotal: number): Correction | undefined {
  const parsed = TypoPassAnswer.safeParse(answer);
  if (!parsed.success) return undefined;
  const words = queryWords(q);
  const suggestions = (parsed.data.suggest?.[CORRECTION.name] ?? []).flatMap((entry) => entry.options.map((o) => o.text));
  const spelled = acceptedSpelling(words, suggestions);
  const top = parsed.data.hits.hits[0]?.matched_queries;
  const matched = Array.isArray(top) ? top : top && Object.keys(top);
  const dropped = droppedWordIndexes(words.length, matched);
  const join = joinedAt(words.length, matched);
  // Two words read as one ("head phone" → "headphone") are a spelling correction of their own.
  const corrected = (spelled ?? words).map((w, i) => (i === join ? `${w}${words[i + 1] ?? ''}` : join !== undefined && i === join + 1 ? '' : w));
  const text = (keep: (i: number) => boolean) => corrected.filter((w, i) => w !== '' && keep(i)).join(' ');
  if (dropped.length > 0) {
    return { query: text((i) => !dropped.includes(i)), reason: 'relaxed', droppedWords: dropped.map((i) => words[i] ?? ''), originalTotal };
  }
  return spelled || join !== undefined ? { query: text(() => true), reason: 'spelling', originalTotal } : undefined;
}
