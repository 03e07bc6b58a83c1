/**
 * A cached search or autocomplete answer with the generation it was computed under and when: `<generation>\t<ms>\n<payload>`.
 *
 * Its key carries no generation, so a bump by the indexer does not orphan it; instead the stamp decides. Under the
 * generation it was computed in, an entry is current (its TTL bounds it, short while the generation is young). Once
 * the index has moved on, it may still be served while it is at most `staleMaxMs` old: it reflects every change
 * made before it was computed, so what it misses is younger than its age. A popular answer is then recomputed once
 * per `staleMaxMs` under a steady change stream instead of at every bump, at the price of that much staleness.
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

/** Whether an entry may answer now, under the generation `current` and the staleness bound `staleMaxMs`. */
export function servable(entry: StampedEntry, current: string, now: number, staleMaxMs: number): boolean {
  if (entry.generation === current) return true;
  // Another instance may have seen a newer generation first: its entry is fresher than our view of the index.
  if (/^\d+$/.test(entry.generation) && /^\d+$/.test(current) && BigInt(entry.generation) > BigInt(current)) return true;
  return now - entry.computedAt <= staleMaxMs;
}
