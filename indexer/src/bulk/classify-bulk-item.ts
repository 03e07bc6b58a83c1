/** What to do with a message after its bulk item came back. */
export type ItemOutcome =
  | { kind: 'ack' }
  | { kind: 'stale' }
  | { kind: 'retry'; reason: string }
  | { kind: 'reject'; reason: string };

/** The part of a bulk response item we read. */
export type BulkItemResult = { status: number; error?: { type?: string; reason?: string | null } | undefined };

/**
 * Per-item policy. 409 under external versioning means the index already holds this or a newer version:
 * the message's work is done (stale, ack). 429 and 5xx are the cluster's trouble, not the message's: retry.
 * Any other 4xx (mapping or parse errors) will fail the same way forever: reject to the dead-letter store.
 */
export function classifyBulkItem(item: BulkItemResult): ItemOutcome {
  if (item.status >= 200 && item.status < 300) return { kind: 'ack' };
  if (item.status === 409) return { kind: 'stale' };
  const reason = `${item.status} ${item.error?.type ?? 'error'}: ${item.error?.reason ?? 'no reason given'}`;
  if (item.status === 429 || item.status >= 500) return { kind: 'retry', reason };
  return { kind: 'reject', reason };
}
