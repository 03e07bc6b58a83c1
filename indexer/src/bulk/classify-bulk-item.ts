import { classifyEsResponse } from '@catalog/contract/elasticsearch';

/** What to do with a message after its bulk item came back. */
export type ItemOutcome =
  /** `indexedAt`: the write time the document was sent with (absent where no document was written, e.g. a family round). */
  | { kind: 'ack'; indexedAt?: string }
  | { kind: 'stale' }
  | { kind: 'retry'; reason: string }
  | { kind: 'reject'; reason: string };

/** The part of a bulk response item we read. */
export type BulkItemResult = { status: number; error?: { type?: string; reason?: string | null } | undefined };

/**
 * Per-item policy over the contract's one reading of Elasticsearch failures (`classifyEsResponse`). A
 * conflict (409 under external versioning) means the index already holds this or a newer version: the
 * message's work is done (stale, ack). A rejection (mapping or parse errors) will fail the same way forever:
 * reject to the dead-letter store. Everything else (the cluster's trouble, an unexplained 500) is retried.
 */
export function classifyBulkItem(item: BulkItemResult): ItemOutcome {
  if (item.status >= 200 && item.status < 300) return { kind: 'ack' };
  const { kind } = classifyEsResponse(item.status, item.error);
  if (kind === 'conflict') return { kind: 'stale' };
  const reason = `${item.status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'no reason given'}`;
  return kind === 'rejected' ? { kind: 'reject', reason } : { kind: 'retry', reason };
}
