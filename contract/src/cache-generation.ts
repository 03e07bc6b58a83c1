/**
 * The agreement between the indexer (which writes and bumps the search cache generation) and the search
 * API (which caches under it) that bounds how stale a cached answer can be, even when the indexer is
 * killed between a bulk and the bump that follows it.
 *
 * A generation first seen less than `YOUNG_GENERATION_MS` ago is *young*: whatever the search API caches
 * while its generation is young (search and autocomplete responses, product details) lives at most that
 * long. The indexer sends a bulk only while every reader holds a young generation (it bumps first and
 * waits `GENERATION_REUSE_MAX_MS` when none covers the write) and bumps every second while it writes. So
 * an answer computed while the index may still change expires within `YOUNG_GENERATION_MS` by itself;
 * the bump after the bulk (and the product detail deletes) only make it fresher sooner.
 */

/** Longest a search-api instance reuses a generation read (CACHE_GENERATION_REFRESH_MS may not exceed it). */
export const GENERATION_REUSE_MAX_MS = 500;

/** How long a newly seen generation counts as young (responses cached meanwhile live at most this long). */
export const YOUNG_GENERATION_MS = 5_000;

/**
 * TTL in seconds for an entry stored at `now` whose generation was first seen at `seenAt` (undefined =
 * not known: treated as young). Pure.
 */
export function generationalTtlSeconds(ttlSeconds: number, seenAt: number | undefined, now: number): number {
  const young = seenAt === undefined || now - seenAt < YOUNG_GENERATION_MS;
  return young ? Math.min(ttlSeconds, Math.floor(YOUNG_GENERATION_MS / 1000)) : ttlSeconds;
}
