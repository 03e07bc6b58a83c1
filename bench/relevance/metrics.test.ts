import { describe, expect, it } from 'vitest';
import { bestPerGroup, median, ndcgAt, precisionAt, reciprocalRank } from './metrics';

describe('ranking metrics', () => {
  it('nDCG@k is 1 for the ideal order, lower for a worse one, 0 without relevant results', () => {
    expect(ndcgAt(10, [3, 2, 1], [1, 2, 3, 0, 0])).toBeCloseTo(1);
    // (1/1 + 3/log2(3) + 7/2) / (7 + 3/log2(3) + 1/2) with gains 2^g - 1
    expect(ndcgAt(10, [1, 2, 3], [3, 2, 1])).toBeCloseTo((1 + 3 / Math.log2(3) + 7 / 2) / (7 + 3 / Math.log2(3) + 1 / 2));
    expect(ndcgAt(10, [0, 0], [3])).toBe(0);
    expect(ndcgAt(10, [], [])).toBe(0);
  });

  it('the ideal of a grouped search holds each family once, at its best variant (issue 17)', () => {
    const grades = new Map([['a-blue', 3], ['a-black', 2], ['a-red', 2], ['b', 2], ['c', 1]]);
    const family = (id: string) => id.split('-')[0] ?? id;
    expect(bestPerGroup(grades, family).sort()).toEqual([1, 2, 3]);
    // The perfect grouped answer (a's Blue variant, then b, then c) is ideal; an ideal over variants would call it 0.8.
    expect(ndcgAt(10, [3, 2, 1], bestPerGroup(grades, family))).toBeCloseTo(1);
    expect(ndcgAt(10, [3, 2, 1], [...grades.values()])).toBeLessThan(0.85);
  });

  it('nDCG@k only looks at the first k places', () => {
    expect(ndcgAt(1, [3, 0], [3, 3])).toBe(1);
    expect(ndcgAt(1, [0, 3], [3, 3])).toBe(0);
  });

  it('precision@5 counts grades ≥ 2 and short lists count their empty places as misses', () => {
    expect(precisionAt(5, [3, 2, 1, 0, 3])).toBeCloseTo(0.6);
    expect(precisionAt(5, [3])).toBeCloseTo(0.2);
  });

  it('reciprocal rank of the first relevant result within 10', () => {
    expect(reciprocalRank([0, 1, 2])).toBeCloseTo(1 / 3);
    expect(reciprocalRank([3])).toBe(1);
    expect(reciprocalRank([1, 1])).toBe(0);
    expect(reciprocalRank([...Array(10).fill(0), 3])).toBe(0);
  });

  it('median of odd and even counts', () => {
    expect(median([5, 1, 3])).toBe(3);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBe(0);
  });
});
