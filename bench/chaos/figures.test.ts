import { describe, expect, it } from 'vitest';
import { answersByWindow, lagPercentile, recoveryMs } from './figures';

describe('answersByWindow', () => {
  it('counts an answer for the latest fault that began before it, when a settle margin overlaps the next fault', () => {
    const rows = answersByWindow([{ at: 150, status: 503 }], [{ name: 'kill', from: 0, to: 100 }, { name: 'pause', from: 120, to: 200 }], 100);
    expect(rows.map((r) => [r.name, r.non200])).toEqual([['kill', 0], ['pause', 1], ['no fault', 0]]);
  });

  it('puts each answer in the fault window it fell in (with the settle margin), the rest in "no fault"', () => {
    const windows = [
      { name: 'es-pause', from: 100, to: 200 },
      { name: 'memcached-pause', from: 400, to: 450 },
    ];
    const rows = answersByWindow(
      [
        { at: 50, status: 200 },
        { at: 150, status: 503 },
        { at: 205, status: 0 },
        { at: 300, status: 200 },
        { at: 420, status: 200 },
      ],
      windows,
      10,
    );
    expect(rows).toEqual([
      { name: 'es-pause', requests: 2, non200: 2, statuses: { '503': 1, '0': 1 } },
      { name: 'memcached-pause', requests: 1, non200: 0, statuses: {} },
      { name: 'no fault', requests: 2, non200: 0, statuses: {} },
    ]);
  });
});

describe('recoveryMs', () => {
  const changes = [
    { writtenAt: 900, seenAt: 5000 },
    { writtenAt: 1000, seenAt: 4000 },
    { writtenAt: 2000, seenAt: 3500 },
    { writtenAt: 3000, seenAt: 3400 },
  ];
  it('is the time from the fault end until a change written after it was seen within the bound', () => {
    expect(recoveryMs(changes, 1000, 1000)).toBe(2400);
    expect(recoveryMs(changes, 1000, 3000)).toBe(3000);
  });
  it('is undefined when nothing after the fault was fresh', () => expect(recoveryMs(changes, 3500, 1000)).toBeUndefined());
});

describe('lagPercentile', () => {
  it('ignores changes never seen', () => {
    expect(lagPercentile([{ writtenAt: 0, seenAt: 10 }, { writtenAt: 0, seenAt: undefined }, { writtenAt: 0, seenAt: 30 }], 50)).toBe(30);
  });
});
