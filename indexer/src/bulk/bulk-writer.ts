import { setTimeout as sleep } from 'node:timers/promises';
import { classifyEsError, classifyEsResponse, isTransientEsFailure } from '@catalog/contract/elasticsearch';
import type { Logger } from 'pino';
import { ndjsonBody, type BulkClient } from '../adapters/bulk-api';
import { failureCause } from '../health/cluster-health';
import { classifyBulkItem, type ItemOutcome } from './classify-bulk-item';
import type { BulkOperation } from './to-bulk-operation';

export type BulkWriterOptions = {
  /** Retries of retryable items while the cluster looks healthy; outages and overload do not use these up. */
  maxRetries: number;
  isClusterHealthy: () => boolean;
  isStopping: () => boolean;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  onBulk?: (seconds: number, docs: number) => void;
  /** How each request went: the cluster health's evidence from the write path itself. */
  onRequest?: (result: BulkRequestResult) => void;
  /** True while this write waits to retry items because of the cluster (backpressure), false when it is done. */
  onBackoff?: (waiting: boolean) => void;
  now?: () => Date;
};

/** A bulk request's fate as health evidence: answered, refused, timed out, or rejected as overload (429). */
export type BulkRequestResult = 'answered' | 'connection' | 'timeout' | 'overload';

/**
 * Whether a failed send is the cluster's trouble rather than the documents' (the contract's one reading:
 * unreachable, timed out, aborted, 502/503/504, 429): it says nothing about the items, so retries spent on
 * it must not count.
 */
const isClusterTrouble = (err: unknown): boolean => isTransientEsFailure(classifyEsError(err).kind);

/** A failed request as health evidence (see ClusterHealth: only a refused connection is definite). */
function requestResult(err: unknown): BulkRequestResult {
  const failure = classifyEsError(err);
  if (failure.status !== undefined) return failure.kind === 'overloaded' ? 'overload' : 'answered';
  return failureCause(err) === 'connection' ? 'connection' : 'timeout';
}

/**
 * Sends bulk requests and retries the retryable items in process, holding their messages (Pub/Sub keeps
 * extending their leases), so an Elasticsearch outage does not burn delivery attempts. A request that
 * fails as a whole (connection refused, timeout) retries every item. What is still retryable when the
 * counted retries run out or the process stops comes back as `retry` and is nacked.
 */
export class BulkWriter {
  constructor(
    private readonly es: BulkClient,
    private readonly log: Logger,
    private readonly options: BulkWriterOptions,
  ) {}

  async write(ops: readonly BulkOperation[]): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = ops.map(() => ({ kind: 'retry', reason: 'not sent' }));
    let pending = ops.map((_, i) => i);
    let attempt = 0;
    let backoffStep = 0;
    try {
      for (;;) {
        const clusterTrouble = await this.send(pending, ops, outcomes);
        pending = pending.filter((i) => outcomes[i]?.kind === 'retry');
        if (pending.length === 0 || this.options.isStopping()) return outcomes;
        // Only attempts that failed for the documents' own sake, on a healthy cluster, count.
        if (this.options.isClusterHealthy() && !clusterTrouble) attempt += 1;
        if (attempt > this.options.maxRetries) return outcomes;
        backoffStep += 1;
        const base = this.options.baseBackoffMs ?? 200;
        const delay = Math.min(this.options.maxBackoffMs ?? 5_000, base * 2 ** Math.min(backoffStep, 10));
        this.log.warn(
          { retrying: pending.length, attempt, clusterTrouble, delayMs: delay, reason: outcomes[pending[0] ?? 0] },
          'bulk items will be retried',
        );
        if (backoffStep === 1) this.options.onBackoff?.(true);
        await this.pause(delay);
      }
    } finally {
      if (backoffStep > 0) this.options.onBackoff?.(false);
    }
  }

  /** Sleep, but wake up early when the process starts stopping so shutdown is not held up by a backoff. */
  private async pause(ms: number): Promise<void> {
    const until = Date.now() + ms;
    while (Date.now() < until && !this.options.isStopping()) await sleep(Math.min(100, until - Date.now()));
  }

  /** Sends the pending items; returns true when the failure (if any) was the cluster's, not the items'. */
  private async send(pending: number[], ops: readonly BulkOperation[], outcomes: ItemOutcome[]): Promise<boolean> {
    const started = performance.now();
    // indexedAt is the write time: the reindex command's catch-up pass selects documents by it.
    const indexedAt = (this.options.now?.() ?? new Date()).toISOString();
    const lines: unknown[] = [];
    for (const i of pending) {
      const op = ops[i];
      if (op) lines.push(op.action, { ...op.document, indexedAt });
    }
    try {
      const response = await this.es.bulk({ body: ndjsonBody(lines) });
      this.options.onBulk?.((performance.now() - started) / 1000, pending.length);
      this.options.onRequest?.('answered');
      // Items left to retry only because of 429 (queues full) are load, not the documents' fault.
      let onlyOverload = true;
      response.items.forEach((item, k) => {
        const result = item.index ?? item.create ?? item.update ?? item.delete;
        const target = pending[k];
        if (!result || target === undefined) return;
        const outcome = classifyBulkItem(result);
        outcomes[target] = outcome.kind === 'ack' ? { kind: 'ack', indexedAt } : outcome;
        if (outcome.kind === 'retry' && classifyEsResponse(result.status, result.error).kind !== 'overloaded') onlyOverload = false;
      });
      return onlyOverload;
    } catch (err) {
      const reason = `bulk request failed: ${err instanceof Error ? err.message : String(err)}`;
      this.log.warn({ err: err instanceof Error ? err.message : err, docs: pending.length }, 'bulk request failed');
      pending.forEach((i) => (outcomes[i] = { kind: 'retry', reason }));
      this.options.onRequest?.(requestResult(err));
      return isClusterTrouble(err);
    }
  }
}
