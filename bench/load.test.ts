import { describe, expect, it } from 'vitest';
import { closedLoopMeanMs, withServerCpu, type LoadResult } from './load';

const result = (requests: number): LoadResult => ({ name: 'r', p50: 1, p99: 2, mean: 1, rps: 100, requests, failed: 0 });

/** Busy for at least `ms` of this process's own CPU time (so that `/proc`'s 10 ms ticks see it). */
function burn(ms: number): void {
  const start = process.cpuUsage();
  let x = 0;
  while ((process.cpuUsage(start).user + process.cpuUsage(start).system) / 1000 < ms) x += Math.sqrt(x + 1);
  expect(x).toBeGreaterThan(0);
}

describe('withServerCpu', () => {
  it("divides the answering process's CPU time over the run by the requests answered", async () => {
    const r = await withServerCpu(process.pid, async () => {
      burn(200);
      return result(1000);
    });
    // ≥ 200 ms over 1,000 requests, read in 10 ms ticks: at least 190 µs each.
    expect(r.serverCpuUs).toBeGreaterThanOrEqual(190);
    expect(r.requests).toBe(1000);
  });

  it('says nothing without a process or without answered requests', async () => {
    expect((await withServerCpu(undefined, async () => result(10))).serverCpuUs).toBeUndefined();
    expect((await withServerCpu(process.pid, async () => result(0))).serverCpuUs).toBeUndefined();
  });
});

describe('closedLoopMeanMs', () => {
  it('is connections × duration / answered (Little\'s law), below a millisecond too', () => {
    // 16 connections answered 160,000 times in 10 s: each request took 16 × 10 s / 160,000 = 1 ms.
    expect(closedLoopMeanMs(16, 10, 160_000)).toBeCloseTo(1, 9);
    expect(closedLoopMeanMs(16, 10, 400_000)).toBeCloseTo(0.4, 6);
  });

  it('says nothing when nothing was answered', () => {
    expect(closedLoopMeanMs(16, 10, 0)).toBeUndefined();
    expect(closedLoopMeanMs(16, 0, 10)).toBeUndefined();
  });
});
