import { describe, expect, it } from 'vitest';
import { beta, logNormal, mixSeed, mulberry32, pareto, pickWeighted, zipfIndex } from './random';

const draw = (n: number, f: () => number) => Array.from({ length: n }, f);
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? NaN;

describe('mulberry32', () => {
  it('gives the same sequence for the same seed and another for another seed', () => {
    expect(draw(5, mulberry32(42))).toEqual(draw(5, mulberry32(42)));
    expect(draw(5, mulberry32(42))).not.toEqual(draw(5, mulberry32(43)));
  });

  it('stays in [0, 1) and is roughly uniform', () => {
    const xs = draw(20_000, mulberry32(7));
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...xs)).toBeLessThan(1);
    expect(xs.reduce((a, b) => a + b, 0) / xs.length).toBeCloseTo(0.5, 1);
  });

  it('mixSeed separates neighbouring indexes', () => {
    expect(new Set(draw(1000, (() => { let i = 0; return () => mixSeed(42, i++); })())).size).toBe(1000);
  });
});

describe('distributions', () => {
  const rng = mulberry32(1);
  it('log-normal has the requested median', () => {
    expect(median(draw(20_000, () => logNormal(rng, 100, 0.6)))).toBeGreaterThan(90);
    expect(median(draw(20_000, () => logNormal(rng, 100, 0.6)))).toBeLessThan(110);
  });

  it('Pareto is long-tailed: the top 20 % hold most of the mass', () => {
    const xs = draw(20_000, () => pareto(rng, 1, 1.16)).sort((a, b) => b - a);
    const top = xs.slice(0, 4000).reduce((a, b) => a + b, 0);
    expect(top / xs.reduce((a, b) => a + b, 0)).toBeGreaterThan(0.5);
    expect(Math.min(...xs)).toBeGreaterThanOrEqual(1);
  });

  it('Beta(6, 1.6) is skewed high', () => {
    const mean = draw(20_000, () => beta(rng, 6, 1.6)).reduce((a, b) => a + b, 0) / 20_000;
    expect(mean).toBeGreaterThan(0.75);
    expect(mean).toBeLessThan(0.83);
  });

  it('zipfIndex favours low ranks and stays in range', () => {
    const xs = draw(20_000, () => zipfIndex(rng, 1000));
    expect(Math.max(...xs)).toBeLessThan(1000);
    expect(xs.filter((x) => x < 10).length).toBeGreaterThan(xs.filter((x) => x >= 500).length);
  });

  it('pickWeighted follows the weights', () => {
    const picks: string[] = Array.from({ length: 10_000 }, () => pickWeighted(rng, ['a', 'b'], (x) => (x === 'a' ? 9 : 1)));
    expect(picks.filter((p) => p === 'a').length / picks.length).toBeCloseTo(0.9, 1);
  });
});
