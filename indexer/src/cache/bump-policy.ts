/**
 * When the indexer bumps the search cache generation. Pure functions of the bump history and the clock.
 *
 * The search API caches a response with a short TTL (≤ `youngMs`) while its generation is *young* (first
 * seen < `youngMs` ago) and with the full TTL otherwise (contract `YOUNG_GENERATION_MS`). The indexer only
 * sends a bulk while every reader holds a young generation, and keeps bumping while it writes: so whatever
 * is cached while the index may still change lives at most `youngMs`, even if the indexer is killed
 * between a bulk and the bump after it (the bump a crash skips is the one nobody needs any more).
 */
export type BumpTiming = {
  /** Longest a reader reuses a generation read before it sees a bump (search-api CACHE_GENERATION_REFRESH_MS cap). */
  seenWithinMs: number;
  /** How long a freshly seen generation keeps readers caching short-lived. */
  youngMs: number;
  /** While bulks are in flight, bump at least this often (also the retry interval of a failed bump). */
  heartbeatMs: number;
  /** After the last bulk, bump once more this long after it (one refresh interval: the change is visible). */
  settleMs: number;
};

/** Times (ms) of the last two successful bumps and of the last attempt. */
export type BumpHistory = { lastOk?: number | undefined; previousOk?: number | undefined; lastAttempt?: number | undefined };

/**
 * Before sending a bulk: bump first or not, and how long to wait before sending. A bump covers a write
 * sent now when every reader has seen it (`seenWithinMs` old) and it stays young until the next heartbeat
 * bump has been seen too.
 */
export function writeGate(h: BumpHistory, now: number, t: BumpTiming): { bump: boolean; waitMs: number } {
  const youngEnough = t.youngMs - t.heartbeatMs - t.seenWithinMs;
  const covers = (at: number | undefined) => at !== undefined && now - at >= t.seenWithinMs && now - at <= youngEnough;
  if (covers(h.lastOk) || covers(h.previousOk)) return { bump: false, waitMs: 0 };
  if (h.lastOk !== undefined && now - h.lastOk < t.seenWithinMs) return { bump: false, waitMs: t.seenWithinMs - (now - h.lastOk) };
  return { bump: true, waitMs: t.seenWithinMs };
}

/**
 * Whether the background loop should bump now: a heartbeat while bulks are in flight, the settling bump
 * after the last bulk, or the retry of a bump that failed (memcached down: the change is still owed).
 */
export function bumpDue(
  s: BumpHistory & { writing: number; lastWriteEnd?: number | undefined; owed: boolean },
  now: number,
  t: BumpTiming,
): boolean {
  const sinceAttempt = s.lastAttempt === undefined ? Infinity : now - s.lastAttempt;
  if (s.owed && sinceAttempt >= t.heartbeatMs) return true;
  if (s.writing > 0 && sinceAttempt >= t.heartbeatMs) return true;
  if (s.lastWriteEnd === undefined) return false;
  const settleAt = s.lastWriteEnd + t.settleMs;
  return now >= settleAt && (s.lastOk === undefined || s.lastOk < settleAt);
}
