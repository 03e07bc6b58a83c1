import type { estypes } from '@elastic/elasticsearch';
import { isCommonWord, isStopWord } from './common-words';
import { queryWords } from './normalize';

type Query = estypes.QueryDslQueryContainer;

/**
 * Relevance weights: title ≫ brand / categories ≫ description, exact and phrase matches far above a
 * stemmed or fuzzy one. Kept together so that tuning is one place.
 */
export const WEIGHTS = {
  fields: ['title^4', 'brand^2', 'categories^2', 'description^0.5'],
  fuzzy: 0.6,
  prefix: 0.8,
  model: 3,
  exactTitle: 20,
  exactPhrase: 8,
  allWordsUnstemmed: 3,
  allWordsInTitle: 2,
  wholeModel: 6,
  allWordsAsTyped: 1,
  joinedWords: 4,
  attributeWordInTypoPass: 0.3,
  popularity: 0.3,
  rating: 0.2,
  variantText: 2,
} as const;

/**
 * Fields a word matches in grouped search (issue 17): a family document's own (its primary variant's) and the values
 * of the attributes its variants vary by (`variantText`), so "tee blue" finds the tee whose blue variant is not its
 * primary. A family of one has no `variantText`: its text relevance is its product's.
 */
export const GROUPED_TEXT_FIELDS: readonly string[] = [...WEIGHTS.fields, `variantText^${WEIGHTS.variantText}`];

/**
 * Typo tolerance, paid only where it is needed: a search runs as typed first (synonyms, stems, accents, model
 * numbers, the prefix of the last word) and again with typos only when that finds fewer than `belowHits`
 * products (`typo-fallback.ts`). Typos apply to the names people type (title, brand, category), not to
 * descriptions, whose long prose a two-edit fuzzy query matches by accident at a high price; the first letter
 * is taken as typed (`prefixLength`), which removes most of the automaton's work and the accidental matches
 * ("facebook" → "macbook"). Measured in `bench/query-cost.ts`.
 */
export const TYPO_TOLERANCE = {
  belowHits: 10,
  fields: ['title^4', 'brand^2', 'categories^2'],
  prefixLength: 1,
  maxExpansions: 50,
} as const;

/**
 * One word must match somewhere: as typed (synonyms apply at search time), with typos when asked (fuzziness
 * AUTO: 0 edits up to 2 chars, 1 up to 5, 2 beyond), as a model number without its hyphens, or, for the last
 * word only, as the prefix of a word being typed.
 */
function wordClause(word: string, isLast: boolean, typos: boolean, name?: string, fields: readonly string[] = WEIGHTS.fields): Query {
  const should: Query[] = [{ multi_match: { query: word, fields: [...fields], type: 'best_fields' } }];
  if (typos && !mayCorrect(word)) {
    // A common word keeps its spelling; its plural may still name the singular the titles use ("watches" → Watch).
    for (const singular of singulars(word)) {
      should.push({ multi_match: { query: singular, fields: [...TYPO_TOLERANCE.fields], analyzer: 'catalog_text', boost: WEIGHTS.fuzzy } });
    }
  }
  if (typos && mayCorrect(word)) {
    // The index-time analyzer (no synonym graph) keeps fuzziness and synonyms from interacting.
    should.push({
      multi_match: {
        query: word,
        fields: [...TYPO_TOLERANCE.fields],
        type: 'best_fields',
        fuzziness: 'AUTO',
        prefix_length: TYPO_TOLERANCE.prefixLength,
        max_expansions: TYPO_TOLERANCE.maxExpansions,
        analyzer: 'catalog_text',
        boost: WEIGHTS.fuzzy,
      },
    });
  }
  should.push({ match: { 'title.model': { query: word, boost: WEIGHTS.model } } });
  if (isLast) {
    should.push({ multi_match: { query: word, fields: ['title.prefix', 'brand.prefix'], boost: WEIGHTS.prefix } });
  }
  // When the typo pass lets a word miss, an attribute-like word ("16gb", "7") should be the one that goes: it weighs less.
  const boost = typos && /\d/.test(word) ? { boost: WEIGHTS.attributeWordInTypoPass } : {};
  return { bool: { should, minimum_should_match: 1, ...boost, ...(name !== undefined ? { _name: name } : {}) } };
}

/**
 * Whether typo tolerance may change a word: not a common English word (`common-words.ts`: "orange" is not a typo of
 * "range", nor "another" of "Brother") and long enough for fuzziness AUTO to allow an edit.
 */
export function mayCorrect(word: string): boolean {
  return word.length > 2 && !isCommonWord(word);
}

/**
 * The typo pass also reads two neighbouring words as one ("head phone" → headphones, "sound bars" → soundbars, "go pro" →
 * GoPro), with the other deciding words as usual; such a match counts as two words. Named `join:<i>` (words i and i+1) when asked.
 */
function joinedPairs(words: readonly string[], deciding: readonly number[], named: boolean): Query[] {
  return words.slice(0, -1).map((w, i) => {
    const others = deciding.flatMap((j) => (j === i || j === i + 1 ? [] : [wordClause(words[j] ?? '', j === words.length - 1, true)]));
    const joined: Query = { multi_match: { query: `${w}${words[i + 1] ?? ''}`, fields: [...WEIGHTS.fields], type: 'best_fields', boost: WEIGHTS.joinedWords } };
    return { bool: { must: [joined, ...others], ...(named ? { _name: joinedClauseName(i) } : {}) } };
  });
}

/**
 * What an English plural may be the plural of (-ies → -y, -es → without -es or -s, -s): the stemmer leaves "watches"
 * as it is, and typo tolerance no longer reaches "watch" from a common word.
 */
export function singulars(word: string): string[] {
  const w = word.toLowerCase();
  if (w.length < 4 || !/^[a-z]+$/.test(w)) return [];
  if (w.endsWith('ies')) return [`${w.slice(0, -3)}y`];
  if (w.endsWith('es')) return [w.slice(0, -2), w.slice(0, -1)];
  return w.endsWith('s') && !w.endsWith('ss') ? [w.slice(0, -1)] : [];
}

/** Name of the clause reading words i and i+1 as one (`joinedPairs`). */
export const joinedClauseName = (i: number): string => `join:${i}`;

/** Name of the i-th word's clause in the typo pass: a hit's `matched_queries` tell which words it matched (`correction.ts`). */
export const wordClauseName = (i: number): string => `word:${i}`;

/**
 * Indexes of the words that decide what matches. As typed, every word. In the typo pass, which relaxes a thin answer,
 * not the stop words (`isStopWord`) among other words: they only rank there, so the pass never lets the real word miss
 * and "a" or "and" alone carry the query (at a million products "a search" matched 62 % of the catalog that way).
 */
export function decidingWordIndexes(words: readonly string[], typos: boolean): number[] {
  const deciding = words.flatMap((w, i) => (typos && isStopWord(w) ? [] : [i]));
  return deciding.length > 0 ? deciding : words.map((_, i) => i);
}

/**
 * How many of n words must match: all up to three, a quarter may miss beyond. The typo pass (a thin answer) also
 * lets one word of two or three miss, as a shopper's "black chromecast" wants the Chromecast that is not black.
 */
export function wordsToMatch(n: number, typos: boolean): number | string {
  if (n > 3) return '3<-25%';
  return typos && n > 1 ? n - 1 : n;
}

/**
 * Whether the typo pass could answer differently from the search as typed: a word typo tolerance may change, or a word
 * that may be dropped. A single common word ("orange") has neither: no second round trip, no correction.
 */
export function typosChange(q: string): boolean {
  const words = queryWords(q);
  return words.some((w) => mayCorrect(w) || singulars(w).length > 0) || mayDropWord(words);
}

/** Whether the typo pass lets a word miss that the search as typed needs: a stop word among others, or one of two or three. */
function mayDropWord(words: readonly string[]): boolean {
  const deciding = decidingWordIndexes(words, true).length;
  return deciding < words.length || wordsToMatch(deciding, true) !== wordsToMatch(words.length, false);
}

/**
 * Query of a non-empty search text: what may match (every deciding word, a quarter may miss past three words; or
 * the whole text through multi-word synonyms such as "cell phone") and what ranks first (exact title,
 * phrase, all words unstemmed, model number, in the typo pass the stop words). With `typos`, each word that
 * `mayCorrect` may also match with typos; `nameWords` names each word's clause (`wordClauseName`); `fields` are what
 * a word matches (`GROUPED_TEXT_FIELDS`).
 */
export function textQuery(q: string, typos = false, nameWords = false, fields: readonly string[] = WEIGHTS.fields): { must: Query[]; should: Query[] } {
  const words = queryWords(q);
  const deciding = decidingWordIndexes(words, typos);
  const clause = (i: number) => wordClause(words[i] ?? '', i === words.length - 1, typos, nameWords ? wordClauseName(i) : undefined, fields);
  const perWord: Query = { bool: { should: deciding.map(clause), minimum_should_match: wordsToMatch(deciding.length, typos) } };
  const recall: Query = {
    bool: {
      should: [
        perWord,
        { match: { title: { query: q, operator: 'and' } } },
        { match: { categories: { query: q, operator: 'and' } } },
        ...(typos ? joinedPairs(words, deciding, nameWords) : []),
      ],
      minimum_should_match: 1,
    },
  };
  const should: Query[] = [
    // title.sort is a lowercase-normalized keyword: a term query there is "the whole title, any case".
    { term: { 'title.sort': { value: q, boost: WEIGHTS.exactTitle } } },
    { match_phrase: { 'title.exact': { query: q, boost: WEIGHTS.exactPhrase } } },
    { match: { 'title.exact': { query: q, operator: 'and', boost: WEIGHTS.allWordsUnstemmed } } },
    { match: { title: { query: q, operator: 'and', boost: WEIGHTS.allWordsInTitle } } },
    { match: { 'title.model': { query: q, boost: WEIGHTS.wholeModel } } },
    ...words.flatMap((_, i) => (deciding.includes(i) ? [] : [clause(i)])),
  ];
  // When the typo pass lets a word miss, what matches every word as typed counts its words twice: it stays first.
  if (typos && mayDropWord(words)) {
    const asTyped = words.map((w, i) => wordClause(w, i === words.length - 1, false, undefined, fields));
    should.push({ bool: { should: asTyped, minimum_should_match: words.length, boost: WEIGHTS.allWordsAsTyped } });
  }
  return { must: [recall], should };
}

/** Gentle popularity and rating boost: multiplies the text score by 1 + w·log10(1 + signal). */
export function boostFunctions(): estypes.QueryDslFunctionScoreContainer[] {
  return [
    { weight: 1 },
    { field_value_factor: { field: 'popularity', modifier: 'log1p', missing: 0 }, weight: WEIGHTS.popularity },
    { field_value_factor: { field: 'rating', modifier: 'log1p', missing: 0 }, weight: WEIGHTS.rating },
  ];
}
