import { describe, expect, it } from 'vitest';
import { decayed, maxConcurrentRefreshes, pickDue, RefreshAhead, type RefreshResult, type TrackedKey } from './refresh-ahead';
import type { StampedEntry } from './stamped-entry';

const bound = { staleMaxMs: 3_000, refreshAfterMs: 2_000 };
const halfLifeMs = 30_000;
const stamp = (generation: string, computedAt: number): StampedEntry => ({ generation, computedAt, payload: 'p' });
const tracked = (count: number, s: StampedEntry | undefined, busy = false): TrackedKey => ({ count, at: 0, stamp: s, compute: async () => 'v', busy });

describe('pickDue', () => {
  const at = (now: number, limit = 10) => ({ now, current: '8', bound, halfLifeMs, limit });

  it('picks keys past the refresh age under an older generation, hottest first, at most the limit', () => {
    const keys = new Map([
      ['warm', tracked(10, stamp('7', 0))],
      ['hot', tracked(100, stamp('7', 0))],
      ['hotter', tracked(200, stamp('7', 0))],
    ]);
    expect(pickDue(keys, at(2_001))).toEqual(['hotter', 'hot', 'warm']);
    expect(pickDue(keys, at(2_001, 2))).toEqual(['hotter', 'hot']);
    expect(pickDue(keys, at(2_001, 0))).toEqual([]);
  });

  it.each([
    ['an entry of the current generation, however old', tracked(100, stamp('8', 0)), 60_000],
    ['an entry younger than the refresh age', tracked(100, stamp('7', 0)), 2_000],
    ['a key never seen in the cache (not admitted)', tracked(100, undefined), 60_000],
    ['a key being refreshed', tracked(100, stamp('7', 0), true), 2_001],
    // 0.25 uses per 3 s bound over a 30 s half-life: a decayed count of ~3.6.
    ['a key asked less than once in four bounds', tracked(3, stamp('7', 0)), 2_001],
  ])('leaves out %s', (_, t, now) => {
    expect(pickDue(new Map([['k', t]]), at(now))).toEqual([]);
  });

  it('refreshes an entry already past the bound (the next request would miss)', () => {
    expect(pickDue(new Map([['k', tracked(100, stamp('7', 0))]]), at(10_000))).toEqual(['k']);
  });

  it('counts decay: a key asked a lot a minute ago weighs a quarter', () => {
    expect(decayed(100, 0, 60_000, halfLifeMs)).toBeCloseTo(25);
  });

  it('bounds the searches in flight by the budget', () => {
    expect([0, 1, 5, 6, 20, 1_000].map(maxConcurrentRefreshes)).toEqual([1, 1, 1, 2, 4, 8]);
  });
});

describe('RefreshAhead', () => {
  function setup(perSecond: number, answer: (key: string) => RefreshResult | Error = () => ({ searched: true, entry: stamp('8', 10_000) })) {
    const clock = { now: 10_000 };
    const refreshed: string[] = [];
    const errors: unknown[] = [];
    const outcomes: string[] = [];
    const ahead = new RefreshAhead({
      perSecond,
      maxKeys: 4,
      bound,
      halfLifeMs,
      now: () => clock.now,
      generation: async () => ({ value: '8', seenAt: 0 }),
      refresh: async (key) => {
        refreshed.push(key);
        const r = answer(key);
        if (r instanceof Error) throw r;
        return r;
      },
      onError: (err) => errors.push(err),
      onRefresh: (o) => outcomes.push(o),
    });
    const settle = () => new Promise((r) => setTimeout(r, 0));
    return { ahead, clock, refreshed, errors, outcomes, settle };
  }
  const ask = (ahead: RefreshAhead, key: string, times: number) => {
    for (let i = 0; i < times; i++) ahead.requested(key, async () => key);
  };

  it('spends at most its budget per second on the hottest due keys, then none until earned again', async () => {
    const { ahead, clock, refreshed, settle } = setup(1);
    ask(ahead, 'a', 30);
    ask(ahead, 'b', 20);
    for (const k of ['a', 'b']) ahead.seen(k, stamp('7', 7_000));
    const round = async (ms: number) => {
      clock.now += ms;
      await ahead.tick();
      await settle();
      return [...refreshed];
    };
    expect(await round(1_000)).toEqual(['a']);
    // The refreshed entry is current; the other key waits for budget.
    expect(await round(0)).toEqual(['a']);
    expect(await round(500)).toEqual(['a']);
    expect(await round(500)).toEqual(['a', 'b']);
    ahead.stop();
  });

  it('runs a few refreshes at once when the budget allows', async () => {
    const { ahead, clock, refreshed, settle } = setup(10);
    for (const [k, n] of [['a', 30], ['b', 20], ['c', 10]] as const) {
      ask(ahead, k, n);
      ahead.seen(k, stamp('7', 7_000));
    }
    clock.now += 1_000;
    await ahead.tick();
    await settle();
    expect(refreshed).toEqual(['a', 'b']);
    ahead.stop();
  });

  it('an entry someone else refreshed costs no budget', async () => {
    const { ahead, clock, refreshed, outcomes, settle } = setup(1, () => ({ searched: false, entry: stamp('8', 11_000) }));
    ask(ahead, 'a', 30);
    ask(ahead, 'b', 20);
    ahead.seen('a', stamp('7', 7_000));
    ahead.seen('b', stamp('7', 7_000));
    clock.now += 1_000;
    await ahead.tick();
    await settle();
    await ahead.tick();
    await settle();
    expect(refreshed).toEqual(['a', 'b']);
    expect(outcomes).toEqual(['fresh', 'fresh']);
    ahead.stop();
  });

  it('a failed refresh is reported and the key waits until a request sees its entry again', async () => {
    const { ahead, clock, refreshed, errors, outcomes, settle } = setup(10, () => new Error('memcached down'));
    ask(ahead, 'a', 30);
    ahead.seen('a', stamp('7', 7_000));
    clock.now += 1_000;
    await ahead.tick();
    await settle();
    clock.now += 1_000;
    await ahead.tick();
    await settle();
    expect(refreshed).toEqual(['a']);
    expect(outcomes).toEqual(['failed']);
    expect(errors).toHaveLength(1);
    ahead.stop();
  });

  it('tracks at most maxKeys keys, forgetting the least requested', async () => {
    const { ahead, clock, refreshed, settle } = setup(1);
    ask(ahead, 'hot', 50);
    for (let i = 0; i < 10; i++) ask(ahead, `cold-${i}`, 1);
    expect(ahead.size).toBeLessThanOrEqual(5);
    ahead.seen('hot', stamp('7', 0));
    clock.now += 1_000;
    await ahead.tick();
    await settle();
    expect(refreshed).toEqual(['hot']);
    ahead.stop();
  });

  it('is off with no budget or with background refresh off', () => {
    for (const [perSecond, refreshAfterMs] of [
      [0, 2_000],
      [5, 3_000],
    ] as const) {
      const ahead = new RefreshAhead({ perSecond, maxKeys: 4, bound: { staleMaxMs: 3_000, refreshAfterMs }, generation: async () => undefined, refresh: async () => ({ searched: false, entry: undefined }) });
      ahead.requested('k', async () => 'v');
      expect(ahead.size).toBe(0);
    }
  });
});
