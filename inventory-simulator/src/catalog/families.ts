import type { AttributeKey } from './attributes';
import { intBetween, type Rng } from './random';

/**
 * Product families of the generated catalog (issue 17). The catalog is cut into aligned blocks of `FAMILY_BLOCK`
 * consecutive indices; a block may start with one family (its first 2–12 indices), the rest of the block are
 * products of their own. Everything a family shares comes from the stream (seed, block), so any product is still
 * generated alone.
 */
export const FAMILY_BLOCK = 12;

/** Family sizes: a family has at least `min` and at most `max` variants (both within one block). */
export const FAMILY_SIZE = { min: 2, max: FAMILY_BLOCK } as const;

/**
 * Chance that a block starts with a family (of a leaf with variant axes, by the leaves' weights). With the mean
 * family size of ≈ 4.5 this puts ≈ 27 % of the products in families.
 */
export const FAMILY_CHANCE = 0.72;

/**
 * How an axis varies: at most `max` values per family; an `ordered` axis takes neighbouring values of its list
 * (128–512GB, S–XL) where the others take any; each value up the list costs `step` times the one below (bigger
 * storage and screens cost more, colours and sizes the same).
 */
export const AXES = {
  color: { max: 5, ordered: false, step: 1 },
  compatibility: { max: 4, ordered: false, step: 1 },
  finish: { max: 3, ordered: false, step: 1 },
  storage: { max: 4, ordered: true, step: 1.2 },
  memory: { max: 3, ordered: true, step: 1.15 },
  tv_size: { max: 5, ordered: true, step: 1.3 },
  monitor_size: { max: 3, ordered: true, step: 1.2 },
  size: { max: 6, ordered: true, step: 1 },
  shoe_size: { max: 6, ordered: true, step: 1 },
  pack: { max: 3, ordered: true, step: 1.6 },
  length: { max: 4, ordered: true, step: 1.2 },
  width: { max: 2, ordered: true, step: 1.15 },
} as const satisfies Partial<Record<AttributeKey, { max: number; ordered: boolean; step: number }>>;

/** An attribute a family can vary. */
export type VariantAxis = keyof typeof AXES;

/** The leaves whose products come in families, and what varies (in the leaf's attribute order). */
export const VARIANT_AXES: Readonly<Record<string, readonly VariantAxis[]>> = {
  'Audio > Headphones > Wireless Headphones': ['color'],
  'Audio > Headphones > Wired Headphones': ['color'],
  'Audio > Home Audio > Bluetooth Speakers': ['color'],
  'TV & Home Theater > TVs > 4K UHD TVs': ['tv_size'],
  'TV & Home Theater > A/V Cables & Connectors > HDMI & Adapters': ['length'],
  'Computers & Tablets > Laptops > MacBooks': ['storage', 'color'],
  'Computers & Tablets > Laptops > Windows Laptops': ['memory', 'storage'],
  'Computers & Tablets > Laptops > Chromebooks': ['memory'],
  'Computers & Tablets > Desktops > All Desktops': ['memory', 'storage'],
  'Computers & Tablets > Tablets > iPad': ['storage', 'color'],
  'Computers & Tablets > Tablets > Android & Fire Tablets': ['storage', 'color'],
  'Computers & Tablets > Monitors > Gaming Monitors': ['monitor_size'],
  'Computers & Tablets > Mice & Keyboards > Keyboards': ['color'],
  'Computers & Tablets > Hard Drives & Storage > Memory Cards & Flash Drives': ['storage'],
  'Computers & Tablets > Laptop Accessories > Laptop Bags & Cases': ['color'],
  'Computers & Tablets > Tablet Accessories > iPad Cases & Screen Protectors': ['compatibility', 'color'],
  'Cell Phones > Unlocked Cell Phones > iPhone': ['storage', 'color'],
  'Cell Phones > Unlocked Cell Phones > Android Phones': ['storage', 'color'],
  'Cell Phones > Cell Phone Accessories > Cases & Screen Protectors': ['compatibility', 'color'],
  'Cell Phones > Cell Phone Accessories > Chargers & Batteries': ['color'],
  'Video Games > Consoles > Xbox & PlayStation': ['color'],
  'Wearable Technology > Smartwatches > Apple Watch': ['color', 'size'],
  'Wearable Technology > Fitness Trackers > Activity Trackers': ['color'],
  'Smart Home > Smart Lighting > Smart Bulbs': ['pack'],
  'Appliances > Ranges, Cooktops & Ovens > Cooktops': ['width'],
  'Appliances > Refrigerators > French Door Refrigerators': ['finish'],
  'Appliances > Dishwashers > Built-In Dishwashers': ['finish'],
  'Appliances > Small Kitchen Appliances > Coffee Makers': ['color'],
  'Appliances > Small Kitchen Appliances > Blenders & Air Fryers': ['color'],
  'Home > Furniture > Office Chairs & Desks': ['color'],
  'Home > Household Essentials > Batteries': ['pack'],
  'Sports & Outdoors > Outdoor Recreation > Coolers & Water Bottles': ['color'],
  'Apparel & Accessories > Bags & Travel > Backpacks & Luggage': ['color'],
  'Apparel & Accessories > Clothing > Activewear': ['size', 'color'],
  'Apparel & Accessories > Shoes > Running Shoes': ['shoe_size', 'color'],
};

/** The family id of a block (stable across seeds, like product ids). */
export const familyIdAt = (block: number): string => `FAM-${String(block + 1).padStart(7, '0')}`;

/** One axis of a family: the values its variants take, in the order of the attribute's list. */
export type AxisValues = { axis: VariantAxis; values: string[] };

/**
 * How many values each axis takes: each between 1 and its `max` (a single axis at least 2), together at most
 * `FAMILY_SIZE.max` variants and at least `FAMILY_SIZE.min`.
 */
export function axisCounts(rng: Rng, limits: readonly number[]): number[] {
  const counts = limits.map((limit) => intBetween(rng, limits.length === 1 ? 2 : 1, limit));
  const size = () => counts.reduce((a, b) => a * b, 1);
  while (size() > FAMILY_SIZE.max) {
    const largest = counts.indexOf(Math.max(...counts));
    counts[largest] = (counts[largest] ?? 2) - 1;
  }
  if (size() < FAMILY_SIZE.min) counts[limits.findIndex((limit) => limit >= 2)] = 2;
  return counts;
}

/** `count` values of `list`: neighbours for an ordered axis, any for the others; always in list order. */
export function chooseValues(rng: Rng, list: readonly string[], count: number, ordered: boolean): string[] {
  if (ordered) {
    const start = intBetween(rng, 0, list.length - count);
    return list.slice(start, start + count);
  }
  const chosen = new Set<number>();
  while (chosen.size < count) chosen.add(intBetween(rng, 0, list.length - 1));
  return [...chosen].sort((a, b) => a - b).map((i) => list[i] ?? '');
}

/** The values of variant `position` (mixed radix over the axes, the last one fastest). */
export function variantValues(axes: readonly AxisValues[], position: number): Map<string, string> {
  const out = new Map<string, string>();
  let rest = position;
  for (let i = axes.length - 1; i >= 0; i--) {
    const { axis, values } = axes[i] as AxisValues;
    out.set(axis, values[rest % values.length] ?? '');
    rest = Math.floor(rest / values.length);
  }
  return out;
}

/** Price factor of a variant: `step` per value above the middle of its axis (below it: cheaper), over all axes. */
export function priceFactor(axes: readonly AxisValues[], chosen: ReadonlyMap<string, string>): number {
  return axes.reduce((factor, { axis, values }) => {
    const rank = values.indexOf(chosen.get(axis) ?? '');
    return factor * AXES[axis].step ** (rank - (values.length - 1) / 2);
  }, 1);
}
