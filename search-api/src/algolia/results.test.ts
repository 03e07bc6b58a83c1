import { describe, expect, it } from 'vitest';
import { indexSorts, parseAlgoliaQuery } from './params';
import { planBatch } from './plan';
import { highlightPrefix, mapBatch, nbPages } from './results';

const q = (raw: Record<string, unknown>) => parseAlgoliaQuery({ indexName: 'products', ...raw }, { where: '', sorts: indexSorts('products') });
const doc = (id: string) => ({
  _source: { id, title: `Product ${id}`, brand: 'Sony', categories: ['Electronics'], price: 10, currency: 'USD', stock: 1, rating: 4, reviewCount: 1 },
});
const buckets = (entries: [string | number, number][]) => ({ buckets: entries.map(([key, doc_count]) => ({ key, doc_count })), doc_count_error_upper_bound: 0 });

describe('mapBatch', () => {
  it('maps a shared search back to each query: hits and exact total for one, filter counts for the others', () => {
    const queries = [
      q({ query: 'sony', facets: ['brand', 'price'], facetFilters: [['brand:Sony']], hitsPerPage: 2 }),
      q({ query: 'sony', facets: 'brand', hitsPerPage: 0 }),
      q({ query: 'sony', type: 'facet', facet: 'brand', facetQuery: 'so', highlightPreTag: '[', highlightPostTag: ']' }),
    ];
    const plan = planBatch(queries);
    const es = {
      took: 4,
      hits: { total: { value: 12_345 }, hits: [doc('a'), doc('b')] },
      aggregations: {
        m0: { doc_count: 12_345, f0: buckets([['Sony', 12_345]]), f1: buckets([[10, 12_345]]), s1: { count: 12_345, min: 10, max: 10, avg: 10, sum: 123_450 } },
        m1: { doc_count: 20_000, f0: buckets([['Sony', 12_345], ['Bose', 7_655]]) },
        m2: { doc_count: 20_000, fs: buckets([['Sony', 12_345]]) },
      },
    };
    const [hitsResult, countResult, facetResult] = mapBatch(queries, plan, [es]);
    expect(hitsResult).toMatchObject({
      nbHits: 12_345,
      page: 0,
      nbPages: 5_000,
      hitsPerPage: 2,
      facets: { brand: { Sony: 12_345 }, price: { '10': 12_345 } },
      facets_stats: { price: { min: 10, max: 10, avg: 10, sum: 123_450 } },
      exhaustiveNbHits: true,
      exhaustiveFacetsCount: true,
      index: 'products',
      query: 'sony',
      processingTimeMS: 4,
    });
    expect(hitsResult && 'hits' in hitsResult && hitsResult.hits.map((h) => h.objectID)).toEqual(['a', 'b']);
    expect(countResult).toMatchObject({ hits: [], nbHits: 20_000, nbPages: 0, facets: { brand: { Sony: 12_345, Bose: 7_655 } } });
    expect(facetResult).toEqual({ facetHits: [{ value: 'Sony', highlighted: '[So]ny', count: 12_345 }], exhaustiveFacetsCount: true, processingTimeMS: 4 });
  });

  it('facets: ["*"] lists every fixed facet and the product attributes found', () => {
    const queries = [q({ facets: ['*'], maxValuesPerFacet: 1 })];
    const es = {
      hits: { total: 3, hits: [] },
      aggregations: { f0: buckets([['Sony', 2], ['Bose', 1]]), fa: buckets([['color=Black', 2], ['size=M', 1], ['color=Red', 1]]) },
    };
    const [result] = mapBatch(queries, planBatch(queries), [es]);
    expect(result && 'facets' in result && result.facets).toMatchObject({ brand: { Sony: 2 }, 'attributes.color': { Black: 2 }, 'attributes.size': { M: 1 } });
  });

  it('a product document that does not parse is skipped, a broken response is a 500', () => {
    const queries = [q({})];
    const [result] = mapBatch(queries, planBatch(queries), [{ hits: { total: 2, hits: [doc('a'), { _source: { id: 'x', deleted: true } }] } }]);
    expect(result && 'hits' in result && result.hits).toHaveLength(1);
    expect(() => mapBatch(queries, planBatch(queries), [{ error: 'x' }])).toThrow(/unexpected Elasticsearch search response/);
  });
});

describe('pages and facet highlights', () => {
  it('nbPages is capped by the result window; exact nbHits is not', () => {
    expect(nbPages(12_345, 20)).toBe(500);
    expect(nbPages(41, 20)).toBe(3);
    expect(nbPages(41, 0)).toBe(0);
  });

  it('highlightPrefix marks a word start, any case', () => {
    expect(highlightPrefix('Big Sound', 'so', { pre: '<', post: '>' })).toBe('Big <So>und');
    expect(highlightPrefix('Alsom Sony', 'so', { pre: '<', post: '>' })).toBe('Alsom <So>ny');
    expect(highlightPrefix('Sony', '', { pre: '<', post: '>' })).toBe('Sony');
  });
});
