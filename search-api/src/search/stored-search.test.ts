import { describe, expect, it } from 'vitest';
import { SearchResponse } from '@catalog/contract';
import { isStoredSearch, readStoredSearch, searchResponseParts, storeSearchResponse } from './stored-search';

const response: SearchResponse = {
  query: 'first asker',
  page: 1,
  perPage: 20,
  total: 1234,
  totalPages: 62,
  hits: [{ id: 'SKU-1', title: 'Line\nbreak "quoted" </script>', brand: 'B', categories: ['A'], price: 9.99, currency: 'EUR', stock: 1, inStock: true, rating: 4, reviewCount: 2 }],
  facets: { brand: [{ value: 'B', count: 1 }], category: [], price: [{ to: 25, count: 1 }], rating: [], inStock: [] },
  tookMs: 17,
  cached: false,
};

describe('stored search answers', () => {
  it('the bytes a request gets are the contract response with its own echo, cached flag and time', () => {
    const stored = readStoredSearch(storeSearchResponse(response));
    expect(stored.total).toBe(1234);
    const { prefix, rest } = searchResponseParts(stored, { query: 'Second "asker"\u2028', cached: true, tookMs: 0.4 });
    const json = prefix + rest;
    const parsed = SearchResponse.parse(JSON.parse(json));
    expect(parsed).toEqual({ ...response, query: 'Second "asker"\u2028', cached: true, tookMs: 0.4 });
  });

  it.each([
    ['JSON of an older version', JSON.stringify(response)],
    ['empty', ''],
    ['no total', '\n{"a":1}'],
    ['negative total', '-1\n{"a":1}'],
    ['not an object', '3\n[1]'],
    ['empty object', '3\n{}'],
    ['truncated', '3\n{"page":1'],
  ])('refuses what is not ours: %s', (_, value) => {
    expect(isStoredSearch(value)).toBe(false);
    expect(() => readStoredSearch(value)).toThrow(/unexpected cached search response/);
  });
});
