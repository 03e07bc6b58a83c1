import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import { SYNONYM_LIMITS, SynonymSet, type SynonymSetInput } from '@catalog/contract';
import { expandQuery, normalizeUnits } from './expand-query';

/** The synonym sets in force and a short fingerprint of them (part of cache keys: a change makes new keys). */
export type SynonymSnapshot = { version: string; sets: SynonymSetInput[] };

/** How a query is searched: its text with units normalized, the alternatives from synonyms, and the snapshot's version. */
export type QueryExpansion = { text: string; alternatives: string[]; version: string };

export interface SynonymSource {
  snapshot(): Promise<SynonymSnapshot>;
  expand(q: string): Promise<QueryExpansion>;
}

const EMPTY: SynonymSnapshot = { version: '0', sets: [] };

/**
 * Reads every synonym set from `index` at most once per `refreshMs` (concurrent callers share the read). While the
 * index cannot be read the last snapshot stays in force (none read yet = no synonyms): searches never fail for it.
 */
export function createSynonymSource(o: { client: Client; index: string; refreshMs: number; onError?: (err: unknown) => void; now?: () => number }): SynonymSource {
  const now = o.now ?? Date.now;
  let current = EMPTY;
  let readAt = -Infinity;
  let inFlight: Promise<SynonymSnapshot> | undefined;

  async function read(): Promise<SynonymSnapshot> {
    try {
      const r = await o.client.search(
        { index: o.index, size: SYNONYM_LIMITS.sets, sort: [{ id: 'asc' }], query: { match_all: {} } },
        { ignore: [404] },
      );
      const sets = (r.hits?.hits ?? []).flatMap((h) => {
        const parsed = SynonymSet.safeParse(h._source);
        return parsed.success ? [parsed.data] : [];
      });
      const version = sets.length === 0 ? '0' : createHash('sha1').update(JSON.stringify(sets)).digest('hex').slice(0, 12);
      current = { version, sets };
    } catch (err) {
      o.onError?.(err);
    }
    readAt = now();
    return current;
  }

  const snapshot = async (): Promise<SynonymSnapshot> => {
    if (now() - readAt < o.refreshMs) return current;
    inFlight ??= read().finally(() => (inFlight = undefined));
    return inFlight;
  };
  return {
    snapshot,
    async expand(q) {
      const s = await snapshot();
      const text = normalizeUnits(q);
      return { text, alternatives: expandQuery(text, s.sets), version: s.version };
    },
  };
}

/** A source with fixed sets (tests, and search-api without a synonym index). */
export function staticSynonymSource(sets: SynonymSetInput[] = []): SynonymSource {
  const snap: SynonymSnapshot = { version: sets.length === 0 ? '0' : createHash('sha1').update(JSON.stringify(sets)).digest('hex').slice(0, 12), sets };
  return {
    snapshot: async () => snap,
    expand: async (q) => {
      const text = normalizeUnits(q);
      return { text, alternatives: expandQuery(text, sets), version: snap.version };
    },
  };
}
