import { describe, expect, it } from 'vitest';
import { isStopWord } from './common-words';
import { decidingWordIndexes, textQuery, typosChange } from './text-query';

/** The words whose clauses decide what a text query matches, and how many of them must. */
function deciding(q: string, typos: boolean): { words: string[]; minimum: unknown } {
  const recall = textQuery(q, typos).must[0]?.bool?.should;
  const perWord = Array.isArray(recall) ? recall[0]?.bool : undefined;
  const clauses = Array.isArray(perWord?.should) ? perWord.should : [];
  const word = (c: (typeof clauses)[number]) => (Array.isArray(c.bool?.should) ? String(c.bool.should[0]?.multi_match?.query) : '');
  return { words: clauses.map(word), minimum: perWord?.minimum_should_match };
}

describe('stop words in the typo pass (issue 18: a million products)', () => {
  it("are Lucene's English stop words, in any case", () => {
    for (const w of ['a', 'The', 'and', 'for', 'with']) expect(isStopWord(w), w).toBe(true);
    for (const w of ['all', 'one', 'mark', 'world', 'tv']) expect(isStopWord(w), w).toBe(false);
  });

  it('decide nothing in the typo pass among other words; as typed, and when they are all there is, they decide', () => {
    expect(decidingWordIndexes(['a', 'search'], true)).toEqual([1]);
    expect(decidingWordIndexes(['case', 'for', 'laptop'], true)).toEqual([0, 2]);
    expect(decidingWordIndexes(['case', 'for', 'laptop'], false)).toEqual([0, 1, 2]);
    expect(decidingWordIndexes(['this', 'is'], true)).toEqual([0, 1]);
    expect(decidingWordIndexes([], true)).toEqual([]);
  });

  it('so the typo pass cannot let the other word miss and "a" or "and" alone carry the query', () => {
    expect(deciding('a search', true)).toEqual({ words: ['search'], minimum: 1 });
    expect(deciding('a search', false)).toEqual({ words: ['a', 'search'], minimum: 2 });
    expect(deciding('usb and samsung', true)).toEqual({ words: ['usb', 'samsung'], minimum: 1 });
    expect(deciding('this is', true)).toEqual({ words: ['this', 'is'], minimum: 1 });
  });

  it('they still rank in the typo pass, and what matches every word as typed stays first', () => {
    const { should } = textQuery('mark and', true, true);
    expect(JSON.stringify(should)).toContain('"query":"and"');
    expect(JSON.stringify(should)).toContain('"_name":"word:1"');
    expect(JSON.stringify(should)).toContain('"minimum_should_match":2');
  });

  it('dropping a stop word is something the typo pass can do, so a thin answer gets it', () => {
    expect(typosChange('mark and')).toBe(true);
    expect(typosChange('mark')).toBe(false);
  });
});
