import { describe, expect, it } from 'vitest';
import { buildAutocompleteRequest } from './build-autocomplete-request';
import { fold, matchesTyped, mergeSuggestions } from './merge-suggestions';

const products = (o: { hits?: [string, string][]; suggest?: [string, string][]; brands?: string[]; categories?: string[] }) => ({
  hits: { hits: (o.hits ?? []).map(([id, title]) => ({ _source: { id, title } })) },
  suggest: { products: [{ options: (o.suggest ?? []).map(([id, title]) => ({ _source: { id, title } })) }] },
  aggregations: {
    everything: {
      brands: { values: { buckets: (o.brands ?? []).map((key) => ({ key })) } },
      categories: { values: { buckets: (o.categories ?? []).map((key) => ({ key })) } },
    },
  },
});
const queries = (qs: string[]) => ({ aggregations: { top: { buckets: qs.map((key, i) => ({ key, doc_count: 10 - i })) } } });

describe('mergeSuggestions', () => {
  it('mixes queries, brands, matching categories and products, completion first, without duplicates', () => {
    const s = mergeSuggestions({
      q: 'hea',
      limit: 8,
      queries: queries(['headphones', 'headset', '<script>']),
      allowQuery: (q) => q !== '<script>',
      products: products({
        suggest: [['1', 'Headphones X']],
        hits: [['1', 'Headphones X'], ['2', 'Headset Y']],
        brands: ['Heart Audio'],
        categories: ['Electronics', 'Headphones', 'Audio'],
      }),
    });
    expect(s).toEqual([
      { type: 'query', text: 'headphones' },
      { type: 'query', text: 'headset' },
      { type: 'brand', text: 'Heart Audio' },
      { type: 'category', text: 'Headphones' },
      { type: 'product', text: 'Headphones X', id: '1' },
      { type: 'product', text: 'Headset Y', id: '2' },
    ]);
  });

  it.each([1, 3, 8])('never returns more than limit=%i', (limit) => {
    const s = mergeSuggestions({
      q: 'a',
      limit,
      queries: queries(['a1', 'a2', 'a3', 'a4']),
      allowQuery: () => true,
      products: products({ hits: Array.from({ length: 10 }, (_, i): [string, string] => [`${i}`, `A ${i}`]), brands: ['Acme', 'Apple'] }),
    });
    expect(s).toHaveLength(limit);
  });

  it('fills with products when there are no popular queries, and tolerates a missing analytics answer', () => {
    const s = mergeSuggestions({ q: 'tv', limit: 3, products: products({ hits: [['1', 'TV 1'], ['2', 'TV 2'], ['3', 'TV 3'], ['4', 'TV 4']] }) });
    expect(s.map((x) => x.id)).toEqual(['1', '2', '3']);
  });

  it('suggests no recorded query without a policy that allows it', () => {
    const s = mergeSuggestions({ q: 'hea', limit: 8, queries: queries(['headphones']), products: products({}) });
    expect(s).toEqual([]);
  });

  it('gives nothing for an unparseable answer instead of failing', () => {
    expect(mergeSuggestions({ q: 'x', limit: 5, products: '<html>', queries: null })).toEqual([]);
  });
});

describe('matchesTyped', () => {
  it.each([
    ['Headphones', 'head', true],
    ['Home & Kitchen', 'kit', true],
    ['Laptops', 'laptops', true],
    ['Laptop', 'laptops', true],
    ['Headphones', 'hesdphones', true],
    ['Electronics', 'head', false],
    ['Audio', 'au x', false],
  ])('%s ~ %s → %s', (name, typed, ok) => expect(matchesTyped(name, typed)).toBe(ok));
  it('folds accents', () => expect(fold(' Café ')).toBe('cafe'));
});

describe('buildAutocompleteRequest', () => {
  it('excludes tombstones and asks the fuzzy completion suggester for limit suggestions', () => {
    const body = buildAutocompleteRequest('sony', 5);
    const text = JSON.stringify(body);
    expect(text.match(/"deleted":true/g)).toHaveLength(3);
    expect(body.suggest?.products).toMatchObject({ prefix: 'sony', completion: { size: 5, fuzzy: { fuzziness: 'AUTO' } } });
    expect(body.size).toBe(5);
  });
});
