/** Small statistics of the benchmarks (one place, so every report computes a median the same way). */

/** The middle value (the lower middle of an even count); 0 for none. */
export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

/** The value at `q` (0–1) of the sorted values, nearest rank; 0 for none. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1))] ?? 0;
}

/** The value at `q` (0–1) of values that each count `weight` times. */
export function weightedQuantile(items: readonly { value: number; weight: number }[], q: number): number {
  const sorted = [...items].sort((a, b) => a.value - b.value);
  const total = sorted.reduce((s, x) => s + x.weight, 0);
  let seen = 0;
  for (const x of sorted) {
    seen += x.weight;
    if (seen >= q * total) return x.value;
  }
  return sorted.at(-1)?.value ?? 0;
}

/** `a / b` rounded to 2 decimals, for report cells. */
export const ratio = (a: number, b: number): number => Math.round((a / Math.max(b, 1e-9)) * 100) / 100;
