import { describe, expect, it } from 'vitest';
import { SearchParams } from '@catalog/contract';
import { buildSearchRequest, FAMILY_SOURCE, HIT_SOURCE, searchTarget } from './build-search-request';
import { mapFacets } from './facets';
import { activeFilters, filtersExcept, GROUPED } from './filters';

const params = (input: Record<string, unknown>) => SearchParams.parse(input);
const json = (x: unknown) => JSON.stringify(x);
const FILTERED = { q: 'tee', brand: ['Acme'], rating_min: 3, price_min: 10, price_max: 50, in_stock: 'true', attr: { color: ['blue'], size: ['m', 'l'] } };
const VARIANT_CLAUSES = [
  { range: { 'variants.price': { gte: 10, lte: 50 } } },
  { term: { 'variants.inStock': true } },
  { terms: { 'variants.attributePairs': ['color=blue'] } },
  { terms: { 'variants.attributePairs': ['size=m', 'size=l'] } },
];

describe('grouped search request (issue 17)', () => {
  const grouped = buildSearchRequest(params(FILTERED));
  const flat = buildSearchRequest(params({ ...FILTERED, group: 'false' }));

  it('is grouped by default and reads the families index; group=false reads products with no trace of variants', () => {
    expect(searchTarget(params({}))).toBe('families');
    expect(searchTarget(params({ group: 'false' }))).toBe('products');
    expect(json(flat)).not.toContain('variants');
    expect(json(flat)).not.toContain('nested');
    expect(flat._source).toEqual(HIT_SOURCE);
    expect(grouped._source).toEqual([...HIT_SOURCE, ...FAMILY_SOURCE]);
  });

  it('shares the text query (its words also match variantText), paging, relevance sort and highlight with the flat request', () => {
    const withVariantText = json(flat.query).replaceAll('"description^0.5"]', '"description^0.5","variantText^2"]');
    expect(json(grouped.query)).toEqual(withVariantText);
    expect(json(grouped.query)).toContain('variantText');
    expect(grouped.highlight).toEqual(flat.highlight);
    expect([grouped.from, grouped.size, grouped.track_total_hits]).toEqual([flat.from, flat.size, flat.track_total_hits]);
    expect(grouped.sort).toEqual(flat.sort);
  });

  it('filters families: family-level filters on the top level, variant-level ones satisfied by one variant together', () => {
    expect(grouped.post_filter).toEqual({
      bool: {
        filter: [
          { terms: { 'brand.keyword': ['Acme'] } },
          { range: { rating: { gte: 3 } } },
          { nested: { path: 'variants', query: { bool: { filter: VARIANT_CLAUSES } } } },
        ],
      },
    });
  });

  it('counts family-level facets on family documents under every other filter (variant ones nested)', () => {
    const brand = grouped.aggs?.facet_brand;
    expect(brand?.filter).toEqual({ bool: { filter: [{ range: { rating: { gte: 3 } } }, { nested: { path: 'variants', query: { bool: { filter: VARIANT_CLAUSES } } } }] } });
    expect(brand?.aggs).toEqual(flat.aggs?.facet_brand?.aggs);
  });

  it.each([
    ['facet_price', 0, { range: { field: 'variants.price' } }],
    ['facet_in_stock', 1, { terms: { field: 'variants.inStock' } }],
    ['facet_attr__color', 2, { terms: { field: 'variants.attributePairs', include: 'color=.*' } }],
    ['facet_attr__size', 3, { terms: { field: 'variants.attributePairs', include: 'size=.*' } }],
  ])('%s: nested → the other variant filters → values → reverse_nested (families)', (name, own, values) => {
    const facet = grouped.aggs?.[name];
    const others = VARIANT_CLAUSES.filter((_, i) => i !== own);
    expect(facet?.filter).toEqual({
      bool: { filter: [{ terms: { 'brand.keyword': ['Acme'] } }, { range: { rating: { gte: 3 } } }, { nested: { path: 'variants', query: { bool: { filter: others } } } }] },
    });
    expect(facet?.aggs?.variants).toMatchObject({
      nested: { path: 'variants' },
      aggs: { matching: { filter: { bool: { filter: others } }, aggs: { values: { ...values, aggs: { families: { reverse_nested: {} } } } } } },
    });
  });

  it('attributes nobody filters on count under every variant filter', () => {
    expect(grouped.aggs?.facet_attributes?.aggs?.variants).toMatchObject({ aggs: { matching: { filter: { bool: { filter: VARIANT_CLAUSES } } } } });
  });

  it.each([
    ['price_asc', 'asc', 'min'],
    ['price_desc', 'desc', 'max'],
  ])('%s sorts by the matching variants’ price (%s, mode %s)', (sort, order, mode) => {
    const body = buildSearchRequest(params({ ...FILTERED, sort }));
    expect([body.sort].flat()).toEqual([
      { 'variants.price': { order, mode, nested: { path: 'variants', filter: { bool: { filter: VARIANT_CLAUSES } } } } },
      '_score',
      { id: 'asc' },
    ]);
    const unfiltered = buildSearchRequest(params({ sort }));
    expect([unfiltered.sort].flat()[0]).toEqual({ 'variants.price': { order, mode, nested: { path: 'variants' } } });
  });

  it('a filter-free grouped request has no post_filter and only family-level filters in facets', () => {
    const body = buildSearchRequest(params({ brand: ['Acme'] }));
    expect(body.post_filter).toEqual({ bool: { filter: [{ terms: { 'brand.keyword': ['Acme'] } }] } });
    expect(json(body.aggs?.facet_rating?.filter)).toContain('brand.keyword');
    expect(json(body.aggs?.facet_rating?.filter)).not.toContain('nested');
    expect(filtersExcept(activeFilters(params({}), GROUPED), undefined, GROUPED)).toEqual([]);
  });
});

describe('grouped facet answers', () => {
  it('read a variant-level facet’s count from reverse_nested (families), not from the variants', () => {
    const bucket = (key: string, variants: number, families: number) => ({ key, doc_count: variants, families: { doc_count: families } });
    const nested = (buckets: unknown[]) => ({ doc_count: 9, variants: { doc_count: 40, matching: { doc_count: 30, values: { buckets } } } });
    const facets = mapFacets({
      facet_brand: { doc_count: 5, values: { buckets: [{ key: 'Acme', doc_count: 5 }] } },
      facet_attributes: nested([bucket('color=blue', 12, 4), bucket('size=m', 7, 3)]),
      facet_in_stock: nested([{ key: 1, key_as_string: 'true', doc_count: 20, families: { doc_count: 5 } }]),
      facet_price: nested([{ key: '*-25.0', to: 25, doc_count: 8, families: { doc_count: 2 } }]),
    });
    expect(facets.brand).toEqual([{ value: 'Acme', count: 5 }]);
    expect(facets.attributes).toEqual({ color: [{ value: 'blue', count: 4 }], size: [{ value: 'm', count: 3 }] });
    expect(facets.inStock).toEqual([{ value: true, count: 5 }]);
    expect(facets.price).toEqual([{ to: 25, count: 2 }]);
  });
});
