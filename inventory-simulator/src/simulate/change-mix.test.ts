import { describe, expect, it } from 'vitest';
import { generateProduct } from '../catalog/generator';
import { mulberry32 } from '../catalog/random';
import { CHANGE_KINDS, DEFAULT_MIX, changed, chooseKind, repriced } from './change-mix';

const rng = mulberry32(3);
const now = new Date('2025-07-01T00:00:00Z');

describe('change mix', () => {
  it('chooses kinds in the configured proportions', () => {
    const counts = Object.fromEntries(CHANGE_KINDS.map((k) => [k, 0]));
    for (let i = 0; i < 20_000; i++) {
      const kind = chooseKind(rng);
      counts[kind] = (counts[kind] ?? 0) + 1;
    }
    const total = Object.values(counts).reduce((a, b) => a + b, 0);
    expect((counts.price ?? 0) / total).toBeCloseTo(DEFAULT_MIX.price, 1);
    expect(counts.delete ?? 0).toBeLessThan(counts.new ?? 0);
  });

  it('reprices by a plausible step, as a shop price', () => {
    for (let i = 0; i < 1000; i++) {
      const price = repriced(rng, 199.99);
      expect(price).toBeGreaterThan(100);
      expect(price).toBeLessThan(300);
      expect(Math.round(price * 100) / 100).toBe(price);
    }
  });

  it.each(['price', 'stock_out', 'restock', 'burst'] as const)('%s keeps the product valid and stamps updatedAt', (kind) => {
    const before = generateProduct(1, 5);
    const after = changed(kind, before, rng, now);
    expect(after.id).toBe(before.id);
    expect(after.updatedAt).toBe(now.toISOString());
    expect(after.stock).toBeGreaterThanOrEqual(0);
    if (kind === 'stock_out') expect(after.stock).toBe(0);
    if (kind === 'restock') expect(after.stock).toBeGreaterThan(before.stock);
  });
});
