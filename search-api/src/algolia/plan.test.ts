import { describe, expect, it } from 'vitest';
import { relevanceQuery } from '../search/build-search-request';
import { indexSorts, parseAlgoliaQuery } from './params';
import { hitsWindow, planBatch } from './plan';

const sorts = indexSorts('products');
const q = (raw: Record<string, unknown>) => parseAlgoliaQuery({ indexName: 'products', ...raw }, { where: '', sorts });

/** What algoliasearch-helper sends for "sony", two brands refined and a category two levels deep. */
const helperBatch = () => [
  q({ query: 'sony', facets: ['brand', 'categories.lvl0', 'categories.lvl1', 'price'], facetFilters: [['brand:Sony', 'brand:Bose'], ['categories.lvl1:Electronics > Audio']], hitsPerPage: 12 }),
  q({ query: 'sony', facets: 'brand', facetFilters: [['categories.lvl1:Electronics > Audio']], hitsPerPage: 0, analytics: false }),
  q({ query: 'sony', facets: ['categories.lvl0', 'categories.lvl1'], facetFilters: [['brand:Sony', 'brand:Bose']], hitsPerPage: 0 }),
  q({ query: 'sony', facets: ['categories.lvl0'], facetFilters: [['brand:Sony', 'brand:Bose']], hitsPerPage: 0 }),
];

describe('planBatch', () => {
  it('answers a whole helper batch with one search: post_filter for the hits, a filter aggregation per query', () => {
    const queries = helperBatch();
    const plan = planBatch(queries);
    expect(plan).toHaveLength(1);
    const [search] = plan;
    expect(search?.members.map((m) => [m.request, m.container, m.hits])).toEqual([
      [0, { agg: 'm0' }, true],
      [1, { agg: 'm1' }, false],
      [2, { agg: 'm2' }, false],
      [3, { agg: 'm3' }, false],
    ]);
    expect(search?.body).toMatchObject({ query: relevanceQuery('sony'), post_filter: queries[0]?.filter, size: 12, from: 0, track_total_hits: true });
    expect(search?.body.aggs?.m1).toMatchObject({ filter: queries[1]?.filter, aggs: { f0: { terms: { field: 'brand.keyword' } } } });
    expect(Object.keys(search?.body.aggs?.m0?.aggs ?? {})).toEqual(['f0', 'f1', 'f2', 'f3', 's3']);
  });

  it('a lone query filters in the query and aggregates at the root', () => {
    const [search] = planBatch([q({ query: '', facets: ['brand'], facetFilters: ['brand:Sony'] })]);
    expect(search?.members).toEqual([{ request: 0, container: 'root', hits: true }]);
    expect(search?.body.query).toEqual({ bool: { must: [relevanceQuery('')], filter: [{ term: { 'brand.keyword': 'Sony' } }] } });
    expect(search?.body.post_filter).toBeUndefined();
  });

  it('queries of different texts, or a second hits query, are separate searches (one _msearch)', () => {
    const plan = planBatch([q({ query: 'tv' }), q({ query: 'sony', hitsPerPage: 0 }), q({ query: 'tv', page: 1 })]);
    expect(plan.map((p) => p.members.map((m) => m.request)).sort()).toEqual([[0], [1], [2]]);
  });

  it('facet value searches ride along as aggregations', () => {
    const plan = planBatch([q({ query: 'x', facets: ['brand'] }), q({ query: 'x', type: 'facet', facet: 'brand', facetQuery: 'so', maxFacetHits: 5 })]);
    expect(plan).toHaveLength(1);
    expect(plan[0]?.body.aggs?.m1?.aggs?.fs).toMatchObject({ terms: { field: 'brand.keyword', size: 5 } });
  });

  it('never pages past the result window', () => {
    expect(hitsWindow(q({ page: 499, hitsPerPage: 20 }))).toEqual({ from: 9980, size: 20 });
    expect(hitsWindow(q({ page: 333, hitsPerPage: 30 }))).toEqual({ from: 9990, size: 10 });
    expect(hitsWindow(q({ page: 500, hitsPerPage: 20 }))).toEqual({ from: 10000, size: 0 });
    expect(planBatch([q({ page: 500, hitsPerPage: 20 })])[0]?.body.size).toBe(0);
  });

  it('highlights with private marks and whole values; sort replicas sort', () => {
    const [search] = planBatch([q({ indexName: 'products_price_asc', query: 'tv', attributesToSnippet: ['description:10'] })]);
    expect(search?.body.sort).toEqual([{ price: 'asc' }, '_score', { id: 'asc' }]);
    expect(Object.keys(search?.body.highlight?.fields ?? {})).toEqual(['title', 'brand', 'description']);
    expect(search?.body._source).toContain('description');
  });

  it('a facet value search on a numeric attribute is a 400', () => {
    expect(() => planBatch([q({ type: 'facet', facet: 'price' })])).toThrow(/Cannot search in "price"/);
  });
});
