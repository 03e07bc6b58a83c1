import { describe, expect, it } from 'vitest';
import { acceptedSpelling, correctionSuggest, CORRECTION, droppedWordIndexes, readCorrection } from './correction';
import { isCommonWord, parseWordList } from './common-words';
import { joinedClauseName, mayCorrect, singulars, textQuery, typosChange, WEIGHTS, wordClauseName } from './text-query';

/** A typo-pass answer: its best hit matched these named clauses, the phrase suggester offered these texts. */
const answer = (matched: string[] | undefined, suggestions: string[]) => ({
  hits: { total: { value: 3 }, hits: matched === undefined ? [] : [{ _id: 'x', matched_queries: matched }] },
  suggest: { [CORRECTION.name]: [{ text: 'q', offset: 0, length: 1, options: suggestions.map((text) => ({ text, score: 0.1 })) }] },
});

describe('common words (SCOWL 10–35)', () => {
  it('knows the words of the log that typo tolerance turned into products, and not the brands it should correct', () => {
    for (const w of ['orange', 'another', 'amazing', 'simple', 'random', 'mobile', 'Hello']) expect(isCommonWord(w), w).toBe(true);
    for (const w of ['samsng', 'facebook', 'logitech', 'iphone']) expect(isCommonWord(w), w).toBe(false);
  });

  it('parses one word a line and skips the notice', () => {
    expect([...parseWordList('# notice\nalpha\n\n beta \n')]).toEqual(['alpha', 'beta']);
  });

  it('a common word, or one too short for an edit, is never fuzzed; a lone such word has no typo pass at all', () => {
    expect(mayCorrect('orange')).toBe(false);
    expect(mayCorrect('tv')).toBe(false);
    expect(mayCorrect('samsng')).toBe(true);
    expect(typosChange('orange')).toBe(false);
    expect(typosChange('samsng')).toBe(true);
    // Two words: the typo pass may drop one, whatever they are.
    expect(typosChange('orange juice')).toBe(true);
  });

  it('a common plural may still find its singular in the typo pass ("watches" → watch), never a lookalike', () => {
    expect(singulars('watches')).toEqual(['watch', 'watche']);
    expect(singulars('batteries')).toEqual(['battery']);
    expect(singulars('speakers')).toEqual(['speaker']);
    expect(singulars('glass')).toEqual([]);
    expect(typosChange('watches')).toBe(true);
    const clause = JSON.stringify(textQuery('watches', true));
    expect(clause).toContain('"query":"watch"');
    expect(clause).not.toContain('fuzziness');
  });
});

describe('acceptedSpelling', () => {
  it('replaces the changed words, keeping the others as typed', () => {
    expect(acceptedSpelling(['Samsng', 'TV'], ['samsung tv'])).toEqual(['samsung', 'TV']);
  });

  it('skips a suggestion that changes a common word, or that does not line up with the words typed', () => {
    expect(acceptedSpelling(['orange'], ['range'])).toBeUndefined();
    expect(acceptedSpelling(['orange', 'samsng'], ['range samsung', 'orange samsung'])).toEqual(['orange', 'samsung']);
    expect(acceptedSpelling(['usb-c', 'cabel'], ['usb c cable'])).toBeUndefined();
    expect(acceptedSpelling(['samsung'], ['samsung'])).toBeUndefined();
  });

  it('compares with accents folded and lowercase, as title.exact indexes', () => {
    expect(acceptedSpelling(['Café'], ['cafe'])).toBeUndefined();
  });
});

describe('droppedWordIndexes', () => {
  it('the words the best hit did not match; none when it matched all, or none of the named clauses', () => {
    expect(droppedWordIndexes(3, [wordClauseName(0), wordClauseName(2)])).toEqual([1]);
    expect(droppedWordIndexes(2, [wordClauseName(0), wordClauseName(1)])).toEqual([]);
    expect(droppedWordIndexes(2, [])).toEqual([]);
    expect(droppedWordIndexes(2, undefined)).toEqual([]);
  });
});

describe('readCorrection', () => {
  it('relaxed: names the dropped words, and the query is what the results matched', () => {
    expect(readCorrection(answer([wordClauseName(1)], []), 'mini fridge', 0)).toEqual({
      query: 'fridge',
      reason: 'relaxed',
      droppedWords: ['mini'],
      originalTotal: 0,
    });
  });

  it('spelling: the accepted suggestion when no word was dropped', () => {
    expect(readCorrection(answer([wordClauseName(0), wordClauseName(1)], ['samsung tv']), 'samsng tv', 2)).toEqual({
      query: 'samsung tv',
      reason: 'spelling',
      originalTotal: 2,
    });
  });

  it('both: the corrected words that were kept', () => {
    expect(readCorrection(answer([wordClauseName(0)], ['samsung blorp']), 'samsng blorp', 0)).toMatchObject({
      query: 'samsung',
      reason: 'relaxed',
      droppedWords: ['blorp'],
    });
  });

  it('nothing to say: no drop, no acceptable suggestion, or not a typo-pass answer', () => {
    expect(readCorrection(answer([wordClauseName(0)], ['range']), 'orange', 0)).toBeUndefined();
    expect(readCorrection(answer(undefined, []), 'blorp', 0)).toBeUndefined();
    expect(readCorrection({ error: 'x' }, 'blorp', 0)).toBeUndefined();
  });

  it('two words the best hit matched as one are a spelling correction ("head phone" → "headphone"), not a drop', () => {
    expect(readCorrection(answer([joinedClauseName(0), wordClauseName(1)], []), 'head phone', 0)).toEqual({
      query: 'headphone',
      reason: 'spelling',
      originalTotal: 0,
    });
    expect(readCorrection(answer([joinedClauseName(1), wordClauseName(0)], []), 'sony sound bars', 0)?.query).toBe('sony soundbars');
    expect(readCorrection(answer([joinedClauseName(0)], []), 'go pro blorp', 0)).toMatchObject({ query: 'gopro', droppedWords: ['blorp'] });
  });

  it('reads named-query scores too (matched_queries as an object)', () => {
    const scored = { hits: { hits: [{ matched_queries: { [wordClauseName(1)]: 1.5 } }] } };
    expect(readCorrection(scored, 'mini fridge', 0)?.droppedWords).toEqual(['mini']);
  });
});

describe('correctionSuggest', () => {
  it('a phrase suggestion over title.exact that only generates candidates for words the titles lack', () => {
    const s = correctionSuggest('samsng tv');
    expect(s.text).toBe('samsng tv');
    expect(JSON.stringify(s[CORRECTION.name])).toContain('"suggest_mode":"missing"');
  });
});

describe('textQuery in the typo pass', () => {
  it('an attribute-like word weighs less, so the word that goes is "16gb", not "iphone"', () => {
    const q = textQuery('iphone 16gb', true, true);
    const clauses = JSON.stringify(q.must);
    expect(clauses).toMatch(new RegExp(`"boost":${WEIGHTS.attributeWordInTypoPass},"_name":"${wordClauseName(1)}"`));
    expect(clauses).not.toMatch(new RegExp(`"boost":[0-9.]+,"_name":"${wordClauseName(0)}"`));
  });

  it('names each word and each pair of neighbouring words read as one; the pass as typed names nothing', () => {
    const named = JSON.stringify(textQuery('head phone', true, true));
    expect(named).toContain(`"_name":"${wordClauseName(1)}"`);
    expect(named).toContain(`"_name":"${joinedClauseName(0)}"`);
    expect(named).toContain('"query":"headphone"');
    expect(JSON.stringify(textQuery('head phone'))).not.toContain('_name');
    expect(JSON.stringify(textQuery('head phone'))).not.toContain('headphone');
  });
});
