import { describe, expect, it } from 'vitest';
import { CacheError, type Cache } from './cache';
import { createGenerationReader } from './generation';
import { createMemoryCache } from './memory-cache';

describe('createGenerationReader', () => {
  it('reads "0" when the counter is missing, then reuses a read for refreshMs', async () => {
    let now = 0;
    const cache = createMemoryCache();
    const read = createGenerationReader({ cache, key: 'gen', refreshMs: 500, now: () => now });
    expect(await read()).toEqual({ value: '0', seenAt: 0 });
    await cache.set('gen', '7', 60);
    now = 499;
    expect((await read())?.value).toBe('0');
    now = 500;
    expect(await read()).toEqual({ value: '7', seenAt: 500 });
  });

  it('remembers when it first saw a value, so callers can tell a young generation from an old one', async () => {
    let now = 1_000;
    const cache = createMemoryCache();
    await cache.set('gen', '3', 60);
    const read = createGenerationReader({ cache, key: 'gen', refreshMs: 0, now: () => now });
    expect(await read()).toEqual({ value: '3', seenAt: 1_000 });
    now = 9_000;
    expect(await read()).toEqual({ value: '3', seenAt: 1_000 });
    await cache.set('gen', '4', 60);
    now = 9_500;
    expect(await read()).toEqual({ value: '4', seenAt: 9_500 });
  });

  it('is undefined when memcached fails, so callers skip the cache', async () => {
    const failing: Cache = { ...createMemoryCache(), get: () => Promise.reject(new CacheError('timeout', 'x')) };
    expect(await createGenerationReader({ cache: failing, key: 'gen', refreshMs: 0 })()).toBeUndefined();
  });

  it('shares one read between concurrent callers', async () => {
    let reads = 0;
    const cache: Cache = { ...createMemoryCache(), get: async () => (reads++, '3') };
    const read = createGenerationReader({ cache, key: 'gen', refreshMs: 1000 });
    expect((await Promise.all([read(), read(), read()])).map((g) => g?.value)).toEqual(['3', '3', '3']);
    expect(reads).toBe(1);
  });
});
