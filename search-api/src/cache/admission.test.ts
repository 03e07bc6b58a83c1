import { describe, expect, it } from 'vitest';
import { Admission } from './admission';

describe('Admission', () => {
  it.each([
    [1, [true, true]],
    [2, [false, true, true]],
    [3, [false, false, true]],
  ])('minHits %i admits on the sightings %j', (minHits, expected) => {
    const a = new Admission({ minHits, windowMs: 1000, maxKeys: 10 });
    expect(expected.map(() => a.record('k'))).toEqual(expected);
  });

  it('starts counting again after the window', () => {
    let now = 0;
    const a = new Admission({ minHits: 2, windowMs: 1000, maxKeys: 10, now: () => now });
    a.record('k');
    now = 1001;
    expect(a.record('k')).toBe(false);
    expect(a.record('k')).toBe(true);
  });

  it('bounds the keys it tracks, forgetting the oldest', () => {
    const a = new Admission({ minHits: 2, windowMs: 1000, maxKeys: 2 });
    a.record('a');
    a.record('b');
    a.record('c');
    expect(a.size).toBe(2);
    expect(a.record('a')).toBe(false);
    expect(a.record('c')).toBe(true);
  });
});
