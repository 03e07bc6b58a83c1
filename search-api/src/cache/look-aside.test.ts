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
    const accept = (v: string) => (v.startsWith('ok:') ? 'serve' : 'refuse');
    expect(await la.get('search', 'k', 60, async () => 'ok:v', accept)).toEqual({ value: 'ok:v', hit: false });
    expect(await la.get('search', 'k', 60, async () => 'ok:w', accept)).toEqual({ value: 'ok:v', hit: true });
    expect(outcomes).toEqual(['miss', 'hit']);
    expect(errors).toEqual([]);
  });

  it('counts outcomes per caller: joining a cache read is a hit, joining a computation a miss', async () => {
    const { la, outcomes } = setup();
    const slow = async () => {
      await new Promise((r) => setTimeout(r, 10));
      return 'v';
    };
    await Promise.all(Array.from({ length: 3 }, () => la.get('search', 'k', 60, slow)));
    await Promise.all(Array.from({ length: 2 }, () => la.get('search', 'k', 60, slow)));
    expect(outcomes).toEqual(['miss', 'miss', 'miss', 'hit', 'hit']);
  });

  describe('a value marked refresh', () => {
    const deferred = () => {
      let resolve: (v: string) => void = () => {};
      const promise = new Promise<string>((r) => (resolve = r));
      return { promise, resolve };
    };

    it('answers at once as a hit and is recomputed once in the background, however many ask meanwhile', async () => {
      const { la, cache, outcomes } = setup();
      await cache.set('k', 'old', 60);
      const next = deferred();
      const compute = vi.fn(() => next.promise);
      const accept = (v: string) => (v === 'old' ? 'refresh' : 'serve');
      for (let i = 0; i < 5; i++) expect(await la.get('search', 'k', 60, compute, accept)).toEqual({ value: 'old', hit: true });
      expect(compute).toHaveBeenCalledTimes(1);
      expect(la.refreshes).toBe(1);
      next.resolve('new');
      await vi.waitFor(() => expect(la.refreshes).toBe(0));
      expect(await la.get('search', 'k', 60, compute, accept)).toEqual({ value: 'new', hit: true });
      expect(await cache.get('k:lock')).toBeUndefined();
      expect(outcomes).toEqual(['hit', 'hit', 'hit', 'hit', 'hit', 'hit']);
    });

    it('once refused (past the bound) while its refresh runs, waits for that refresh instead of searching again', async () => {
      const { la, cache, outcomes } = setup();
      await cache.set('k', 'old', 60);
      const next = deferred();
      const compute = vi.fn(() => next.promise);
      let past = false;
      const accept = (v: string) => (v === 'old' ? (past ? 'refuse' : 'refresh') : 'serve');
      await la.get('search', 'k', 60, compute, accept);
      past = true;
      const waiting = la.get('search', 'k', 60, compute, accept);
      next.resolve('new');
      expect(await waiting).toEqual({ value: 'new', hit: false });
      expect(compute).toHaveBeenCalledTimes(1);
      expect(outcomes).toEqual(['hit', 'miss']);
    });

    it('is left to another instance that holds the lock', async () => {
      const { la, cache } = setup();
      await cache.set('k', 'old', 60);
      await cache.add('k:lock', '1', 2);
      const compute = vi.fn(async () => 'new');
      expect(await la.get('search', 'k', 60, compute, () => 'refresh')).toEqual({ value: 'old', hit: true });
      await vi.waitFor(() => expect(la.refreshes).toBe(0));
      expect(compute).not.toHaveBeenCalled();
    });

    it('keeps answering when its refresh fails, which is reported', async () => {
      const { la, cache, errors } = setup();
      await cache.set('k', 'old', 60);
      const accept = () => 'refresh' as const;
      expect(await la.get('search', 'k', 60, () => Promise.reject(new Error('es down')), accept)).toEqual({ value: 'old', hit: true });
      await vi.waitFor(() => expect(la.refreshes).toBe(0));
      expect(errors).toEqual(['refresh']);
      expect(await cache.get('k')).toBe('old');
      expect(await cache.get('k:lock')).toBeUndefined();
    });
  });

  it('refresh without a request (refresh-ahead): stores and resolves the new value, once per key at a time', async () => {
    const { la, cache } = setup();
    let release = () => {};
    const gate = new Promise<void>((r) => (release = r));
    const first = la.refresh('k', 60, async () => {
      await gate;
      return 'new';
    });
    expect(first).toBeDefined();
    expect(la.refresh('k', 60, async () => 'other')).toBeUndefined();
    release();
    expect(await first).toBe('new');
    expect(await cache.get('k')).toBe('new');
    // Another instance holds the lock: nothing is computed or stored.
    await cache.add('k:lock', '1', 2);
    expect(await la.refresh('k', 60, async () => 'third')).toBeUndefined();
    expect(await cache.get('k')).toBe('new');
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
