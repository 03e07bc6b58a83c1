import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { weightedSample } from './search-catalog';

describe('bench query mix', () => {
  const queries = [
    { query: 'cooktop', popularity: 1000, category: 'Appliances > Ranges, Cooktops & Ovens' },
    { query: 'macbook', popularity: 10, category: 'Computers & Tablets > Laptop Accessories' },
  ];
  it('samples by weight', () => {
    const picks = weightedSample(queries, (q) => q.popularity, 2000, mulberry32(3));
    expect(picks.filter((q) => q.query === 'cooktop').length).toBeGreaterThan(1900);
  });
});
