import { describe, expect, it } from 'vitest';
import { facetTerms, facetValue, indexedNumber, levelRegex, resolveAttribute, wordPrefixRegex } from './attributes';

// These Lucene regexes use only constructs JS shares (classes, groups, `?`, `+`, `*`); Lucene anchors the whole term.
const matches = (regex: string, s: string) => new RegExp(`^(${regex})$`).test(s);

describe('attributes', () => {
  it.each([
    ['brand', { kind: 'brand', name: 'brand' }],
    ['inStock', { kind: 'boolean', name: 'inStock' }],
    ['price', { kind: 'numeric', name: 'price' }],
    ['categories.lvl2', { kind: 'category', name: 'categories.lvl2', level: 2 }],
    ['attributes.screen_size', { kind: 'attribute', name: 'attributes.screen_size', key: 'screen_size' }],
  ])('%s resolves', (name, attribute) => {
    expect(resolveAttribute(name)).toEqual(attribute);
  });

  it.each(['title', 'categories.lvl5', 'categories', 'attributes.', 'attributes.Color', 'attributes.a=b'])('%s is unknown', (name) => {
    expect(resolveAttribute(name)).toBeUndefined();
  });

  it('a level regex matches paths of exactly that depth (names may hold ">" and spaces)', () => {
    expect(matches(levelRegex(0), 'TV & Video')).toBe(true);
    expect(matches(levelRegex(0), 'A > B')).toBe(false);
    expect(matches(levelRegex(1), 'A > B')).toBe(true);
    expect(matches(levelRegex(1), 'Home > Cook>ware')).toBe(true);
    expect(matches(levelRegex(1), 'A > B > C')).toBe(false);
    expect(matches(levelRegex(2), 'A > B > C')).toBe(true);
  });

  it('a facet query matches the start of any word, any case', () => {
    const re = wordPrefixRegex('so');
    expect(['Sony', 'sonos', 'Big Sound', 'Hi-Sol'].every((v) => matches(re, v))).toBe(true);
    expect(['Alsom', 'Bose'].some((v) => matches(re, v))).toBe(false);
    expect(matches(wordPrefixRegex('a.b'), 'A.B')).toBe(true);
    expect(matches(wordPrefixRegex('a.b'), 'axb')).toBe(false);
  });

  it('terms aggregations: level and facet query intersect (Lucene "&"), attributes are prefixed', () => {
    const category = resolveAttribute('categories.lvl1');
    const color = resolveAttribute('attributes.color');
    if (!category || !color) throw new Error('unresolved');
    expect(facetTerms(category, 10)).toEqual({ terms: { field: 'categoryPaths', size: 10, include: levelRegex(1) } });
    expect(facetTerms(category, 5, 'au')).toEqual({ terms: { field: 'categoryPaths', size: 5, include: `(${levelRegex(1)})&(${wordPrefixRegex('au')})` } });
    expect(facetTerms(color, 5)).toEqual({ terms: { field: 'attributePairs', size: 5, include: 'color=.*' } });
    expect(facetTerms(color, 5, 'bl')).toEqual({ terms: { field: 'attributePairs', size: 5, include: `color=${wordPrefixRegex('bl')}` } });
  });

  it('bucket keys become the values clients filter with', () => {
    const [inStock, rating, color] = ['inStock', 'rating', 'attributes.color'].map((n) => resolveAttribute(n));
    if (!inStock || !rating || !color) throw new Error('unresolved');
    expect(facetValue(inStock, { key: 1, key_as_string: 'true' })).toBe('true');
    expect(facetValue(rating, { key: 3.9000000953674316 })).toBe('3.9');
    expect(facetValue(color, { key: 'color=Space Gray' })).toBe('Space Gray');
    expect(facetValue(color, { key: 'size=M' })).toBeUndefined();
    expect(indexedNumber('price', 19.99)).toBe(19.99);
  });
});
