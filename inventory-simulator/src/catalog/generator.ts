import type { Product } from '@catalog/contract';
import { ATTRIBUTE_VALUES, type AttributeKey } from './attributes';
import { AXES, FAMILY_BLOCK, FAMILY_CHANCE, VARIANT_AXES, axisCounts, chooseValues, familyIdAt, priceFactor, variantValues, type AxisValues } from './families';
import { beta, intBetween, logNormal, mixSeed, mulberry32, pareto, pick, pickWeighted, type Rng } from './random';
import { LEAVES, type Leaf } from './taxonomy';

/** Where generated timestamps live: products "created" over the two years before this instant. */
const EPOCH_MS = Date.UTC(2025, 5, 30);
const TWO_YEARS_MS = 2 * 365 * 24 * 3600 * 1000;

/** The id of the `index`-th generated product (stable across seeds, so re-seeding replaces a catalog). */
export const productIdAt = (index: number): string => `SKU-${String(index + 1).padStart(7, '0')}`;

/** `#` → digit 1–9, `@` → uppercase letter; everything else stays. */
export function expandModel(rng: Rng, template: string): string {
  let out = '';
  for (const ch of template) {
    if (ch === '#') out += String(intBetween(rng, 1, 9));
    else if (ch === '@') out += String.fromCharCode(65 + intBetween(rng, 0, 25));
    else out += ch;
  }
  return out;
}

/** Prices end like shop prices: .99 under 1 000, x9.99 above. */
export function shopPrice(raw: number): number {
  if (raw < 5) return Math.max(0.99, Math.round(raw * 4) / 4 - 0.01);
  if (raw < 1000) return Math.floor(raw) + 0.99;
  return Math.round(raw / 10) * 10 - 0.01;
}

function description(rng: Rng, leaf: Leaf, name: string, attributes: Record<string, string>): string {
  const [a, b, c] = shuffle(rng, leaf.features);
  const noun = leaf.path[leaf.path.length - 1]?.toLowerCase() ?? 'product';
  const details = Object.entries(attributes)
    .map(([k, v]) => `${k.replaceAll('_', ' ')}: ${v}`)
    .join(', ');
  const sentences = [
    `The ${name} brings ${a ?? 'solid everyday performance'}${b ? ` and ${b}` : ''}.`,
    c ? `It also offers ${c}.` : '',
    details ? `Specifications — ${details}.` : '',
    pick(rng, [
      `A dependable choice in ${noun}, backed by the manufacturer's warranty.`,
      `Ships free; returns accepted within 15 days.`,
      `Designed for everyday use and built to last.`,
      `One of our most reviewed ${noun}.`,
    ]),
  ];
  return sentences.filter(Boolean).join(' ');
}

function shuffle<T>(rng: Rng, items: readonly T[]): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rng() * (i + 1));
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

/** Values of an attribute in a leaf (the leaf's own list where the general one would contradict it). */
const valuesOf = (leaf: Leaf, key: AttributeKey): readonly string[] => leaf.values?.[key] ?? ATTRIBUTE_VALUES[key];

/** Popularity: Pareto with alpha≈1.16 is the "80/20" tail; reviews follow popularity with noise. */
const drawPopularity = (rng: Rng): number => Math.round(Math.min(pareto(rng, 1, 1.16), 100_000) * 100) / 100;
const drawReviewCount = (rng: Rng, popularity: number): number => (rng() < 0.08 ? 0 : Math.floor(popularity * logNormal(rng, 12, 0.8)));
/** Ratings skew high (1 + 4·Beta(6, 1.6): mean ≈ 4.2), like real shops; no reviews means no rating. */
const drawRating = (rng: Rng, reviewCount: number): number => (reviewCount === 0 ? 0 : Math.round(Math.min(5, 1 + 4 * beta(rng, 6, 1.6)) * 10) / 10);
const drawStock = (rng: Rng): number => (rng() < 0.1 ? 0 : Math.max(1, Math.round(logNormal(rng, 25, 1))));
const drawCreatedMs = (rng: Rng): number => EPOCH_MS - Math.floor(rng() * TWO_YEARS_MS);
const drawUpdatedMs = (rng: Rng, createdMs: number): number => Math.min(EPOCH_MS, createdMs + Math.floor(rng() * 30 * 24 * 3600 * 1000));
const imageOf = (rng: Rng, id: string) => (rng() < 0.85 ? { imageUrl: `https://images.example.com/catalog/${id}.jpg` } : {});

/** Like shop titles, the first two attributes (and the varying ones) end the title ("… - 256GB - Blue"). */
function titleOf(leaf: Leaf, name: string, attributes: Record<string, string>, varying: readonly string[] = []): string {
  const shown = leaf.attrs.filter((key, i) => i < 2 || varying.includes(key));
  const values = shown
    .filter((key) => varying.includes(key) || !name.includes(attributes[key] ?? ''))
    .map((key) => attributes[key])
    .filter((v): v is string => v !== undefined);
  return [name, ...values].join(' - ');
}

/**
 * The `index`-th product of the catalog named by `seed`. Each product has its own PRNG stream (seed, index),
 * so any product can be made alone, in any order, with nothing held in memory. A product in the first
 * `size` indices of a block with a family is a variant of that family (see `families.ts`).
 */
export function generateProduct(seed: number, index: number): Product {
  const block = Math.floor(index / FAMILY_BLOCK);
  const family = cachedFamilyPlan(seed, block);
  const position = index - block * FAMILY_BLOCK;
  return family && position < family.size ? variantProduct(seed, index, family, position) : singleProduct(seed, index);
}

/** A product of its own (not in a family). */
function singleProduct(seed: number, index: number): Product {
  const rng = mulberry32(mixSeed(seed, index));
  const leaf = pickWeighted(rng, LEAVES, (l) => l.weight);
  const line = pick(rng, leaf.lines);
  const model = expandModel(rng, line.model);
  const attributes: Record<string, string> = {};
  for (const key of leaf.attrs) attributes[key] = pick(rng, valuesOf(leaf, key));
  const noun = pick(rng, leaf.nouns);
  const name = `${line.brand} ${model} ${noun}`;
  const popularity = drawPopularity(rng);
  const reviewCount = drawReviewCount(rng, popularity);
  const rating = drawRating(rng, reviewCount);
  const stock = drawStock(rng);
  const createdMs = drawCreatedMs(rng);
  const updatedMs = drawUpdatedMs(rng, createdMs);
  const id = productIdAt(index);
  return {
    id,
    title: titleOf(leaf, name, attributes),
    description: description(rng, leaf, name, attributes),
    brand: line.brand,
    categories: [...leaf.path],
    price: shopPrice(logNormal(rng, leaf.price[0], leaf.price[1])),
    currency: 'USD',
    stock,
    rating,
    reviewCount,
    popularity,
    ...imageOf(rng, id),
    attributes,
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
  };
}

/** What the variants of one family share, drawn from the stream (seed, block). */
export type FamilyPlan = {
  groupId: string;
  size: number;
  leaf: Leaf;
  brand: string;
  name: string;
  /** Attributes every variant has (those that do not vary). */
  shared: Record<string, string>;
  /** The axes that vary (each with ≥ 2 values), in the leaf's attribute order. */
  axes: AxisValues[];
  /** Stream of the shared description text. */
  descriptionSeed: number;
  /** Price at the middle of every axis (before shop rounding). */
  midPrice: number;
  popularity: number;
  reviewCount: number;
  rating: number;
  createdMs: number;
};

/** Stream id of family plans, apart from the per-product streams (seed, index). */
const FAMILY_STREAM = 0x46414d;

/** The leaves whose products come in families, with what varies. */
const FAMILY_LEAVES = LEAVES.flatMap((leaf) => {
  const axisKeys = VARIANT_AXES[leaf.path.join(' > ')];
  return axisKeys ? [{ leaf, axisKeys }] : [];
});

/** The last block's plan: a catalog is mostly generated in index order, so its variants reuse one plan. */
let lastPlan: { seed: number; block: number; plan: FamilyPlan | undefined } | undefined;

function cachedFamilyPlan(seed: number, block: number): FamilyPlan | undefined {
  if (lastPlan?.seed !== seed || lastPlan.block !== block) lastPlan = { seed, block, plan: familyPlan(seed, block) };
  return lastPlan.plan;
}

/** The family that starts block `block` of catalog `seed`, or undefined when the block has none. */
export function familyPlan(seed: number, block: number): FamilyPlan | undefined {
  const rng = mulberry32(mixSeed(seed, FAMILY_STREAM, block));
  if (rng() >= FAMILY_CHANCE) return undefined;
  const { leaf, axisKeys } = pickWeighted(rng, FAMILY_LEAVES, ({ leaf: l }) => l.weight);
  const line = pick(rng, leaf.lines);
  const name = `${line.brand} ${expandModel(rng, line.model)} ${pick(rng, leaf.nouns)}`;
  const counts = axisCounts(rng, axisKeys.map((axis) => Math.min(AXES[axis].max, valuesOf(leaf, axis).length)));
  const chosen = axisKeys.map((axis, i) => ({ axis, values: chooseValues(rng, valuesOf(leaf, axis), counts[i] ?? 1, AXES[axis].ordered) }));
  const shared: Record<string, string> = {};
  for (const key of leaf.attrs) {
    const fixed = chosen.find((a) => a.axis === key);
    if (!fixed) shared[key] = pick(rng, valuesOf(leaf, key));
    else if (fixed.values.length === 1 && fixed.values[0] !== undefined) shared[key] = fixed.values[0];
  }
  const axes = chosen.filter((a) => a.values.length > 1);
  const popularity = drawPopularity(rng);
  const reviewCount = drawReviewCount(rng, popularity);
  return {
    groupId: familyIdAt(block),
    size: axes.reduce((n, a) => n * a.values.length, 1),
    leaf,
    brand: line.brand,
    name,
    shared,
    axes,
    descriptionSeed: mixSeed(seed, FAMILY_STREAM, block, 1),
    midPrice: logNormal(rng, leaf.price[0], leaf.price[1]),
    popularity,
    reviewCount,
    rating: drawRating(rng, reviewCount),
    createdMs: drawCreatedMs(rng),
  };
}

/**
 * Variant `position` of a family: the family's brand, category, name, description text, rating and reviews
 * (shops pool them), its own values of the varying attributes (in the title too), a price that grows with them
 * (bigger storage costs more), and its own stock, popularity, image and update time.
 */
function variantProduct(seed: number, index: number, family: FamilyPlan, position: number): Product {
  const rng = mulberry32(mixSeed(seed, index));
  const values = variantValues(family.axes, position);
  const attributes: Record<string, string> = {};
  for (const key of family.leaf.attrs) {
    const value = values.get(key) ?? family.shared[key];
    if (value !== undefined) attributes[key] = value;
  }
  const varying = family.axes.map((a) => a.axis);
  const id = productIdAt(index);
  return {
    id,
    title: titleOf(family.leaf, family.name, attributes, varying),
    description: description(mulberry32(family.descriptionSeed), family.leaf, family.name, attributes),
    brand: family.brand,
    categories: [...family.leaf.path],
    price: shopPrice(family.midPrice * priceFactor(family.axes, values)),
    currency: 'USD',
    stock: drawStock(rng),
    rating: family.rating,
    reviewCount: family.reviewCount,
    popularity: Math.round(Math.min(family.popularity * logNormal(rng, 1, 0.5), 100_000) * 100) / 100,
    ...imageOf(rng, id),
    attributes,
    groupId: family.groupId,
    variantAttributes: varying,
    createdAt: new Date(family.createdMs).toISOString(),
    updatedAt: new Date(drawUpdatedMs(rng, family.createdMs)).toISOString(),
  };
}

export type CatalogOptions = { seed: number; count: number; start?: number };

/** Products `start … start+count-1` of the catalog `seed`, one at a time (bounded memory for any count). */
export function* generateCatalog({ seed, count, start = 0 }: CatalogOptions): Generator<Product> {
  for (let i = start; i < start + count; i++) yield generateProduct(seed, i);
}
