import { describe, expect, it } from 'vitest';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { distinctQueries, weightedSample, weightedSearchRequests } from './search-catalog';

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

describe('weightedSearchRequests', () => {
  it('draws a fresh query for every request, by weight, instead of a list every connection walks in step', () => {
    const [request] = weightedSearchRequests(
      [
        { query: 'tv stand', popularity: 3, category: '' },
        { query: 'hdmi', popularity: 1, category: '' },
      ],
      mulberry32(5),
    );
    const setup = request?.setupRequest;
    if (typeof setup !== 'function') throw new Error('no setupRequest function');
    const paths = Array.from({ length: 4000 }, () => setup({ method: 'GET', path: '/' }, {}).path);
    const stands = paths.filter((p) => p === '/v1/products/search?q=tv%20stand').length;
    expect(stands / paths.length).toBeGreaterThan(0.7);
    expect(stands / paths.length).toBeLessThan(0.8);
    expect(paths.filter((p) => p === '/v1/products/search?q=hdmi').length).toBe(paths.length - stands);
  });
});

describe('distinctQueries', () => {
  it('draws different queries (case and spacing aside), popular ones first', () => {
    const items = [
      { query: 'TV', popularity: 1000, category: '' },
      { query: 'tv', popularity: 1000, category: '' },
      { query: 'laptop', popularity: 10, category: '' },
      { query: 'rare', popularity: 1, category: '' },
    ];
    const picked = distinctQueries(items, 10, mulberry32(1));
    expect(picked).toHaveLength(3);
    expect(picked[0]?.toLowerCase()).toBe('tv');
    expect(new Set(picked.map((q) => q.toLowerCase())).size).toBe(3);
  });
});
