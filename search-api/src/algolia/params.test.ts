import { describe, expect, it } from 'vitest';
import { indexSorts, parseAlgoliaQuery } from './params';

const sorts = indexSorts('products');
const parse = (raw: unknown, ctx: { indexName?: string; facet?: string } = {}) => parseAlgoliaQuery(raw, { where: 'requests[0]', sorts, ...ctx });
const status = (fn: () => unknown): number | undefined => {
  try {
    fn();
  } catch (err) {
    return (err as { status?: number }).status;
  }
  return undefined;
};

describe('parseAlgoliaQuery', () => {
  it('reads v5 flattened parameters with Algolia defaults', () => {
    const q = parse({ indexName: 'products', query: 'tv', facets: ['brand'], analytics: false });
    expect(q).toMatchObject({
      type: 'default',
      indexName: 'products',
      sort: 'relevance',
      query: 'tv',
      page: 0,
      hitsPerPage: 20,
      facets: ['brand'],
      filter: undefined,
      maxValuesPerFacet: 100,
      highlightPreTag: '<em>',
      analytics: false,
      clickAnalytics: false,
    });
    expect(q.params).toBe('query=tv&facets=%5B%22brand%22%5D&analytics=false');
  });

  it('reads the older params query string (JSON arrays, comma lists, strings for numbers); flattened keys win', () => {
    const params = new URLSearchParams({
      query: 'sony',
      page: '2',
      hitsPerPage: '5',
      facets: 'brand,price',
      facetFilters: JSON.stringify([['brand:Sony']]),
      numericFilters: '["price>=10"]',
      clickAnalytics: 'true',
    }).toString();
    const q = parse({ indexName: 'products', params, hitsPerPage: 7 });
    expect(q).toMatchObject({ query: 'sony', page: 2, hitsPerPage: 7, facets: ['brand', 'price'], clickAnalytics: true });
    expect(q.filter).toEqual({ bool: { filter: [{ term: { 'brand.keyword': 'Sony' } }, { range: { price: { gte: 10 } } }] } });
  });

  it('combines facetFilters, numericFilters and filters with AND', () => {
    const q = parse({ indexName: 'products', facetFilters: 'brand:Sony', numericFilters: 'price<5', filters: 'inStock:true' });
    expect(q.filter).toEqual({ bool: { filter: [{ term: { 'brand.keyword': 'Sony' } }, { range: { price: { lt: 5 } } }, { term: { inStock: true } }] } });
  });

  it('sort replicas are index names; the URL index wins over the body', () => {
    expect(parse({ indexName: 'products_price_desc' }).sort).toBe('price_desc');
    expect(parse({ indexName: 'products' }, { indexName: 'products_newest' }).sort).toBe('newest');
    expect(indexSorts('shop').get('shop_rating_desc')).toBe('rating_desc');
  });

  it('caps hitsPerPage and maxValuesPerFacet at the REST bounds instead of refusing them', () => {
    expect(parse({ indexName: 'products', hitsPerPage: 1000, maxValuesPerFacet: 1000 })).toMatchObject({ hitsPerPage: 100, maxValuesPerFacet: 100 });
  });

  it('facet value searches: type "facet" in a multi-query or the facet from the URL', () => {
    expect(parse({ indexName: 'products', type: 'facet', facet: 'brand', facetQuery: 'so', maxFacetHits: 5 })).toMatchObject({
      type: 'facet',
      facet: 'brand',
      facetQuery: 'so',
      maxFacetHits: 5,
    });
    expect(parse({ facetQuery: 'x' }, { indexName: 'products', facet: 'brand' })).toMatchObject({ type: 'facet', facet: 'brand' });
  });

  it('the query follows the REST search text rules: control characters become spaces, at most 32 words', () => {
    expect(parse({ indexName: 'products', query: 'tv\u0000stand\u001f' }).query).toBe('tv stand');
    expect(status(() => parse({ indexName: 'products', query: Array.from({ length: 33 }, (_, i) => `w${i}`).join(' ') }))).toBe(400);
  });

  it('distinct: true / 1 / 2 – 4 → one hit per family; false / 0 / absent → every variant; same in the params string', () => {
    for (const distinct of [true, 'true', 1, '1', 2, 4]) expect(parse({ indexName: 'products', distinct }).group, String(distinct)).toBe(true);
    for (const distinct of [false, 'false', 0, '0', undefined]) expect(parse({ indexName: 'products', distinct }).group, String(distinct)).toBe(false);
    expect(parse({ indexName: 'products', params: 'distinct=true&query=x' }).group).toBe(true);
    expect(parse({ indexName: 'products', params: 'distinct=1', distinct: false }).group).toBe(false);
    expect(parse({ indexName: 'products', type: 'facet', facet: 'brand', distinct: 1 }).group).toBe(true);
    expect(parse({ indexName: 'products', distinct: true }).params).toBe('distinct=true');
  });

  it('distinct filters family documents: variant conditions in one nested clause; a mixed OR is a 400 naming its source', () => {
    const q = parse({ indexName: 'products', distinct: true, facetFilters: ['attributes.color:Blue', 'brand:Acme'], numericFilters: ['price<50'] });
    expect(q.variantFilter).toEqual({ bool: { filter: [{ term: { 'variants.attributePairs': 'color=Blue' } }, { range: { 'variants.price': { lt: 50 } } }] } });
    expect(q.filter).toEqual({ bool: { filter: [{ term: { 'brand.keyword': 'Acme' } }, { nested: { path: 'variants', query: q.variantFilter } }] } });
    expect(parse({ indexName: 'products', facetFilters: ['attributes.color:Blue'] })).toMatchObject({ variantFilter: undefined, variantNode: undefined });
    expect(() => parse({ indexName: 'products', distinct: 1, filters: 'brand:Acme OR inStock:true' })).toThrow(/requests\[0\]\.filters: with distinct/);
  });

  it('ignores unknown parameters, as Algolia does', () => {
    expect(() => parse({ indexName: 'products', typoTolerance: 'min', ruleContexts: ['x'], getRankingInfo: true, tagFilters: '' })).not.toThrow();
  });

  it.each([
    [{ indexName: 'products', hitsPerPage: 1001 }, 400, /requests\[0\]\.hitsPerPage/],
    [{ indexName: 'products', hitsPerPage: -1 }, 400, /hitsPerPage/],
    [{ indexName: 'products', page: 'two' }, 400, /requests\[0\]\.page/],
    [{ indexName: 'products', query: 'x'.repeat(201) }, 400, /query/],
    [{ indexName: 'products', facets: Array.from({ length: 51 }, (_, i) => `f${i}`) }, 400, /facets/],
    [{ indexName: 'products', highlightPreTag: 'x'.repeat(101) }, 400, /highlightPreTag/],
    [{ indexName: 'products', tagFilters: ['sale'] }, 400, /tagFilters: tags are not supported/],
    [{ indexName: 'products', attributesToSnippet: ['description:0'] }, 400, /needs 1 to 100 words/],
    [{ indexName: 'products', facetFilters: ['color:red'] }, 400, /requests\[0\]\.facetFilters: unknown attribute "color"/],
    [{ indexName: 'products', filters: 'brand:' }, 400, /requests\[0\]\.filters/],
    [{ indexName: 'products', facetFilters: '[["brand:a"' }, 400, /facetFilters/],
    [{ indexName: 'products', type: 'facet' }, 400, /facet: required/],
    [{ indexName: 'products', distinct: 5 }, 400, /requests\[0\]\.distinct/],
    [{ indexName: 'products', distinct: 'yes' }, 400, /requests\[0\]\.distinct/],
    [{ query: 'x' }, 400, /indexName: required/],
    [{ indexName: 'other' }, 404, /Index other does not exist/],
    [[1, 2], 400, /expected a JSON object/],
  ])('%j → %i', (raw, code, message) => {
    expect(() => parse(raw)).toThrow(message);
    expect(status(() => parse(raw))).toBe(code);
  });
});
