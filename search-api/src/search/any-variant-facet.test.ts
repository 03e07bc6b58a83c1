import { describe, expect, it } from 'vitest';
import { anyVariantAggs, sumBuckets } from './any-variant-facet';

describe('anyVariant facets (issue 18)', () => {
  it('count from the family documents, and the nested way only where a family document has no anyVariant', () => {
    const aggs = anyVariantAggs({ terms: { field: 'anyVariant.inStock' } }, { variants: { nested: { path: 'variants' } } });
    expect(aggs.values).toEqual({ terms: { field: 'anyVariant.inStock' } });
    expect(aggs.unmigrated).toEqual({ missing: { field: 'anyVariant.price' }, aggs: { variants: { nested: { path: 'variants' } } } });
  });

  it('sum the two parts by key: range buckets keep their order, terms go by count when the second part has any, at most as many as asked', () => {
    const ranges = sumBuckets([{ key: '*-25.0', to: 25, doc_count: 2 }, { key: '25.0-*', from: 25, doc_count: 9 }], [{ key: '*-25.0', to: 25, doc_count: 8 }, { key: '25.0-*', from: 25, doc_count: 0 }]);
    expect(ranges).toEqual([{ key: '*-25.0', to: 25, doc_count: 10 }, { key: '25.0-*', from: 25, doc_count: 9 }]);
    expect(sumBuckets([{ key: 'a', doc_count: 3 }, { key: 'b', doc_count: 2 }], [{ key: 'b', doc_count: 2 }, { key: 'c', doc_count: 5 }])).toEqual([
      { key: 'c', doc_count: 5 },
      { key: 'b', doc_count: 4 },
    ]);
    const only = [{ key: 'x', doc_count: 1 }, { key: 'y', doc_count: 1 }];
    expect(sumBuckets(only, [])).toEqual(only);
    // Never more terms than the size asked for: each part had at most that many.
    expect(sumBuckets([{ key: 'a', doc_count: 3 }, { key: 'b', doc_count: 1 }], [{ key: 'c', doc_count: 2 }, { key: 'd', doc_count: 5 }]).map((b) => b.key)).toEqual(['d', 'a']);
  });
});
