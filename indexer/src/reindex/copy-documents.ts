import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { estypes } from '@elastic/elasticsearch';
import { bulkApi, ndjsonBody, type BulkClient } from '../adapters/bulk-api';
import { classifyBulkItem } from '../bulk/classify-bulk-item';
import { pitPages } from './pit-pages';

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
  let read = 0;
  const bulk = bulkApi(es);
  const pages = pitPages(es, { index: options.from, query: options.query ?? { match_all: {} }, sort: ['_shard_doc'], batchSize: options.batchSize, version: true });
  for await (const hits of pages) {
    await writeBatch(bulk, options.to, hits, options.maxRetries ?? 10);
    read += hits.length;
    options.onBatch?.(read);
  }
  return read;
}

async function writeBatch(bulk: BulkClient, to: string, hits: estypes.SearchHit[], maxRetries: number): Promise<void> {
  let pending = hits.filter((h) => h._id !== undefined && h._version !== undefined);
  for (let attempt = 0; pending.length > 0; attempt += 1) {
    const lines = pending.flatMap((h) => [
      { index: { _index: to, _id: h._id, version: h._version, version_type: 'external' as const } },
      h._source,
    ]);
    let retry: estypes.SearchHit[] = [];
    const rejected: { id: string; reason: string }[] = [];
    try {
      const response = await bulk.bulk({ body: ndjsonBody(lines) });
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
