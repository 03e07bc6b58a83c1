import { describe, expect, it } from 'vitest';
import { median, quantile, ratio, weightedQuantile } from './bench-stats';

describe('bench statistics', () => {
  it('median and quantiles by nearest rank', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2);
    expect(median([])).toBe(0);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 0.9)).toBe(9);
    expect(quantile([1, 2, 3, 4, 5, 6, 7, 8, 9, 10], 1)).toBe(10);
  });

  it('a weighted quantile counts each value as often as its weight', () => {
    const items = [
      { value: 10, weight: 1 },
      { value: 1, weight: 8 },
      { value: 5, weight: 1 },
    ];
    expect(weightedQuantile(items, 0.5)).toBe(1);
    expect(weightedQuantile(items, 0.9)).toBe(5);
    expect(weightedQuantile(items, 0.95)).toBe(10);
  });

  it('ratio with two decimals, never a division by zero', () => {
    expect(ratio(3, 2)).toBe(1.5);
    expect(Number.isFinite(ratio(1, 0))).toBe(true);
  });
});
