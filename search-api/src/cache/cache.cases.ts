import { randomUUID } from 'node:crypto';
import { afterAll, describe, expect, it } from 'vitest';
import type { Cache } from './cache';

export type CacheUnderTest = {
  cache: Cache;
  /** Let `ms` pass for TTLs: a fake clock in memory, real time against memcached. */
  advance: (ms: number) => Promise<void>;
};

/** The behaviour every `Cache` implementation shares; run by each implementation's test file. */
export function describeCacheCases(name: string, setup: () => CacheUnderTest): void {
  describe(`Cache contract: ${name}`, () => {
    const { cache, advance } = setup();
    const key = (label: string) => `test:${randomUUID()}:${label}`;
    afterAll(() => cache.close());

    it('misses with undefined', async () => {
      expect(await cache.get(key('missing'))).toBeUndefined();
    });

    it('returns what was set, and the latest value', async () => {
      const k = key('set');
      await cache.set(k, 'one', 60);
      expect(await cache.get(k)).toBe('one');
      await cache.set(k, 'two', 60);
      expect(await cache.get(k)).toBe('two');
    });

    it('keeps unicode and large values intact', async () => {
      const k = key('big');
      const value = JSON.stringify({ title: 'Crème Brûlée ☕', body: 'x'.repeat(200_000) });
      await cache.set(k, value, 60);
      expect(await cache.get(k)).toBe(value);
    });

    it('add stores only when absent', async () => {
      const k = key('add');
      expect(await cache.add(k, 'first', 60)).toBe(true);
      expect(await cache.add(k, 'second', 60)).toBe(false);
      expect(await cache.get(k)).toBe('first');
    });

    it('delete removes, and deleting a missing key is fine', async () => {
      const k = key('delete');
      await cache.set(k, 'v', 60);
      await cache.delete(k);
      expect(await cache.get(k)).toBeUndefined();
      await expect(cache.delete(key('never'))).resolves.toBeUndefined();
      expect(await cache.add(k, 'again', 60)).toBe(true);
    });

    it('forgets a value after its TTL, and add works again', async () => {
      const k = key('ttl');
      await cache.set(k, 'v', 1);
      await cache.add(`${k}:lock`, '1', 1);
      await advance(2_100);
      expect(await cache.get(k)).toBeUndefined();
      expect(await cache.add(`${k}:lock`, '1', 1)).toBe(true);
    });
  });
}
