import { expect, it } from 'vitest';
import { describeCacheCases } from './cache.cases';
import { createMemoryCache } from './memory-cache';

let clock = 0;
describeCacheCases('memory', () => ({
  cache: createMemoryCache({ now: () => clock }),
  advance: async (ms) => {
    clock += ms;
  },
}));

it('evicts the oldest entry when full', async () => {
  const cache = createMemoryCache({ maxEntries: 2 });
  await cache.set('a', '1', 60);
  await cache.set('b', '2', 60);
  await cache.set('c', '3', 60);
  expect([await cache.get('a'), await cache.get('b'), await cache.get('c')]).toEqual([undefined, '2', '3']);
});
