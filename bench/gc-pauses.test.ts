import { constants, type PerformanceEntry } from 'node:perf_hooks';
import { describe, expect, it } from 'vitest';
import { countGcPauses, sumGcPauses } from './gc-pauses';

const entry = (kind: number, duration: number, entryType = 'gc'): PerformanceEntry =>
  ({ name: 'gc', entryType, startTime: 0, duration, detail: { kind, flags: 0 }, toJSON: () => ({}) }) as PerformanceEntry;

describe('sumGcPauses', () => {
  it('sums scavenges apart from every other kind of collection and ignores other entries', () => {
    const sum = sumGcPauses([
      entry(constants.NODE_PERFORMANCE_GC_MINOR, 2),
      entry(constants.NODE_PERFORMANCE_GC_MINOR, 3),
      entry(constants.NODE_PERFORMANCE_GC_MAJOR, 10),
      entry(constants.NODE_PERFORMANCE_GC_INCREMENTAL, 1),
      entry(constants.NODE_PERFORMANCE_GC_MINOR, 99, 'mark'),
    ]);
    expect(sum).toEqual({ minorMs: 5, otherMs: 11, minorCount: 2, otherCount: 2 });
  });
});

describe('countGcPauses', () => {
  it('sees the scavenges of garbage made while it counts', async () => {
    const counter = countGcPauses();
    let keep = 0;
    // Short-lived arrays: tens of MB through the young generation, so scavenges must happen.
    for (let i = 0; i < 200_000; i++) keep += new Array(64).fill(i).length;
    const pauses = await counter.stop();
    expect(keep).toBe(200_000 * 64);
    expect(pauses.minorCount).toBeGreaterThan(0);
    expect(pauses.minorMs).toBeGreaterThan(0);
  });
});
