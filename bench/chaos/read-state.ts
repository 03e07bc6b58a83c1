/**
 * Reading the three sides a chaos or scale run compares: the inventory master (SQLite), the index (every
 * document with its external version) and the indexer's dead-letter store (through its admin API).
 */
import type { Client } from '@elastic/elasticsearch';
import { z } from 'zod';
import type { MasterStore } from '../../inventory-simulator/src/store/master-store';
import { decodeMessage } from '../../indexer/src/consume/decode-message';
import type { IndexEntry, MasterEntry } from './compare';

/** Every master record, live and deleted, by id (without the products when only versions are compared). */
export function readMaster(store: MasterStore, withProducts = true): Map<string, MasterEntry> {
  const out = new Map<string, MasterEntry>();
  let cursor: string | undefined;
  do {
    const page = store.list({ limit: 5000, deleted: 'any', ...(cursor ? { cursor } : {}) });
    for (const item of page.items) out.set(item.id, { version: item.version, deleted: item.deleted, ...(withProducts && item.product ? { product: item.product } : {}) });
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

const Source = z.record(z.string(), z.unknown());

/**
 * Every document behind `alias` with its version (scrolls a point in time; refreshes first); with
 * `versionsOnly` the sources are left out (a million documents' sources do not fit in a benchmark's memory).
 */
export async function readIndex(es: Client, alias: string, versionsOnly = false): Promise<Map<string, IndexEntry>> {
  await es.indices.refresh({ index: alias });
  const out = new Map<string, IndexEntry>();
  const pit = await es.openPointInTime({ index: alias, keep_alive: '2m' });
  let after: (string | number)[] | undefined;
  try {
    for (;;) {
      const page = await es.search({
        pit: { id: pit.id, keep_alive: '2m' },
        size: 5000,
        sort: ['_shard_doc'],
        version: true,
        _source: versionsOnly ? ['deleted'] : { excludes: ['suggest', 'categoryPaths', 'attributePairs'] },
        ...(after ? { search_after: after } : {}),
      });
      const hits = page.hits.hits;
      if (hits.length === 0) break;
      for (const h of hits) {
        if (!h._id || h._version === undefined) continue;
        const source = Source.parse(h._source ?? {});
        out.set(h._id, { version: h._version, deleted: source.deleted === true, source });
      }
      const sort = hits.at(-1)?.sort;
      after = sort?.filter((v): v is string | number => typeof v === 'string' || typeof v === 'number');
    }
  } finally {
    await es.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
  return out;
}

const Page = z.object({
  items: z.array(z.object({ data: z.string(), dataEncoding: z.enum(['utf8', 'base64']).default('utf8'), reason: z.string() })),
  nextCursor: z.string().optional(),
});

/** Dead letters in the store, split into valid updates (a person would have to replay them) and poison. */
export async function readDeadLetters(indexerUrl: string, token: string): Promise<{ stored: number; valid: number; poison: number }> {
  const counts = { stored: 0, valid: 0, poison: 0 };
  let cursor: string | undefined;
  do {
    const res = await fetch(`${indexerUrl}/v1/admin/dead-letters?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`, {
      headers: { authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(10_000),
    });
    if (res.status !== 200) throw new Error(`dead-letter list answered ${res.status}`);
    const page = Page.parse(await res.json());
    for (const item of page.items) {
      counts.stored += 1;
      if (decodeMessage(Buffer.from(item.data, item.dataEncoding)).ok) counts.valid += 1;
      else counts.poison += 1;
    }
    cursor = page.nextCursor;
  } while (cursor);
  return counts;
}
