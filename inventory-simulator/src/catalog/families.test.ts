import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ATTRIBUTE_VALUES } from './attributes';
import { AXES, FAMILY_SIZE, VARIANT_AXES, axisCounts, chooseValues, familyIdAt, priceFactor, variantValues, type AxisValues } from './families';
import { mulberry32 } from './random';
import { LEAVES } from './taxonomy';

describe('the family table', () => {
  it('names real leaves and, per leaf, attributes the leaf has, each with at least two values to vary', () => {
    for (const [path, axes] of Object.entries(VARIANT_AXES)) {
      const leaf = LEAVES.find((l) => l.path.join(' > ') === path);
      expect(leaf, path).toBeDefined();
      expect(axes.length, path).toBeGreaterThan(0);
      // In the leaf's attribute order, so that titles list them in one order.
      expect(axes, path).toEqual(leaf?.attrs.filter((a) => (axes as readonly string[]).includes(a)));
      for (const axis of axes) expect((leaf?.values?.[axis] ?? ATTRIBUTE_VALUES[axis]).length, `${path}: ${axis}`).toBeGreaterThanOrEqual(2);
    }
  });

  it('family ids are stable and URL-safe', () => {
    expect(familyIdAt(0)).toBe('FAM-0000001');
    expect(familyIdAt(41)).toBe('FAM-0000042');
  });
});

describe('axisCounts', () => {
  it(`always makes ${FAMILY_SIZE.min}–${FAMILY_SIZE.max} variants within each axis' limit`, () => {
    fc.assert(
      fc.property(fc.integer(), fc.array(fc.integer({ min: 2, max: 6 }), { minLength: 1, maxLength: 2 }), (seed, limits) => {
        const counts = axisCounts(mulberry32(seed), limits);
        const size = counts.reduce((a, b) => a * b, 1);
        expect(size).toBeGreaterThanOrEqual(FAMILY_SIZE.min);
        expect(size).toBeLessThanOrEqual(FAMILY_SIZE.max);
        counts.forEach((c, i) => {
          expect(c).toBeGreaterThanOrEqual(1);
          expect(c).toBeLessThanOrEqual(limits[i] ?? 0);
        });
      }),
    );
  });
});

describe('chooseValues', () => {
  const storage: readonly string[] = ATTRIBUTE_VALUES.storage;
  const colors: readonly string[] = ATTRIBUTE_VALUES.color;
  it('takes neighbouring values of an ordered axis (128GB–512GB, never 64GB and 1TB alone)', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: storage.length }), (seed, count) => {
        const values = chooseValues(mulberry32(seed), storage, count, true);
        const start = storage.indexOf(values[0] ?? '');
        expect(values).toEqual(storage.slice(start, start + count));
      }),
    );
  });

  it('takes distinct values of any other axis, in the list order', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: 1, max: colors.length }), (seed, count) => {
        const values = chooseValues(mulberry32(seed), colors, count, false);
        expect(new Set(values).size).toBe(count);
        const positions = values.map((v) => colors.indexOf(v));
        expect(positions).toEqual([...positions].sort((a, b) => a - b));
      }),
    );
  });
});

describe('variants of a family', () => {
  const axes: AxisValues[] = [
    { axis: 'storage', values: ['128GB', '256GB', '512GB'] },
    { axis: 'color', values: ['Black', 'Blue'] },
  ];

  it('enumerate every combination once, the last axis fastest', () => {
    const combos = Array.from({ length: 6 }, (_, i) => axes.map(({ axis }) => variantValues(axes, i).get(axis)).join('/'));
    expect(combos).toEqual(['128GB/Black', '128GB/Blue', '256GB/Black', '256GB/Blue', '512GB/Black', '512GB/Blue']);
  });

  it('cost more with more storage (20 % a step around the middle) and the same in every colour', () => {
    const price = (i: number) => priceFactor(axes, variantValues(axes, i));
    expect(price(2)).toBeCloseTo(1);
    expect(price(0)).toBeCloseTo(1 / AXES.storage.step);
    expect(price(4)).toBeCloseTo(AXES.storage.step);
    expect(price(1)).toBe(price(0));
  });
});
