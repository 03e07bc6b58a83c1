import { describe, expect, it } from 'vitest';
import { CacheError, type Cache } from './cache';
import { createGenerationReader } from './generation';
import { createMemoryCache } from './memory-cache';

describe('createGenerationReader', () => {
  it('reads "0" when the counter is missing, then reuses a read for refreshMs', async () => {
    let now = 0;
    const cache = createMemoryCache();
    const read = createGenerationReader({ cache, key: 'gen', refreshMs: 500, now: () => now });
    expect(await read()).toBe('0');
    await cache.set('gen', '7', 60);
    now = 499;
    expect(await read()).toBe('0');
    now = 500;
    expect(await read()).toBe('7');
  });

  it('is undefined when memcached fails, so callers skip the cache', async () => {
    const failing: Cache = { ...createMemoryCache(), get: () => Promise.reject(new CacheError('timeout', 'x')) };
    expect(await createGenerationReader({ cache: failing, key: 'gen', refreshMs: 0 })()).toBeUndefined();
  });

  it('shares one read between concurrent callers', async () => {
    let reads = 0;
    const cache: Cache = { ...createMemoryCache(), get: async () => (reads++, '3') };
    const read = createGenerationReader({ cache, key: 'gen', refreshMs: 1000 });
    expect(await Promise.all([read(), read(), read()])).toEqual(['3', '3', '3']);
    expect(reads).toBe(1);
  });
});
