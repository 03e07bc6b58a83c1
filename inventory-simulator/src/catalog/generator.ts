import type { Product } from '@catalog/contract';
import { ATTRIBUTE_VALUES } from './attributes';
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

/**
 * The `index`-th product of the catalog named by `seed`. Each product has its own PRNG stream (seed, index),
 * so any product can be made alone, in any order, with nothing held in memory.
 */
export function generateProduct(seed: number, index: number): Product {
  const rng = mulberry32(mixSeed(seed, index));
  const leaf = pickWeighted(rng, LEAVES, (l) => l.weight);
  const line = pick(rng, leaf.lines);
  const model = expandModel(rng, line.model);
  const attributes: Record<string, string> = {};
  for (const key of leaf.attrs) attributes[key] = pick(rng, leaf.values?.[key] ?? ATTRIBUTE_VALUES[key]);
  const noun = pick(rng, leaf.nouns);
  const name = `${line.brand} ${model} ${noun}`;
  // Like shop titles, the variant's first two attributes end the title ("… - 256GB - Blue").
  const variant = leaf.attrs.slice(0, 2).map((key) => attributes[key]).filter((v): v is string => v !== undefined && !name.includes(v));
  const title = [name, ...variant].join(' - ');

  // Popularity: Pareto with alpha≈1.16 is the "80/20" tail; reviews follow popularity with noise.
  const popularity = Math.round(Math.min(pareto(rng, 1, 1.16), 100_000) * 100) / 100;
  const reviewCount = rng() < 0.08 ? 0 : Math.floor(popularity * logNormal(rng, 12, 0.8));
  // Ratings skew high (1 + 4·Beta(6, 1.6): mean ≈ 4.2), like real shops; no reviews means no rating.
  const rating = reviewCount === 0 ? 0 : Math.round(Math.min(5, 1 + 4 * beta(rng, 6, 1.6)) * 10) / 10;
  const stock = rng() < 0.1 ? 0 : Math.max(1, Math.round(logNormal(rng, 25, 1)));
  const createdMs = EPOCH_MS - Math.floor(rng() * TWO_YEARS_MS);
  const updatedMs = Math.min(EPOCH_MS, createdMs + Math.floor(rng() * 30 * 24 * 3600 * 1000));
  const id = productIdAt(index);
  return {
    id,
    title,
    description: description(rng, leaf, name, attributes),
    brand: line.brand,
    categories: [...leaf.path],
    price: shopPrice(logNormal(rng, leaf.price[0], leaf.price[1])),
    currency: 'USD',
    stock,
    rating,
    reviewCount,
    popularity,
    ...(rng() < 0.85 ? { imageUrl: `https://images.example.com/catalog/${id}.jpg` } : {}),
    attributes,
    createdAt: new Date(createdMs).toISOString(),
    updatedAt: new Date(updatedMs).toISOString(),
  };
}

export type CatalogOptions = { seed: number; count: number; start?: number };

/** Products `start … start+count-1` of the catalog `seed`, one at a time (bounded memory for any count). */
export function* generateCatalog({ seed, count, start = 0 }: CatalogOptions): Generator<Product> {
  for (let i = start; i < start + count; i++) yield generateProduct(seed, i);
}
