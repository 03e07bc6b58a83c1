import { describe, expect, it } from 'vitest';
import { byTarget } from './algolia-service';
import { facetAgg, flatFacet } from './family-facets';
import { indexSorts, parseAlgoliaQuery } from './params';
import { planBatch } from './plan';
import type { AlgoliaResult } from './results';

const q = (raw: Record<string, unknown>) => parseAlgoliaQuery({ indexName: 'products', ...raw }, { where: '', sorts: indexSorts('products') });
const terms = (field: (f: string) => string) => ({ terms: { field: field('attributePairs'), size: 10 } });

describe('grouped (distinct) facets', () => {
  it('a variant-level facet counts families: nested → the variants the query keeps → values → reverse_nested', () => {
    const grouped = q({ distinct: true, facetFilters: ['attributes.size:M'] });
    expect(facetAgg(grouped, true, terms)).toEqual({
      nested: { path: 'variants' },
      aggs: {
        matching: {
          filter: { term: { 'variants.attributePairs': 'size=M' } },
          aggs: { values: { terms: { field: 'variants.attributePairs', size: 10 }, aggs: { families: { reverse_nested: {} } } } },
        },
      },
    });
    // Family-level facets, and every facet without distinct, are today's aggregation.
    expect(facetAgg(grouped, false, terms)).toEqual({ terms: { field: 'attributePairs', size: 10 } });
    expect(facetAgg(q({ facetFilters: ['attributes.size:M'] }), true, terms)).toEqual({ terms: { field: 'attributePairs', size: 10 } });
  });

  it('the answer reads as a flat one whose counts are families', () => {
    const answer = {
      doc_count: 9,
      matching: { doc_count: 7, values: { doc_count_error_upper_bound: 0, buckets: [{ key: 'color=Blue', doc_count: 5, families: { doc_count: 2 } }] } },
    };
    expect(flatFacet(answer)).toEqual({ doc_count_error_upper_bound: 0, buckets: [{ key: 'color=Blue', doc_count: 2, families: { doc_count: 2 } }] });
    const stats = { doc_count: 3, matching: { doc_count: 2, values: { count: 2, min: 5, max: 9, avg: 7, sum: 14 } } };
    expect(flatFacet(stats)).toEqual({ count: 2, min: 5, max: 9, avg: 7, sum: 14 });
    expect(flatFacet({ buckets: [] })).toEqual({ buckets: [] });
  });

  it('with no variant condition, a family-counting facet reads anyVariant, and the nested way only for families without it', () => {
    const agg = facetAgg(q({ distinct: true }), true, terms);
    expect(agg.filter).toEqual({ match_all: {} });
    expect(agg.aggs?.values).toEqual({ terms: { field: 'anyVariant.attributePairs', size: 10 } });
    expect(agg.aggs?.unmigrated?.missing).toEqual({ field: 'anyVariant.price' });
    expect(JSON.stringify(agg.aggs?.unmigrated)).toContain('"reverse_nested":{}');
    // Price stats are of the variants' prices, not of distinct values: always nested.
    expect(facetAgg(q({ distinct: true }), true, (f) => ({ stats: { field: f('price') } }), false)).toHaveProperty('nested', { path: 'variants' });
    const answer = {
      doc_count: 9,
      values: { doc_count_error_upper_bound: 0, buckets: [{ key: 'color=Red', doc_count: 1 }, { key: 'color=Blue', doc_count: 3 }] },
      unmigrated: {
        doc_count: 2,
        variants: { doc_count: 4, matching: { doc_count: 4, values: { buckets: [{ key: 'color=Red', doc_count: 4, families: { doc_count: 2 } }] } } },
      },
    };
    expect(flatFacet(answer)).toEqual({
      doc_count_error_upper_bound: 0,
      buckets: [{ key: 'color=Red', doc_count: 3 }, { key: 'color=Blue', doc_count: 3 }],
    });
  });

  it('a distinct query plans over family documents: variant facets nested, price sort on the matching variants, family fields read', () => {
    const [search] = planBatch([q({ distinct: true, indexName: 'products_price_asc', facets: ['brand', 'attributes.color', 'price'], numericFilters: ['price<=30'] })]);
    const body = JSON.stringify(search?.body);
    expect(body).toContain('"f0":{"terms":{"field":"brand.keyword"');
    expect(body).toContain('"f1":{"nested":{"path":"variants"},"aggs":{"matching":{"filter":{"range":{"variants.price":{"lte":30}}}');
    expect(body).toContain('"s2":{"nested":{"path":"variants"},"aggs":{"matching":{"filter":{"range":{"variants.price":{"lte":30}}},"aggs":{"values":{"stats":{"field":"variants.price"}}}}}}');
    expect(search?.body.sort).toContainEqual({ 'variants.price': { order: 'asc', mode: 'min', nested: { path: 'variants', filter: { bool: { filter: [{ range: { 'variants.price': { lte: 30 } } }] } } } } });
    expect(search?.body._source).toEqual(expect.arrayContaining(['variants', 'memberIds', 'groupId']));
  });

  it('a batch is answered per index (families for distinct queries), in request order', async () => {
    const queries = [q({ query: 'a', distinct: true }), q({ query: 'b' }), q({ query: 'c', distinct: 1 })];
    const seen: [string, string[]][] = [];
    const results = await byTarget(queries, [], async (part, _shaping, target) => {
      seen.push([target, part.map((p) => p.query)]);
      return part.map((p) => ({ facetHits: [], exhaustiveFacetsCount: true, processingTimeMS: p.query.charCodeAt(0) }) satisfies AlgoliaResult);
    });
    expect(seen.sort()).toEqual([['families', ['a', 'c']], ['products', ['b']]]);
    expect(results.map((r) => r.processingTimeMS)).toEqual([97, 98, 99]);
  });
});
