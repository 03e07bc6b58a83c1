import { describe, expect, it } from 'vitest';
import type { Cache } from '../cache/cache';
import { createMemoryCache } from '../cache/memory-cache';
import { createDaySalt, hashClient, utcDay } from './day-salt';

let n = 0;
const random = () => `salt-${++n}`;

describe('createDaySalt', () => {
  it('instances sharing a cache agree on the day’s key; another day has another', async () => {
    const cache = createMemoryCache();
    const a = createDaySalt({ cache, alias: 'p', random });
    const b = createDaySalt({ cache, alias: 'p', random });
    const day = utcDay(new Date());
    const [sa, sb] = [await a(day), await b(day)];
    expect(sa).toBe(sb);
    expect(await a('2020-01-02')).not.toBe(sa);
  });

  it('falls back to a per-instance key while the cache fails, and reports it', async () => {
    const errors: unknown[] = [];
    const failing: Cache = { ...createMemoryCache(), add: async () => Promise.reject(new Error('down')) };
    const salt = createDaySalt({ cache: failing, alias: 'p', random, onError: (e) => errors.push(e) });
    const first = await salt('2030-01-01');
    expect(await salt('2030-01-01')).toBe(first);
    expect(errors).toHaveLength(2);
  });
});

describe('createDaySalt settled', () => {
  it('is the shared key once read, and never a per-instance one', async () => {
    const salt = createDaySalt({ cache: createMemoryCache(), alias: 'p', random });
    expect(salt.settled?.('2030-01-01')).toBeUndefined();
    const shared = await salt('2030-01-01');
    expect(salt.settled?.('2030-01-01')).toBe(shared);
    expect(salt.settled?.('2030-01-02')).toBeUndefined();
    const failing: Cache = { ...createMemoryCache(), add: async () => Promise.reject(new Error('down')) };
    const local = createDaySalt({ cache: failing, alias: 'p', random, onError: () => {} });
    await local('2030-01-01');
    expect(local.settled?.('2030-01-01')).toBeUndefined();
  });
});

describe('hashClient', () => {
  it('is stable for a salt, differs across salts and never contains the address', () => {
    const h = hashClient('s1', '203.0.113.9');
    expect(hashClient('s1', '203.0.113.9')).toBe(h);
    expect(hashClient('s2', '203.0.113.9')).not.toBe(h);
    expect(h).not.toContain('203');
    expect(h).toMatch(/^[A-Za-z0-9_-]{22}$/);
  });
});
