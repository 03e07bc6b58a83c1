import { describe, expect, it } from 'vitest';
import { SearchParams } from '@catalog/contract';
import { mapHit, mapSearchResponse, totalPages } from './map-search-response';

const source = {
  id: 'SKU-1', title: 'TV', brand: 'LG', categories: ['Electronics'], price: 10, currency: 'EUR', stock: 0,
  rating: 4, reviewCount: 3, popularity: 9, description: 'not in the hit',
};

describe('mapHit', () => {
  it('derives inStock when missing, drops fields a hit does not show, keeps the first highlight fragment', () => {
    expect(mapHit(source, { title: ['<em>TV</em>'], description: ['a', 'b'] })).toEqual({
      id: 'SKU-1', title: 'TV', brand: 'LG', categories: ['Electronics'], price: 10, currency: 'EUR', stock: 0,
      inStock: false, rating: 4, reviewCount: 3, highlight: { title: '<em>TV</em>', description: 'a' },
    });
  });
  it('skips a document that is not a product (e.g. a tombstone)', () => {
    expect(mapHit({ id: 'x', deleted: true, version: 2 })).toBeUndefined();
  });
});

describe('mapSearchResponse', () => {
  it('maps total, pages and hits', () => {
    const r = mapSearchResponse(
      { took: 7, hits: { total: { value: 41, relation: 'eq' }, hits: [{ _source: { ...source, inStock: true } }] } },
      SearchParams.parse({ q: 'tv', per_page: 20, group: 'false' }),
    );
    expect(r).toMatchObject({ query: 'tv', page: 1, perPage: 20, total: 41, totalPages: 3, tookMs: 7, cached: false });
    expect(r.hits[0]?.inStock).toBe(true);
  });
  it('rejects an answer that is not a search response', () => {
    expect(() => mapSearchResponse('<html>', SearchParams.parse({}))).toThrow();
  });
});

describe('totalPages', () => {
  it.each([
    [0, 20, 0],
    [20, 20, 1],
    [21, 20, 2],
    [50_000, 100, 100],
    [50_000, 30, 334],
  ])('%i hits / %i per page → %i reachable pages', (total, per, pages) => expect(totalPages(total, per)).toBe(pages));
});
