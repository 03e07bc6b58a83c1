/** A burst on top of the daily curve: `factor` × the base rate between `from` and `to` (seconds of the day). */
export type Burst = { from: number; to: number; factor: number };

/** One day of load: base rates, the daily curve's swing, and the bursts of updates and searches. */
export type DayProfile = {
  updatesPerSecond: number;
  searchesPerSecond: number;
  /** ±swing around 1 over the day, highest at `peakHour`. */
  swing: number;
  peakHour: number;
  updateBursts: Burst[];
  searchBursts: Burst[];
  /** Seconds a burst takes to reach its factor (and to fall back). */
  rampSeconds: number;
};

const HOUR = 3600;

/**
 * A Black Friday: the daily curve plus 50× update bursts (midnight price drop, a morning flash sale, the
 * evening deals) and 20× search peaks (the midnight launch, the evening). Times and lengths are assumptions.
 */
export function blackFriday(o: { updatesPerSecond: number; searchesPerSecond: number; updateBurst: number; searchPeak: number }): DayProfile {
  return {
    updatesPerSecond: o.updatesPerSecond,
    searchesPerSecond: o.searchesPerSecond,
    swing: 0.6,
    peakHour: 19,
    rampSeconds: 60,
    updateBursts: [
      { from: 0, to: 20 * 60, factor: o.updateBurst },
      { from: 9 * HOUR, to: 9 * HOUR + 10 * 60, factor: o.updateBurst },
      { from: 20 * HOUR, to: 20 * HOUR + 15 * 60, factor: o.updateBurst },
    ],
    searchBursts: [
      { from: 0, to: HOUR, factor: o.searchPeak },
      { from: 20 * HOUR, to: 21 * HOUR, factor: o.searchPeak },
    ],
  };
}

/** The daily curve at second `t`: 1 ± swing, a cosine peaking at `peakHour`. */
export const daily = (p: DayProfile, t: number): number => 1 + p.swing * Math.cos((2 * Math.PI * (t / HOUR - p.peakHour)) / 24);

/** The burst factor at `t` (1 outside bursts; the highest when they overlap), ramping linearly in and out. */
export function burstFactor(bursts: Burst[], rampSeconds: number, t: number): number {
  let factor = 1;
  for (const b of bursts) {
    if (t < b.from || t >= b.to + rampSeconds) continue;
    const rampIn = rampSeconds > 0 ? Math.min(1, (t - b.from) / rampSeconds) : 1;
    const rampOut = t >= b.to && rampSeconds > 0 ? 1 - (t - b.to) / rampSeconds : 1;
    factor = Math.max(factor, 1 + (b.factor - 1) * Math.min(rampIn, rampOut));
  }
  return factor;
}

/** Update and search rates at second `t` of the day. */
export function rates(p: DayProfile, t: number): { updates: number; searches: number } {
  const curve = daily(p, t);
  return {
    updates: p.updatesPerSecond * curve * burstFactor(p.updateBursts, p.rampSeconds, t),
    searches: p.searchesPerSecond * curve * burstFactor(p.searchBursts, p.rampSeconds, t),
  };
}
