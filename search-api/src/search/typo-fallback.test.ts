import { describe, expect, it } from 'vitest';
import type { SearchBody } from './build-search-request';
import { TYPO_TOLERANCE } from './text-query';
import { isThin, runSearches, searchWithTypoFallback } from './typo-fallback';
import { fakeRun, namedAnswer as answer, namedBody as body } from './typo-fallback.test-helpers';

describe('isThin', () => {
  it.each([
    [{ hits: { total: { value: TYPO_TOLERANCE.belowHits - 1 } } }, true],
    [{ hits: { total: { value: TYPO_TOLERANCE.belowHits } } }, false],
    [{ hits: { total: 0 } }, true],
    [{ hits: {} }, false],
    [undefined, false],
  ])('%j → %s', (response, thin) => {
    expect(isThin(response)).toBe(thin);
  });
});

describe('searchWithTypoFallback', () => {
  it('one round trip when every search found enough as typed: no typo search is sent', async () => {
    const { run, rounds } = fakeRun({ a: 500, b: TYPO_TOLERANCE.belowHits });
    const out = await searchWithTypoFallback(
      [
        { asTyped: body('a'), withTypos: body('a~') },
        { asTyped: body('b'), withTypos: body('b~') },
      ],
      run,
    );
    expect(rounds).toEqual([['a', 'b']]);
    expect(out).toEqual([answer(500, 'a'), answer(TYPO_TOLERANCE.belowHits, 'b')]);
  });

  it('a thin search runs again with typos in one more round trip and that answer replaces it; searches without text never do', async () => {
    const { run, rounds } = fakeRun({ a: 500, b: 2, 'b~': 40, c: 0, d: 1, 'd~': 7 });
    const out = await searchWithTypoFallback(
      [
        { asTyped: body('a'), withTypos: body('a~') },
        { asTyped: body('b'), withTypos: body('b~') },
        { asTyped: body('c') },
        { asTyped: body('d'), withTypos: body('d~') },
      ],
      run,
    );
    expect(rounds).toEqual([
      ['a', 'b', 'c', 'd'],
      ['b~', 'd~'],
    ]);
    expect(out).toEqual([answer(500, 'a'), answer(40, 'b~'), answer(0, 'c'), answer(7, 'd~')]);
  });

  it('tells which searches its typo pass answered and what they matched as typed (did-you-mean)', async () => {
    const { run } = fakeRun({ a: 500, b: 2, 'b~': 40, c: 0, 'c~': 0 });
    const retried: [number, number][] = [];
    await searchWithTypoFallback(
      [
        { asTyped: body('a'), withTypos: body('a~') },
        { asTyped: body('b'), withTypos: body('b~') },
        { asTyped: body('c'), withTypos: body('c~') },
      ],
      run,
      (i, total) => retried.push([i, total]),
    );
    expect(retried).toEqual([
      [1, 2],
      [2, 0],
    ]);
  });
});

describe('runSearches', () => {
  it('one body is a plain search, several are one multi-search', async () => {
    const calls: string[] = [];
    const backend = {
      search: async (b: SearchBody) => (calls.push('search'), b),
      multiSearch: async (bs: SearchBody[]) => (calls.push(`msearch ${bs.length}`), bs),
    };
    expect(await runSearches(backend)([body('a')])).toEqual([body('a')]);
    expect(await runSearches(backend)([body('a'), body('b')])).toEqual([body('a'), body('b')]);
    expect(calls).toEqual(['search', 'msearch 2']);
  });
});
