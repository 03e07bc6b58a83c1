import { describe, expect, it } from 'vitest';
import { Facets, SearchParams } from '@catalog/contract';
import { activeFilters, GROUPED } from './filters';
import { buildFacetAggs, escapeRegex, hoistUnfiltered, mapFacets, nestHoisted, PRICE_RANGES } from './facets';

const params = (input: Record<string, unknown>) => SearchParams.parse(input);

describe('buildFacetAggs', () => {
  const p = params({ brand: ['Sony'], rating_min: 3, attr: { color: ['black'], size: ['m'] } });
  const aggs = buildFacetAggs(p, activeFilters(p));
  const filterOf = (name: string) => JSON.stringify(aggs[name]?.filter);

  it.each([
    ['facet_brand', ['rating', 'color=black', 'size=m'], ['brand.keyword']],
    ['facet_rating', ['brand.keyword', 'color=black', 'size=m'], ['"rating"']],
    ['facet_price', ['brand.keyword', 'rating', 'color=black', 'size=m'], []],
    ['facet_attributes', ['brand.keyword', 'rating', 'color=black', 'size=m'], []],
    ['facet_attr__color', ['brand.keyword', 'rating', 'size=m'], ['color=black']],
    ['facet_attr__size', ['brand.keyword', 'rating', 'color=black'], ['size=m']],
  ])('%s counts under every other filter', (name, has, hasNot) => {
    for (const s of has) expect(filterOf(name)).toContain(s);
    for (const s of hasNot) expect(filterOf(name)).not.toContain(s);
  });

  it('grouped, a variant-level facet reads anyVariant when no other variant filter applies, else the nested variants', () => {
    const priced = params({ price_max: 30, brand: ['Sony'] });
    const grouped = buildFacetAggs(priced, activeFilters(priced, GROUPED), GROUPED);
    // facet_price ignores its own filter: nothing else is variant-level. The attributes count under the price filter.
    expect(grouped.facet_price?.aggs?.values).toEqual({ range: { field: 'anyVariant.price', ranges: [...PRICE_RANGES] } });
    expect(grouped.facet_attributes?.aggs?.values).toBeUndefined();
    expect(JSON.stringify(grouped.facet_attributes?.aggs?.variants)).toContain('"variants.price":{"lte":30}');
    expect(JSON.stringify(buildFacetAggs(priced, activeFilters(priced, GROUPED), GROUPED, [{ term: { 'variants.inStock': true } }]).facet_price)).not.toContain('anyVariant');
  });

  it('wraps facets in a match-all filter when nothing is selected', () => {
    const none = buildFacetAggs(params({}), new Map());
    expect(none.facet_brand?.filter).toEqual({ bool: { filter: [] } });
    expect(Object.keys(none).filter((k) => k.startsWith('facet_attr__'))).toEqual([]);
  });
});

describe('hoistUnfiltered', () => {
  const keepsEverything = (agg: unknown) => JSON.stringify(agg).startsWith('{"filter":{"bool":{"filter":[]}}');

  it('lifts the parts of each facet under no other filter to the top level, and leaves the filtered ones wrapped', () => {
    const p = params({ brand: ['Sony'] });
    const aggs = hoistUnfiltered(buildFacetAggs(p, activeFilters(p)));
    // The brand facet ignores its own filter, so nothing else filters it; every other facet counts under the brand.
    expect(aggs['facet_brand:values']).toEqual({ terms: { field: 'brand.keyword', size: 30 } });
    expect(aggs.facet_brand).toBeUndefined();
    expect(JSON.stringify(aggs.facet_rating?.filter)).toContain('brand.keyword');
    expect(Object.values(aggs).filter(keepsEverything)).toEqual([]);
  });

  it('without filters, keeps no filter aggregation at all, flat or grouped', () => {
    for (const scope of [undefined, GROUPED]) {
      const p = params({ q: 'tv' });
      const aggs = hoistUnfiltered(buildFacetAggs(p, activeFilters(p, scope), scope));
      expect(Object.keys(aggs).every((k) => k.includes(':'))).toBe(true);
      expect(Object.values(aggs).filter(keepsEverything)).toEqual([]);
    }
  });
});

describe('nestHoisted', () => {
  it('puts hoisted parts back under their facet, beside what was not hoisted', () => {
    const rating = { doc_count: 3, values: { buckets: [] } };
    expect(nestHoisted({ 'facet_brand:values': { buckets: [1] }, 'facet_category:values': { buckets: [2] }, 'facet_category:children_1': { doc_count: 4 }, facet_rating: rating })).toEqual({
      facet_brand: { values: { buckets: [1] } },
      facet_category: { values: { buckets: [2] }, children_1: { doc_count: 4 } },
      facet_rating: rating,
    });
    expect(nestHoisted(undefined)).toBeUndefined();
  });
});

describe('escapeRegex', () => {
  it.each([
    ['Home & Garden', 'Home \\& Garden'],
    ['a.b*c', 'a\\.b\\*c'],
  ])('escapes %s', (s, e) => expect(escapeRegex(s)).toBe(e));
});

describe('mapFacets', () => {
  const buckets = (b: unknown[]) => ({ doc_count: 1, values: { buckets: b } });
  it('maps every facet and splits attribute pairs, own-filtered attributes from their own aggregation', () => {
    const facets = mapFacets({
      facet_brand: buckets([{ key: 'Sony', doc_count: 3 }]),
      facet_category: buckets([{ key: 'A > B', doc_count: 2 }]),
      facet_price: buckets([{ key: '*-25.0', to: 25, doc_count: 1 }, { key: '1000.0-*', from: 1000, doc_count: 0 }]),
      facet_rating: buckets([{ key: '1', from: 1, doc_count: 9 }, { key: '4', from: 4, doc_count: 2 }]),
      facet_in_stock: buckets([{ key: 1, key_as_string: 'true', doc_count: 5 }, { key: 0, key_as_string: 'false', doc_count: 1 }]),
      facet_attributes: buckets([{ key: 'color=black', doc_count: 1 }, { key: 'size=m', doc_count: 4 }]),
      facet_attr__color: buckets([{ key: 'color=black', doc_count: 2 }, { key: 'color=red', doc_count: 1 }]),
    });
    expect(facets).toEqual({
      brand: [{ value: 'Sony', count: 3 }],
      category: [{ value: 'A > B', count: 2 }],
      price: [{ to: 25, count: 1 }, { from: 1000, count: 0 }],
      rating: [{ min: 4, count: 2 }, { min: 1, count: 9 }],
      inStock: [{ value: true, count: 5 }, { value: false, count: 1 }],
      attributes: { size: [{ value: 'm', count: 4 }], color: [{ value: 'black', count: 2 }, { value: 'red', count: 1 }] },
    });
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf'])('keeps an attribute named %s like any other, touching no prototype', (name) => {
    const facets = mapFacets({
      facet_attributes: buckets([{ key: `${name}=a`, doc_count: 2 }, { key: 'color=black', doc_count: 1 }]),
      facet_attr__size: buckets([{ key: `size=m`, doc_count: 1 }]),
    });
    const attributes = facets.attributes ?? {};
    expect(Object.getOwnPropertyNames(attributes).sort()).toEqual(['color', name, 'size'].sort());
    expect(Object.getOwnPropertyDescriptor(attributes, name)?.value).toEqual([{ value: 'a', count: 2 }]);
    expect(Object.keys(Object.prototype)).toEqual([]);
    // What the cache stores and parses back keeps the name too.
    expect(Object.getOwnPropertyDescriptor(Facets.parse(JSON.parse(JSON.stringify(facets))).attributes, name)?.value).toEqual([{ value: 'a', count: 2 }]);
  });

  it('grouped, sums what anyVariant counted and what the nested way counted for families without it', () => {
    const facets = mapFacets({
      facet_in_stock: {
        doc_count: 5,
        values: { buckets: [{ key: 1, key_as_string: 'true', doc_count: 3 }] },
        unmigrated: {
          doc_count: 2,
          variants: {
            doc_count: 3,
            matching: { doc_count: 3, values: { buckets: [{ key: 0, key_as_string: 'false', doc_count: 3, families: { doc_count: 2 } }, { key: 1, key_as_string: 'true', doc_count: 1, families: { doc_count: 1 } }] } },
          },
        },
      },
    });
    expect(facets.inStock).toEqual([{ value: true, count: 4 }, { value: false, count: 2 }]);
  });

  it('maps an answer whose facets were hoisted (hoistUnfiltered) as the same answer wrapped', () => {
    const wrapped = {
      facet_brand: buckets([{ key: 'Sony', doc_count: 3 }]),
      facet_price: buckets([{ key: '*-25.0', to: 25, doc_count: 1 }]),
      facet_attributes: buckets([{ key: 'color=black', doc_count: 1 }]),
    };
    const hoisted = Object.fromEntries(Object.entries(wrapped).map(([facet, { values }]) => [`${facet}:values`, values]));
    expect(mapFacets(hoisted)).toEqual(mapFacets(wrapped));
    expect(mapFacets(hoisted).brand).toEqual([{ value: 'Sony', count: 3 }]);
  });

  it('gives empty facets when aggregations are missing', () => {
    expect(mapFacets(undefined)).toEqual({ brand: [], category: [], price: [], rating: [], inStock: [], attributes: {} });
  });
});
