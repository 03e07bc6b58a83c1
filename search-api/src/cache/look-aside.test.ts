import { describe, expect, it, vi } from 'vitest';
import { Admission } from './admission';
import { CacheError, type Cache } from './cache';
import { LookAside, type CacheOutcome } from './look-aside';
import { createMemoryCache } from './memory-cache';

function setup(cache: Cache = createMemoryCache(), minHits = 1) {
  const outcomes: CacheOutcome[] = [];
  const errors: string[] = [];
  const la = new LookAside({
    cache,
    admission: new Admission({ minHits, windowMs: 60_000, maxKeys: 100 }),
    lockTtlSeconds: 2,
    lockWaitMs: 100,
    lockPollMs: 5,
    onOutcome: (_, o) => outcomes.push(o),
    onError: (_, op) => errors.push(op),
  });
  return { la, outcomes, errors, cache };
}

const broken: Cache = {
  get: () => Promise.reject(new CacheError('timeout', 'slow')),
  set: () => Promise.reject(new CacheError('timeout', 'slow')),
  add: () => Promise.reject(new CacheError('timeout', 'slow')),
  delete: () => Promise.reject(new CacheError('timeout', 'slow')),
  close: async () => {},
};

describe('LookAside', () => {
  it('misses, stores, then hits', async () => {
    const { la, outcomes } = setup();
    const compute = vi.fn(async () => 'v');
    expect(await la.get('search', 'k', 60, compute)).toEqual({ value: 'v', hit: false });
    expect(await la.get('search', 'k', 60, compute)).toEqual({ value: 'v', hit: true });
    expect(compute).toHaveBeenCalledTimes(1);
    expect(outcomes).toEqual(['miss', 'hit']);
  });

  it('stores only admitted keys (seen minHits times)', async () => {
    const { la } = setup(createMemoryCache(), 2);
    const compute = vi.fn(async () => 'v');
    await la.get('search', 'k', 60, compute);
    await la.get('search', 'k', 60, compute);
    expect((await la.get('search', 'k', 60, compute)).hit).toBe(true);
    expect(compute).toHaveBeenCalledTimes(2);
  });

  it('coalesces 100 concurrent misses into one computation', async () => {
    const { la } = setup();
    let calls = 0;
    const compute = async () => {
      calls++;
      await new Promise((r) => setTimeout(r, 20));
      return 'v';
    };
    const results = await Promise.all(Array.from({ length: 100 }, () => la.get('search', 'k', 60, compute)));
    expect(calls).toBe(1);
    expect(new Set(results.map((r) => r.value))).toEqual(new Set(['v']));
    expect(la.pending).toBe(0);
  });

  it('waits for another instance holding the lock and takes its value', async () => {
    const { la, cache } = setup();
    await cache.add('k:lock', '1', 2);
    setTimeout(() => void cache.set('k', 'theirs', 60), 20);
    const compute = vi.fn(async () => 'mine');
    expect(await la.get('search', 'k', 60, compute)).toEqual({ value: 'theirs', hit: true });
    expect(compute).not.toHaveBeenCalled();
  });

  it('computes itself when the lock holder takes too long', async () => {
    const { la, cache } = setup();
    await cache.add('k:lock', '1', 2);
    expect(await la.get('search', 'k', 60, async () => 'mine')).toEqual({ value: 'mine', hit: false });
  });

  it('releases the lock after computing, also on failure', async () => {
    const { la, cache } = setup();
    await expect(la.get('search', 'k', 60, () => Promise.reject(new Error('es down')))).rejects.toThrow('es down');
    expect(await cache.get('k:lock')).toBeUndefined();
    expect(la.pending).toBe(0);
  });

  it('treats a failing cache as a miss and reports it, without locking or storing', async () => {
    const { la, outcomes, errors } = setup(broken);
    expect(await la.get('search', 'k', 60, async () => 'v')).toEqual({ value: 'v', hit: false });
    expect(outcomes).toEqual(['error']);
    expect(errors).toEqual(['get']);
  });

  it('a cached value the caller refuses counts as a miss and is computed and stored again', async () => {
    const { la, outcomes, errors, cache } = setup();
    await cache.set('k', 'not ours', 60);
    const accept = (v: string) => v.startsWith('ok:');
    expect(await la.get('search', 'k', 60, async () => 'ok:v', accept)).toEqual({ value: 'ok:v', hit: false });
    expect(await la.get('search', 'k', 60, async () => 'ok:w', accept)).toEqual({ value: 'ok:v', hit: true });
    expect(outcomes).toEqual(['miss', 'hit']);
    expect(errors).toEqual([]);
  });

  it('bypass coalesces without touching the cache', async () => {
    const { la, outcomes } = setup(broken);
    let calls = 0;
    const compute = async () => {
      calls++;
      return 'v';
    };
    await Promise.all([la.bypass('k', compute), la.bypass('k', compute)]);
    expect(calls).toBe(1);
    expect(outcomes).toEqual([]);
  });
});
