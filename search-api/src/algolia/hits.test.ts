import { describe, expect, it } from 'vitest';
import { highlightResult, snippet, toAlgoliaHit } from './hits';
import { indexSorts, parseAlgoliaQuery } from './params';
import { MARK } from './plan';

const m = (s: string) => `${MARK.pre}${s}${MARK.post}`;
const tags = { pre: '<b>', post: '</b>' };
const q = (raw: Record<string, unknown>) => parseAlgoliaQuery({ indexName: 'products', ...raw }, { where: '', sorts: indexSorts('products') });
const source = {
  id: 'SKU-1',
  title: 'Sony WH-1000XM4 Headphones',
  brand: 'Sony',
  categories: ['Electronics', 'Audio', 'Headphones'],
  price: 279,
  currency: 'USD',
  stock: 3,
  rating: 4.5,
  reviewCount: 10,
  attributes: { color: 'Black' },
  createdAt: '2025-01-01T00:00:00Z',
  description: 'Noise cancelling over-ear headphones with thirty hours of battery life and a carrying case.',
};

describe('highlightResult', () => {
  it('full, partial and none, with the requested tags', () => {
    expect(highlightResult(`${m('Sony')} WH-1000XM4 ${m('Headphones')}`, 'sony headphone', tags)).toEqual({
      value: '<b>Sony</b> WH-1000XM4 <b>Headphones</b>',
      matchLevel: 'full',
      matchedWords: ['sony', 'headphone'],
      fullyHighlighted: false,
    });
    expect(highlightResult(m('Sony'), 'sony tv', tags)).toMatchObject({ matchLevel: 'partial', matchedWords: ['sony'], fullyHighlighted: true });
    expect(highlightResult('Bose', 'sony', tags)).toEqual({ value: 'Bose', matchLevel: 'none', matchedWords: [] });
  });
});

describe('snippet', () => {
  it('cuts a window around the first match with the ellipsis on cut sides', () => {
    const text = `one two three four five six ${m('seven')} eight nine ten eleven twelve`;
    expect(snippet(text, 4, '…')).toBe(`…six ${m('seven')} eight nine…`);
    expect(snippet('a b c', 10, '…')).toBe('a b c');
    expect(snippet('a b c d e', 2, '…')).toBe('a b…');
  });

  it('closes and reopens a mark the window cuts', () => {
    expect(snippet(`a b ${MARK.pre}c d e${MARK.post} f g h`, 2, '')).toBe(`${MARK.pre}c d${MARK.post}`);
  });
});

describe('toAlgoliaHit', () => {
  it('objectID, hierarchical categories, attributes, and highlights of title and brand by default', () => {
    const hit = toAlgoliaHit(source, { title: [`${m('Sony')} WH-1000XM4 Headphones`] }, q({ query: 'sony' }));
    expect(hit).toMatchObject({
      objectID: 'SKU-1',
      categories: { lvl0: 'Electronics', lvl1: 'Electronics > Audio', lvl2: 'Electronics > Audio > Headphones' },
      attributes: { color: 'Black' },
      inStock: true,
      _highlightResult: {
        title: { value: '<em>Sony</em> WH-1000XM4 Headphones', matchLevel: 'full' },
        brand: { value: 'Sony', matchLevel: 'none' },
      },
    });
    expect(hit).not.toHaveProperty('id');
    expect(hit).not.toHaveProperty('description');
    expect(hit).not.toHaveProperty('_snippetResult');
  });

  it('browse (no text) still has every highlighted attribute, unmarked', () => {
    const hit = toAlgoliaHit(source, undefined, q({ attributesToHighlight: ['*'], attributesToSnippet: ['description:3'] }));
    expect(hit?._highlightResult?.description).toEqual({ value: source.description, matchLevel: 'none', matchedWords: [] });
    expect(hit?._snippetResult?.description).toEqual({ value: 'Noise cancelling over-ear…', matchLevel: 'none' });
  });

  it('attributesToRetrieve keeps objectID; "*" with "-name" excludes', () => {
    expect(Object.keys(toAlgoliaHit(source, undefined, q({ attributesToRetrieve: ['title', 'price'] })) ?? {})).toEqual([
      'objectID',
      'title',
      'price',
      '_highlightResult',
    ]);
    const hit = toAlgoliaHit(source, undefined, q({ attributesToRetrieve: ['*', '-attributes', '-createdAt'] }));
    expect(hit).not.toHaveProperty('attributes');
    expect(hit).toHaveProperty('brand');
  });

  it('a document that is not a product (a tombstone) is no hit', () => {
    expect(toAlgoliaHit({ id: 'x', deleted: true }, undefined, q({}))).toBeUndefined();
  });
});

describe('toAlgoliaHit with distinct', () => {
  const variant = (id: string, color: string, price: number, popularity: number) => ({
    id, title: `Tee ${color} M`, price, currency: 'USD', stock: 4, inStock: true, rating: 4, popularity, attributes: { color, size: 'M' },
    attributePairs: [`color=${color}`, 'size=M'], variantAttributes: ['color'],
  });
  // The family document: the primary (most popular) variant's product fields, and every variant nested.
  const family = {
    ...source, id: 'T-RED', title: 'Tee Red M', brand: 'Acme', price: 20, attributes: { color: 'Red', size: 'M' },
    familyKey: 'g:TEE', groupId: 'TEE', memberIds: ['T-BLUE', 'T-RED'], variants: [variant('T-BLUE', 'Blue', 25, 1), variant('T-RED', 'Red', 20, 9)],
  };

  it('a colour filter makes that colour represent the family; the hit lists the variants with titles, marks the matching ones', () => {
    const hit = toAlgoliaHit(family, { title: [`${m('Tee')} Red M`] }, q({ query: 'tee', distinct: true, facetFilters: ['attributes.color:Blue'], highlightPreTag: '<b>', highlightPostTag: '</b>' }));
    expect(hit).toMatchObject({
      objectID: 'T-BLUE', title: 'Tee Blue M', price: 25, groupId: 'TEE', variantCount: 2, priceRange: { min: 25, max: 25 },
      attributes: { color: 'Blue', size: 'M' },
      variants: [
        { id: 'T-BLUE', title: 'Tee Blue M', attributes: { color: 'Blue' }, price: 25, matches: true },
        { id: 'T-RED', title: 'Tee Red M', attributes: { color: 'Red' }, price: 20, matches: false },
      ],
    });
    // Elasticsearch highlighted the primary's title; the representative's is marked from it.
    expect(hit?._highlightResult?.title).toMatchObject({ value: '<b>Tee</b> Blue M', matchLevel: 'full' });
  });

  it('a rule filtering color:Blue makes the Blue variant represent the family, as the Blue facet filter does', () => {
    const byRule = toAlgoliaHit(family, { title: [`${m('Tee')} Red M`] }, q({ query: 'tee', distinct: true }), { ruleFilters: [{ attr: { color: ['Blue'] } }] });
    const byFilter = toAlgoliaHit(family, { title: [`${m('Tee')} Red M`] }, q({ query: 'tee', distinct: true, facetFilters: ['attributes.color:Blue'] }));
    expect(byRule).toEqual(byFilter);
    expect(byRule).toMatchObject({ objectID: 'T-BLUE', variants: [{ id: 'T-BLUE', matches: true }, { id: 'T-RED', matches: false }] });
    // Both together: no variant satisfies Blue and Red at once, so every variant competes (none is marked).
    const none = toAlgoliaHit(family, undefined, q({ distinct: true, facetFilters: ['attributes.color:Red'] }), { ruleFilters: [{ attr: { color: ['Blue'] } }] });
    expect(none).toMatchObject({ variants: [{ matches: false }, { matches: false }] });
  });

  it('without variant conditions the primary represents the family with its highlight; a product document is no family', () => {
    const hit = toAlgoliaHit(family, { title: [`${m('Tee')} Red M`] }, q({ query: 'tee', distinct: true }));
    expect(hit).toMatchObject({ objectID: 'T-RED', priceRange: { min: 20, max: 25 }, _highlightResult: { title: { value: '<em>Tee</em> Red M' } } });
    expect(toAlgoliaHit(source, undefined, q({ distinct: true }))).toBeUndefined();
    expect(toAlgoliaHit(family, undefined, q({}))).not.toHaveProperty('variants');
  });
});
