/**
 * What the arrival pattern alone allows a cache under a steady change stream (issue 18 goal 3): a model to read the
 * measured hit ratio against. Each query of the log is a key asked as a Poisson stream at its share of the request
 * rate. Under a steady stream the index moves on within every bound, so an entry computed at `c` serves until
 * `c + staleMaxMs`; with background refresh, the first request after `c + refreshAfterMs` (and before the bound) is
 * still a hit and starts the next entry. Per renewal cycle a key then gets `λA` hits, then one request that is a hit
 * with probability `1 − e^{−λ(S−A)}`: its hit ratio is `1 − e^{−λ(S−A)} / (1 + λA)` (without background refresh,
 * `A = S`: `λS / (1 + λS)`). Refresh-ahead adds hits on top (it renews hot keys without a request); search latency and
 * the generation read are left out.
 */

/** The expected hit ratio of requests drawn by `popularities` at `requestsPerSecond`. Pure. */
export function renewalHitRatio(popularities: readonly number[], requestsPerSecond: number, o: { staleMaxMs: number; refreshAfterMs: number }): number {
  const total = popularities.reduce((t, p) => t + p, 0);
  if (total <= 0 || requestsPerSecond <= 0) return 0;
  const s = o.staleMaxMs / 1000;
  const a = Math.min(o.refreshAfterMs, o.staleMaxMs) / 1000;
  return popularities.reduce((sum, p) => {
    const share = p / total;
    const rate = requestsPerSecond * share;
    return sum + share * (1 - Math.exp(-rate * (s - a)) / (1 + rate * a));
  }, 0);
}

/** The request rate at which the model reaches `target` (bisection; Infinity when it never does below 10⁶ req/s). */
export function rateForHitRatio(popularities: readonly number[], target: number, o: { staleMaxMs: number; refreshAfterMs: number }): number {
  let low = 0;
  let high = 1e6;
  if (renewalHitRatio(popularities, high, o) < target) return Infinity;
  while (high - low > 1) {
    const mid = (low + high) / 2;
    if (renewalHitRatio(popularities, mid, o) >= target) high = mid;
    else low = mid;
  }
  return high;
}
