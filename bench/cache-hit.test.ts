import { describe, expect, it } from 'vitest';
import { cacheHitSection, type CacheHitResult, type HitAgainstFloor } from './cache-hit';
import type { LoadResult } from './load';

const load = (name: string, mean: number, serverCpuUs?: number): LoadResult => ({ name, p50: mean, p99: mean * 4, mean, rps: 16_000 / mean, requests: 1000, failed: 0, serverCpuUs });
const pair = (hitMs: number, hitCpu: number | undefined, floorCpu: number | undefined, floorName = '/healthz (HTTP floor)'): HitAgainstFloor => ({
  hit: load('search, cache hit', hitMs, hitCpu),
  floor: load(floorName, 1, floorCpu),
  ratio: hitMs,
  ratios: [hitMs],
  bytes: 25_898,
  cpuRatio: hitCpu === undefined || floorCpu === undefined ? undefined : hitCpu / floorCpu,
});
const result: CacheHitResult = {
  plain: pair(2.5, 250, 100),
  gzip: pair(3, 300, 100),
  algolia: pair(4, undefined, 100),
  bare: pair(2.5, 250, 50, 'bare node:http server, the same bytes'),
  hitShare: 1,
};
const options = { path: '/v1/products/search?q=laptop', connections: 16, seconds: 10, rounds: 3 };

describe('cache hit section (goal 2)', () => {
  it('judges the plain hit against 1.5 and reports the server CPU ratios of every client', () => {
    const { summary } = cacheHitSection(result, options);
    expect(summary[0]).toMatchObject({ value: '2.50 (rounds 2.50)', target: '≤ 1.5', met: false });
    expect(summary.find((s) => s.measure.startsWith('search-api CPU per request'))?.value).toBe('2.50; 3.00; —');
  });

  it('tables the server CPU per request of each run, a dash where it was not read', () => {
    const lines = cacheHitSection(result, options).body.split('\n');
    expect(lines).toContain('| bare node:http server, the same bytes |  | 1.00 | 4.00 | 1.00 | 16,000 | 0 | 50.0 |');
    expect(lines.filter((l) => l.startsWith('| search, cache hit | 25,898 |') && l.endsWith('| 250 |'))).toHaveLength(2);
    expect(lines.some((l) => l.endsWith('| 0 | — |'))).toBe(true);
  });
});
