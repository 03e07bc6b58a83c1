/**
 * A cached search or autocomplete answer with the generation it was computed under and when: `<generation>\t<ms>\n<payload>`.
 *
 * Its key carries no generation, so a bump by the indexer does not orphan it; instead the stamp decides. Under the
 * generation it was computed in, an entry is current (its TTL bounds it, short while the generation is young). Once
 * the index has moved on, it may still be served while it is at most `staleMaxMs` old: it reflects every change
 * made before it was computed, so what it misses is younger than its age. A popular answer is then recomputed in the
 * background once it is `refreshAfterMs` old under a steady change stream instead of at every bump (`entryUse`), at the
 * price of at most `staleMaxMs` of staleness.
 */
export type StampedEntry = { generation: string; computedAt: number; payload: string };

export function stampEntry(generation: string, computedAt: number, payload: string): string {
  return `${generation}\t${computedAt}\n${payload}`;
}

/** The stamp and payload of a cached value, or undefined when it is not a stamped entry. */
export function readStampedEntry(value: string): StampedEntry | undefined {
  const nl = value.indexOf('\n');
  if (nl < 3 || nl > 60) return undefined;
  const tab = value.lastIndexOf('\t', nl);
  if (tab < 1) return undefined;
  const computedAt = Number(value.slice(tab + 1, nl));
  if (!Number.isSafeInteger(computedAt) || computedAt <= 0) return undefined;
  return { generation: value.slice(0, tab), computedAt, payload: value.slice(nl + 1) };
}

/**
 * How the staleness bound treats old entries: served while at most `staleMaxMs` old once the index moved on, and
 * refreshed in the background (the entry still answering) once older than `refreshAfterMs`. So a key asked at least
 * once in every `staleMaxMs - refreshAfterMs` (less one search's duration) never waits for Elasticsearch, and the
 * bound is unchanged: no entry answers past `staleMaxMs`. `refreshAfterMs` ≥ `staleMaxMs` turns background refreshes off.
 */
export type StaleBound = { staleMaxMs: number; refreshAfterMs: number };

/** What to do with a cached entry: answer with it, answer with it and refresh it in the background, or recompute it first. */
export type EntryUse = 'serve' | 'refresh' | 'refuse';

/** The use of an entry now, under the generation `current` and the bound. */
export function entryUse(entry: StampedEntry, current: string, now: number, bound: StaleBound): EntryUse {
  if (entry.generation === current) return 'serve';
  // Another instance may have seen a newer generation first: its entry is fresher than our view of the index.
  if (/^\d+$/.test(entry.generation) && /^\d+$/.test(current) && BigInt(entry.generation) > BigInt(current)) return 'serve';
  const age = now - entry.computedAt;
  if (age > bound.staleMaxMs) return 'refuse';
  return age > bound.refreshAfterMs ? 'refresh' : 'serve';
}
