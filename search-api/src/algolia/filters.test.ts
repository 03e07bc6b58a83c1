import { describe, expect, it } from 'vitest';
import { FILTER_LIMITS, parseFilters } from './filter-parser';
import { facetFiltersNode, numericFiltersNode, toEsFilter } from './filters';

const es = (node: ReturnType<typeof facetFiltersNode>) => (node ? toEsFilter(node, 'facetFilters') : undefined);

describe('facetFilters', () => {
  it('is an AND of ORs, the way the helper sends refinements', () => {
    expect(es(facetFiltersNode([['brand:Sony', 'brand:Bose'], 'attributes.color:Black']))).toEqual({
      bool: {
        filter: [
          { bool: { should: [{ term: { 'brand.keyword': 'Sony' } }, { term: { 'brand.keyword': 'Bose' } }], minimum_should_match: 1 } },
          { term: { attributePairs: 'color=Black' } },
        ],
      },
    });
  });

  it('"-" negates; "\\-" is a literal leading dash; values may contain ":"', () => {
    expect(es(facetFiltersNode(['brand:-Acme']))).toEqual({ bool: { must_not: [{ term: { 'brand.keyword': 'Acme' } }] } });
    expect(es(facetFiltersNode(['brand:\\-Acme']))).toEqual({ term: { 'brand.keyword': '-Acme' } });
    expect(es(facetFiltersNode(['attributes.ratio:16:9']))).toEqual({ term: { attributePairs: 'ratio=16:9' } });
  });

  it('hierarchical levels match only values of their depth', () => {
    expect(es(facetFiltersNode(['categories.lvl1:Electronics > Audio']))).toEqual({ term: { categoryPaths: 'Electronics > Audio' } });
    expect(es(facetFiltersNode(['categories.lvl0:Electronics > Audio']))).toEqual({ match_none: {} });
  });

  it('booleans and numbers are typed', () => {
    expect(es(facetFiltersNode(['inStock:true']))).toEqual({ term: { inStock: true } });
    expect(es(facetFiltersNode(['price:19.99']))).toEqual({ term: { price: 19.99 } });
  });

  it('empty lists and empty OR groups are no filter', () => {
    expect(facetFiltersNode([])).toBeUndefined();
    expect(facetFiltersNode([[]])).toBeUndefined();
  });

  it.each([
    [['nocolon'], /facetFilters\[0\]: expected "attribute:value"/],
    [['color:red'], /unknown attribute "color"/],
    [['inStock:maybe'], /"maybe" is not a value of inStock/],
    [['price:cheap'], /"cheap" is not a value of price/],
    [[['brand:a', `brand:${'x'.repeat(FILTER_LIMITS.maxValueLength + 1)}`]], /facetFilters\[0\]\[1\]: value longer than/],
    [Array.from({ length: FILTER_LIMITS.maxConditions + 1 }, (_, i) => `brand:b${i}`), /more than \d+ filters/],
  ])('%j → 400', (list, message) => {
    expect(() => es(facetFiltersNode(list))).toThrow(message);
  });
});

describe('numericFilters', () => {
  it('comparisons, ranges and ORs', () => {
    const node = numericFiltersNode(['price>=50', 'price<=100', ['rating:4 TO 5', 'reviewCount>100']]);
    expect(node && toEsFilter(node, 'numericFilters')).toEqual({
      bool: {
        filter: [
          { range: { price: { gte: 50 } } },
          { range: { price: { lte: 100 } } },
          { bool: { should: [{ range: { rating: { gte: 4, lte: 5 } } }, { range: { reviewCount: { gt: 100 } } }], minimum_should_match: 1 } },
        ],
      },
    });
  });

  it('= and != on numbers, and inStock as 0/1', () => {
    const node = numericFiltersNode(['rating=4', 'price!=10', 'inStock=1', 'inStock!=1']);
    expect(node && toEsFilter(node, 'numericFilters')).toEqual({
      bool: {
        filter: [
          { term: { rating: 4 } },
          { bool: { must_not: [{ term: { price: 10 } }] } },
          { term: { inStock: true } },
          { term: { inStock: false } },
        ],
      },
    });
  });

  it.each([
    ['brand>3', /brand is not a numeric attribute/],
    ['brand:Sony', /expected a comparison/],
    ['price>=10 AND price<=20', /expected a comparison/],
    ['inStock=2', /inStock is 0 or 1/],
  ])('%s → 400', (text, message) => {
    expect(() => {
      const node = numericFiltersNode([text]);
      if (node) toEsFilter(node, 'numericFilters');
    }).toThrow(message);
  });
});

describe('filters', () => {
  it('a whole expression becomes one boolean query', () => {
    const node = parseFilters('(brand:Sony OR brand:Bose) AND NOT inStock:false AND price:10 TO 500');
    expect(node && toEsFilter(node, 'filters')).toEqual({
      bool: {
        filter: [
          { bool: { should: [{ term: { 'brand.keyword': 'Sony' } }, { term: { 'brand.keyword': 'Bose' } }], minimum_should_match: 1 } },
          { bool: { must_not: [{ term: { inStock: false } }] } },
          { range: { price: { gte: 10, lte: 500 } } },
        ],
      },
    });
  });

  it('a range on a facet attribute is a 400', () => {
    const node = parseFilters('brand:1 TO 3');
    expect(() => node && toEsFilter(node, 'filters')).toThrow(/brand is not a numeric attribute/);
  });
});
