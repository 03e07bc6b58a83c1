import { describe, expect, it } from 'vitest';
import { entryUse, readStampedEntry, stampEntry } from './stamped-entry';

describe('stamped cache entries', () => {
  it('round-trips the generation, the time and a payload with newlines and tabs', () => {
    const value = stampEntry('42', 1_700_000_000_000, '3\n{"a":"x\ty"}');
    expect(readStampedEntry(value)).toEqual({ generation: '42', computedAt: 1_700_000_000_000, payload: '3\n{"a":"x\ty"}' });
  });

  it.each([
    ['an unstamped JSON answer of an older version', '{"query":"tv"}'],
    ['no time', '42\n{}'],
    ['a time that is not a number', '42\tsoon\n{}'],
    ['empty', ''],
  ])('refuses %s', (_, value) => {
    expect(readStampedEntry(value)).toBeUndefined();
  });

  const entry = { generation: '7', computedAt: 10_000, payload: 'p' };
  const bound = { staleMaxMs: 3_000, refreshAfterMs: 1_000 };
  it.each([
    ['current under its own generation, whatever its age', '7', 999_999, bound, 'serve'],
    ['from an older generation, younger than the refresh age', '8', 11_000, bound, 'serve'],
    ['from an older generation, past the refresh age: answers and is refreshed', '8', 11_001, bound, 'refresh'],
    ['from an older generation, at the bound', '8', 13_000, bound, 'refresh'],
    ['from an older generation, past the bound', '8', 13_001, bound, 'refuse'],
    ['from an older generation, refreshes off (refresh age ≥ bound)', '8', 12_999, { staleMaxMs: 3_000, refreshAfterMs: 3_000 }, 'serve'],
    ['from an older generation with no bound', '8', 10_001, { staleMaxMs: 0, refreshAfterMs: 0 }, 'refuse'],
    ['from a newer generation than this instance has seen', '6', 999_999, { staleMaxMs: 0, refreshAfterMs: 0 }, 'serve'],
    ['under a generation that is not a number, past the bound', 'x', 13_001, bound, 'refuse'],
  ] as const)('%s', (_, current, now, b, expected) => {
    expect(entryUse(entry, current, now, b)).toBe(expected);
  });
});
