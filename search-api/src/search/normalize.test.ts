import { describe, expect, it } from 'vitest';
import { SearchParams } from '@catalog/contract';
import { canonicalSearch, normalizeQuery, queryWords } from './normalize';

describe('normalizeQuery', () => {
  it.each([
    ['  Sony   TV ', 'sony tv'],
    ['ＴＶ', 'tv'],
    ['Café', 'café'],
  ])('%j → %j', (q, n) => expect(normalizeQuery(q)).toBe(n));
});

describe('queryWords', () => {
  it('splits on whitespace and bounds the count', () => {
    expect(queryWords(' a  b ')).toEqual(['a', 'b']);
    expect(queryWords('a b c d', 2)).toEqual(['a', 'b']);
  });
});

describe('canonicalSearch', () => {
  const key = (x: Record<string, unknown>) => canonicalSearch(SearchParams.parse(x));
  it('is the same for the same request written differently', () => {
    expect(key({ q: 'Sony  TV', brand: ['B', 'A', 'A'], attr: { size: ['m'], color: ['x'] } })).toBe(
      key({ q: 'sony tv', brand: ['A', 'B'], attr: { color: ['x'], size: ['m'] } }),
    );
  });
  it.each([{ page: 2 }, { sort: 'newest' }, { in_stock: 'false' }, { price_min: 1 }, { category: ['A'] }, { group: 'false' }])(
    'differs when %j changes',
    (change) => expect(key({ q: 'tv', ...change })).not.toBe(key({ q: 'tv' })),
  );
});
