import { describe, expect, it } from 'vitest';
import { rateForHitRatio, renewalHitRatio } from './hit-ratio-model';
import { QUERIES_TSV } from './query-cost';
import { loadQueries } from './search-catalog';

const noRefresh = { staleMaxMs: 3000, refreshAfterMs: 3000 };

describe('renewalHitRatio', () => {
  it('is λS / (1 + λS) for one key without background refresh', () => {
    // One key at 2 req/s, entries live 3 s: 6 hits per miss.
    expect(renewalHitRatio([5], 2, noRefresh)).toBeCloseTo(6 / 7, 10);
  });

  it('weighs keys by their share and grows with the rate and with background refresh', () => {
    const pops = [10, 1, 1, 1];
    const at = (rps: number, refreshAfterMs = 3000) => renewalHitRatio(pops, rps, { staleMaxMs: 3000, refreshAfterMs });
    expect(at(10)).toBeCloseTo((10 / 13) * (23.08 / 24.08) + (3 / 13) * (2.308 / 3.308), 2);
    expect(at(100)).toBeGreaterThan(at(10));
    expect(at(10, 2000)).toBeGreaterThan(at(10));
    expect(renewalHitRatio([], 10, noRefresh)).toBe(0);
  });

  it('on the real query log at 3 s: about three in four at 100 req/s, 0.9 needs several hundred req/s', () => {
    const pops = loadQueries(QUERIES_TSV).map((q) => q.popularity);
    expect(renewalHitRatio(pops, 100, noRefresh)).toBeGreaterThan(0.7);
    expect(renewalHitRatio(pops, 100, noRefresh)).toBeLessThan(0.8);
    const needed = rateForHitRatio(pops, 0.9, noRefresh);
    expect(needed).toBeGreaterThan(300);
    expect(renewalHitRatio(pops, needed, noRefresh)).toBeGreaterThanOrEqual(0.9);
    expect(renewalHitRatio(pops, needed - 2, noRefresh)).toBeLessThan(0.9);
  });
});
