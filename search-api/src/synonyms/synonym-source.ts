import type { Client } from '@elastic/elasticsearch';
import { SYNONYM_LIMITS, SynonymSet, type SynonymSetInput } from '@catalog/contract';
import { createIndexSnapshotReader, fingerprint } from '../es/index-snapshot';
import { expandQuery, normalizeUnits } from './expand-query';

/** The synonym sets in force and a short fingerprint of them (part of cache keys: a change makes new keys). */
export type SynonymSnapshot = { version: string; sets: SynonymSetInput[] };

/** How a query is searched: its text with units normalized, the alternatives from synonyms, and the snapshot's version. */
export type QueryExpansion = { text: string; alternatives: string[]; version: string };

export interface SynonymSource {
  snapshot(): Promise<SynonymSnapshot>;
  expand(q: string): Promise<QueryExpansion>;
}

function sourceOf(snapshot: () => Promise<SynonymSnapshot>): SynonymSource {
  return {
    snapshot,
    async expand(q) {
      const s = await snapshot();
      const text = normalizeUnits(q);
      return { text, alternatives: expandQuery(text, s.sets), version: s.version };
    },
  };
}

/** The sets of `index` (`<alias>-synonyms`), read at most once per `refreshMs`; the last ones read stay in force while it fails. */
export function createSynonymSource(o: { client: Client; index: string; refreshMs: number; onError?: (err: unknown) => void; now?: () => number }): SynonymSource {
  const read = createIndexSnapshotReader({ ...o, schema: SynonymSet, max: SYNONYM_LIMITS.sets });
  return sourceOf(async () => {
    const { version, items } = await read();
    return { version, sets: items };
  });
}

/** A source with fixed sets (tests, benchmarks, and search-api without a synonym index). */
export function staticSynonymSource(sets: SynonymSetInput[] = []): SynonymSource {
  const snap: SynonymSnapshot = { version: fingerprint(sets), sets };
  return sourceOf(async () => snap);
}
