import { createHash } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { z } from 'zod';

/** Every item of a small index as last read, and a short fingerprint of them ('0' = none). */
export type IndexSnapshot<T> = { version: string; items: T[] };

export const fingerprint = (items: readonly unknown[]): string =>
  items.length === 0 ? '0' : createHash('sha1').update(JSON.stringify(items)).digest('hex').slice(0, 12);

/**
 * Reads a whole small index (synonym sets, query rules) at most once per `refreshMs`, in the background of the first
 * call after it expired (only the very first read is waited for); concurrent callers share the read. Items that fail `schema` are skipped. While the index cannot be read the last snapshot stays in force (none
 * read yet = no items): a search never fails for it. A missing index is an empty one.
 */
export function createIndexSnapshotReader<T>(o: {
  client: Client;
  index: string;
  schema: z.ZodType<T>;
  max: number;
  refreshMs: number;
  onError?: (err: unknown) => void;
  now?: () => number;
}): () => Promise<IndexSnapshot<T>> {
  const now = o.now ?? Date.now;
  let current: IndexSnapshot<T> = { version: '0', items: [] };
  let readAt = -Infinity;
  let inFlight: Promise<IndexSnapshot<T>> | undefined;

  async function read(): Promise<IndexSnapshot<T>> {
    try {
      const r = await o.client.search({ index: o.index, size: o.max, sort: [{ id: 'asc' }], query: { match_all: {} } }, { ignore: [404] });
      const items = (r.hits?.hits ?? []).flatMap((h) => {
        const parsed = o.schema.safeParse(h._source);
        return parsed.success ? [parsed.data] : [];
      });
      current = { version: fingerprint(items), items };
    } catch (err) {
      o.onError?.(err);
    }
    readAt = now();
    return current;
  }

  let everRead = false;
  return async () => {
    if (now() - readAt < o.refreshMs) return current;
    inFlight ??= read().finally(() => {
      inFlight = undefined;
      everRead = true;
    });
    // Once something was read, searches never wait for the refresh: they use the last snapshot while it runs.
    return everRead ? current : inFlight;
  };
}
