import { describe, expect, it } from 'vitest';
import type { FamilyVariant } from '../search/representative';
import { groupedFilter, splitByLevel, variantMatches } from './family-filters';
import { parseFilters } from './filter-parser';
import { facetFiltersNode } from './filters';

const node = (text: string) => {
  const parsed = parseFilters(text, 'filters');
  if (!parsed) throw new Error('empty filter');
  return parsed;
};
const variant = (more: Partial<FamilyVariant>): FamilyVariant => ({ id: 'v', title: 'Tee', price: 20, stock: 2, inStock: true, attributePairs: ['color=Blue', 'size=M'], ...more });

describe('grouped (distinct) filters', () => {
  it('splits an AND into family conditions and variant conditions that one variant must satisfy together', () => {
    const split = splitByLevel(node('brand:Acme AND attributes.color:Blue AND (price < 30 OR inStock:true) AND rating >= 4'), 'filters');
    expect(split.family.map((n) => n.type)).toEqual(['facet', 'numeric']);
    expect(split.variant).toHaveLength(2);
  });

  it('an OR or NOT mixing family and variant attributes is a 400 naming the parameter', () => {
    expect(() => splitByLevel(node('brand:Acme OR attributes.color:Blue'), 'requests[0].filters')).toThrow(/requests\[0\]\.filters: with distinct, an OR or a NOT cannot mix/);
    expect(() => splitByLevel(node('NOT (brand:Acme AND price < 3)'), 'filters')).toThrow(/cannot mix/);
    expect(() => splitByLevel(node('(brand:Acme OR brand:Zed) AND NOT attributes.size:S'), 'filters')).not.toThrow();
  });

  it('family documents: family conditions at the top level, every variant condition of every source in one nested clause', () => {
    const facets = facetFiltersNode([['attributes.color:Blue', 'attributes.color:Red'], 'brand:Acme']);
    const g = groupedFilter([
      [facets, 'facetFilters'],
      [node('price <= 30'), 'numericFilters'],
      [undefined, 'filters'],
    ]);
    const variantFilter = {
      bool: {
        filter: [
          { bool: { should: [{ term: { 'variants.attributePairs': 'color=Blue' } }, { term: { 'variants.attributePairs': 'color=Red' } }], minimum_should_match: 1 } },
          { range: { 'variants.price': { lte: 30 } } },
        ],
      },
    };
    expect(g.variantFilter).toEqual(variantFilter);
    expect(g.filter).toEqual({ bool: { filter: [{ term: { 'brand.keyword': 'Acme' } }, { nested: { path: 'variants', query: variantFilter } }] } });
    expect(g.variantNode?.type).toBe('and');
  });

  it('without variant conditions there is no nested clause; without any, no filter', () => {
    expect(groupedFilter([[node('brand:Acme'), 'filters']])).toEqual({ filter: { term: { 'brand.keyword': 'Acme' } }, variantFilter: undefined, variantNode: undefined });
    expect(groupedFilter([[undefined, 'filters']])).toEqual({ filter: undefined, variantFilter: undefined, variantNode: undefined });
  });

  it.each([
    ['attributes.color:Blue', true],
    ['attributes.color:Red', false],
    ['NOT attributes.size:M', false],
    ['price < 20', false],
    ['price <= 20 AND inStock:true', true],
    ['price:10 TO 19', false],
    ['price = 20', true],
    ['inStock = 0', false],
    ['attributes.color:Red OR price:20 TO 30', true],
  ])('variant matcher: %s → %s (as Elasticsearch evaluates it)', (text, expected) => {
    expect(variantMatches(node(text), variant({}))).toBe(expected);
  });
});
