import { describe, expect, it } from 'vitest';
import { Product } from '@catalog/contract';
import { generateCatalog, prng, weightedSample } from './search-catalog';

describe('bench catalog', () => {
  const queries = [
    { query: 'cooktop', popularity: 1000, category: 'Appliances > Ranges, Cooktops & Ovens' },
    { query: 'macbook', popularity: 10, category: 'Computers & Tablets > Laptop Accessories' },
  ];
  it('generates valid products deterministically', () => {
    const a = generateCatalog(queries, 50, 1);
    expect(a.every((p) => Product.safeParse(p).success)).toBe(true);
    expect(generateCatalog(queries, 50, 1)).toEqual(a);
  });
  it('samples by weight', () => {
    const picks = weightedSample(queries, (q) => q.popularity, 2000, prng(3));
    expect(picks.filter((q) => q.query === 'cooktop').length).toBeGreaterThan(1900);
  });
});
