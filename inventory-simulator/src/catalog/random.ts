/** A source of uniform numbers in [0, 1): what every sampler here draws from. */
export type Rng = () => number;

/**
 * mulberry32: a tiny 32-bit PRNG. Not cryptographic; chosen because it is fast, has no dependency and gives
 * the same sequence on every platform, so a seed names one catalog forever.
 */
export function mulberry32(seed: number): Rng {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Mix several integers into one 32-bit seed, so that product `i` of seed `s` has its own stream. */
export function mixSeed(...parts: number[]): number {
  let h = 0x811c9dc5;
  for (const part of parts) {
    h = Math.imul(h ^ (part >>> 0), 0x01000193);
    h ^= h >>> 13;
    h = Math.imul(h, 0x5bd1e995);
    h ^= h >>> 15;
  }
  return h >>> 0;
}

/** Integer in [min, max]. */
export const intBetween = (rng: Rng, min: number, max: number): number => min + Math.floor(rng() * (max - min + 1));

/** One element, uniformly. */
export function pick<T>(rng: Rng, items: readonly T[]): T {
  if (items.length === 0) throw new Error('pick: empty list');
  return items[Math.floor(rng() * items.length)] as T;
}

/** One element with probability proportional to its weight. */
export function pickWeighted<T>(rng: Rng, items: readonly T[], weight: (item: T) => number): T {
  const total = items.reduce((sum, item) => sum + weight(item), 0);
  let r = rng() * total;
  for (const item of items) {
    r -= weight(item);
    if (r < 0) return item;
  }
  return pick(rng, items);
}

/** Standard normal by Box–Muller. */
export function normal(rng: Rng): number {
  const u = 1 - rng(); // (0, 1]: log(0) would be -Infinity
  return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng());
}

/** Log-normal with the given median and spread (sigma of the underlying normal): how prices are shaped. */
export const logNormal = (rng: Rng, median: number, sigma: number): number => median * Math.exp(sigma * normal(rng));

/** Pareto (type I) with minimum `xm` and tail index `alpha`: few bestsellers, a long tail of slow sellers. */
export const pareto = (rng: Rng, xm: number, alpha: number): number => xm / Math.pow(1 - rng(), 1 / alpha);

/** Beta(a, b) for integer-ish shapes via two gammas (Marsaglia–Tsang); ratings skewed high use a > b. */
export function beta(rng: Rng, a: number, b: number): number {
  const x = gamma(rng, a);
  return x / (x + gamma(rng, b));
}

function gamma(rng: Rng, shape: number): number {
  if (shape < 1) return gamma(rng, shape + 1) * Math.pow(rng(), 1 / shape);
  const d = shape - 1 / 3;
  const c = 1 / Math.sqrt(9 * d);
  for (;;) {
    const x = normal(rng);
    const v = (1 + c * x) ** 3;
    if (v <= 0) continue;
    const u = rng();
    if (Math.log(u) < 0.5 * x * x + d - d * v + d * Math.log(v)) return d * v;
  }
}

/**
 * Zipf-like rank in [0, n): rank k is drawn with weight 1/(k+1)^s. Uses the continuous inverse CDF, which is
 * close enough for picking "hot" items and needs no table (n may be a million).
 */
export function zipfIndex(rng: Rng, n: number, s = 1.1): number {
  if (n <= 1) return 0;
  const u = rng();
  const oneMinusS = 1 - s;
  const max = (Math.pow(n + 1, oneMinusS) - 1) / oneMinusS;
  const x = Math.pow(u * max * oneMinusS + 1, 1 / oneMinusS) - 1;
  return Math.min(n - 1, Math.max(0, Math.floor(x)));
}
