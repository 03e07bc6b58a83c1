import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { classifyBulkItem } from '../bulk/classify-bulk-item';

export type CopyOptions = {
  from: string;
  to: string;
  query?: estypes.QueryDslQueryContainer;
  batchSize: number;
  onBatch?: (copied: number) => void;
  /** Retries of a batch's retryable items (429/5xx) before the copy fails. */
  maxRetries?: number;
};

/** Why a copy stopped: documents the target refused for good (e.g. a mapping that no longer fits). */
export class CopyRejectedError extends Error {
  constructor(
    readonly rejected: { id: string; reason: string }[],
    options?: ErrorOptions,
  ) {
    super(`${rejected.length} documents were rejected by the new index, e.g. ${rejected[0]?.id}: ${rejected[0]?.reason}`, options);
    this.name = 'CopyRejectedError';
  }
}

/**
 * Copies documents (tombstones included) from one index to another through a point in time and
 * `search_after`, each with its own `_version` as an external version: the copy never overwrites a
 * newer version that a live write already put into the target, and a live write of a newer version
 * wins over the copy. 409s are therefore expected and fine. Returns the number of documents read.
 */
export async function copyDocuments(es: Client, options: CopyOptions): Promise<number> {
  // A point in time only sees refreshed data; writes from the last second must be in it too.
  await es.indices.refresh({ index: options.from });
  const pit = await es.openPointInTime({ index: options.from, keep_alive: '5m' });
  let pitId = pit.id;
  let after: estypes.SortResults | undefined;
  let read = 0;
  try {
    for (;;) {
      const page = await es.search({
        pit: { id: pitId, keep_alive: '5m' },
        size: options.batchSize,
        sort: ['_shard_doc'],
        version: true,
        query: options.query ?? { match_all: {} },
        track_total_hits: false,
        ...(after ? { search_after: after } : {}),
      });
      pitId = page.pit_id ?? pitId;
      const hits = page.hits.hits;
      if (hits.length === 0) return read;
      await writeBatch(es, options.to, hits, options.maxRetries ?? 10);
      read += hits.length;
      options.onBatch?.(read);
      after = hits.at(-1)?.sort;
      if (!after) return read;
    }
  } finally {
    await es.closePointInTime({ id: pitId }, { ignore: [404] }).catch(() => undefined);
  }
}

async function writeBatch(es: Client, to: string, hits: estypes.SearchHit[], maxRetries: number): Promise<void> {
  let pending = hits.filter((h) => h._id !== undefined && h._version !== undefined);
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    const operations = pending.flatMap((h) => [
      { index: { _index: to, _id: h._id, version: h._version, version_type: 'external' as const } },
      h._source,
    ]);
    let retry: estypes.SearchHit[] = [];
    const rejected: { id: string; reason: string }[] = [];
    try {
      const response = await es.bulk({ operations });
      response.items.forEach((item, i) => {
        const result = item.index;
        const hit = pending[i];
        if (!result || !hit) return;
        const outcome = classifyBulkItem(result);
        if (outcome.kind === 'retry') retry.push(hit);
        else if (outcome.kind === 'reject') rejected.push({ id: hit._id ?? '?', reason: outcome.reason });
      });
    } catch (err) {
      if (attempt >= maxRetries) throw err;
      retry = pending;
    }
    if (rejected.length > 0) throw new CopyRejectedError(rejected);
    if (retry.length > 0 && attempt >= maxRetries) throw new Error(`${retry.length} documents still failing after ${maxRetries} retries`);
    pending = retry;
    if (pending.length > 0) await sleep(Math.min(5000, 200 * 2 ** attempt));
  }
}
