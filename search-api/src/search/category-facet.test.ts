import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CATEGORY_SEPARATOR, categoryPaths } from '@catalog/contract';
import { categoryDepthRegex, categoryFacetAggs, categoryFacetBuckets, categoryFacetParents, shownInCategoryFacet } from './category-facet';

const depthRe = (d: number) => new RegExp(`^(?:${categoryDepthRegex(d)})$`);

describe('categoryDepthRegex', () => {
  it.each([
    ['Electronics', 1],
    ['Home & Garden', 1],
    ['TV > Video', 2],
    ['Electronics > Audio > Headphones', 3],
    ['A>B', 1],
    ['A >B > C', 2],
    ['A> B > C', 2],
    ['a  b > c', 2],
    ['Kids (3+) > Toys {new} > [Sale] > "Best" > ~All~', 5],
  ])('%s has %i levels', (path, depth) => {
    for (let d = 1; d <= 6; d++) expect(depthRe(d).test(path), `depth ${d}`).toBe(d === depth);
  });

  it('stays a few dozen characters whatever the depth', () => {
    expect(categoryDepthRegex(6).length).toBeLessThan(250);
  });

  it('counts the levels of any category path a product can have', () => {
    const name = fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.trim()).filter((s) => s.length > 0 && !s.includes(CATEGORY_SEPARATOR));
    fc.assert(
      fc.property(fc.array(name, { minLength: 1, maxLength: 5 }), (names) => {
        for (const path of categoryPaths(names)) {
          const depth = path.split(CATEGORY_SEPARATOR).length;
          expect(depthRe(depth).test(path)).toBe(true);
          expect(depthRe(depth + 1).test(path)).toBe(false);
        }
      }),
    );
  });
});

describe('categoryFacetParents', () => {
  it('lists every prefix of every selected path once', () => {
    expect(categoryFacetParents(['A > B > C', 'A > B', 'D'])).toEqual(['A', 'A > B', 'A > B > C', 'D']);
  });
});

describe('shownInCategoryFacet', () => {
  const selected = ['Electronics > Audio'];
  it.each([
    ['Electronics', true],
    ['Home', true],
    ['Electronics > Audio', true],
    ['Electronics > TV', true],
    ['Electronics > Audio > Headphones', true],
    ['Electronics > TV > OLED', false],
    ['Home > Kitchen', false],
    ['Electronics > Audio > Headphones > Wireless', false],
  ])('%s → %s', (value, shown) => expect(shownInCategoryFacet(value, selected)).toBe(shown));

  it('shows only the top level when nothing is selected', () => {
    expect(['A', 'A > B'].map((v) => shownInCategoryFacet(v, []))).toEqual([true, false]);
  });
});

describe('categoryFacetAggs', () => {
  it('holds no selected path in a regular expression: only as exact terms of a filter', () => {
    const long = Array.from({ length: 5 }, (_, i) => `${'n'.repeat(99)}${i}`).join(CATEGORY_SEPARATOR);
    const aggs = categoryFacetAggs(Array.from({ length: 10 }, (_, i) => `${i}${long}`), 100);
    const includes = JSON.stringify(aggs).match(/"include":"(?:[^"\\]|\\.)*"/g) ?? [];
    expect(includes.length).toBe(6);
    for (const include of includes) expect(include.length).toBeLessThan(250);
    const depth1 = Array.from({ length: 10 }, (_, i) => `${i}${'n'.repeat(99)}0`);
    expect(aggs.children_of_depth_1).toMatchObject({ filter: { terms: { categoryPaths: depth1 } }, aggs: { values: { terms: { include: categoryDepthRegex(2) } } } });
  });
});

describe('categoryFacetBuckets', () => {
  const terms = (b: [string, number][]) => ({ values: { buckets: b.map(([key, doc_count]) => ({ key, doc_count })) } });
  it('merges the top level and each parent’s children, most products first, ties by value, at most size', () => {
    const facet = { doc_count: 9, ...terms([['A', 5], ['D', 2]]), children_of_depth_1: { doc_count: 5, ...terms([['A > B', 3], ['A > C', 2]]) } };
    expect(categoryFacetBuckets(facet, 4)).toEqual([
      { value: 'A', count: 5 },
      { value: 'A > B', count: 3 },
      { value: 'A > C', count: 2 },
      { value: 'D', count: 2 },
    ]);
    expect(categoryFacetBuckets(facet, 1)).toEqual([{ value: 'A', count: 5 }]);
  });

  it('is empty for a missing or malformed answer', () => {
    expect(categoryFacetBuckets(undefined, 10)).toEqual([]);
    expect(categoryFacetBuckets({ values: 'x' }, 10)).toEqual([]);
  });
});
