import { describe, expect, it } from 'vitest';
import { readStampedEntry, servable, stampEntry } from './stamped-entry';

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
  it.each([
    ['current under its own generation, whatever its age', '7', 999_999, 0, true],
    ['from an older generation, younger than the bound', '8', 11_999, 2_000, true],
    ['from an older generation, at the bound', '8', 12_000, 2_000, true],
    ['from an older generation, past the bound', '8', 12_001, 2_000, false],
    ['from an older generation with no bound', '8', 10_001, 0, false],
    ['from a newer generation than this instance has seen', '6', 999_999, 0, true],
    ['under a generation that is not a number, past the bound', 'x', 12_001, 2_000, false],
  ])('%s', (_, current, now, staleMaxMs, expected) => {
    expect(servable(entry, current, now, staleMaxMs)).toBe(expected);
  });
});
