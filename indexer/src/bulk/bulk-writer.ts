import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { classifyBulkItem, type ItemOutcome } from './classify-bulk-item';
import type { BulkOperation } from './to-bulk-operation';

export type BulkWriterOptions = {
  /** Retries of retryable items while the cluster looks healthy; outages do not use these up. */
  maxRetries: number;
  isClusterHealthy: () => boolean;
  isStopping: () => boolean;
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  onBulk?: (seconds: number, docs: number) => void;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Sends bulk requests and retries the retryable items in process, holding their messages, so that an
 * Elasticsearch outage does not burn Pub/Sub delivery attempts. A request that fails as a whole
 * (connection refused, timeout) retries every item. What is still retryable when retries run out or the
 * process stops comes back as `retry` and is nacked.
 */
export class BulkWriter {
  constructor(
    private readonly es: Client,
    private readonly log: Logger,
    private readonly options: BulkWriterOptions,
  ) {}

  async write(ops: readonly BulkOperation[]): Promise<ItemOutcome[]> {
    const outcomes: ItemOutcome[] = ops.map(() => ({ kind: 'retry', reason: 'not sent' }));
    let pending = ops.map((_, i) => i);
    let attempt = 0;
    for (;;) {
      await this.send(pending.map((i) => ops[i]).filter((op) => op !== undefined), pending, outcomes);
      pending = pending.filter((i) => outcomes[i]?.kind === 'retry');
      if (pending.length === 0 || this.options.isStopping()) return outcomes;
      // Only attempts made while the cluster looked healthy count: an outage must not exhaust them.
      if (this.options.isClusterHealthy()) attempt += 1;
      if (attempt > this.options.maxRetries) return outcomes;
      const base = this.options.baseBackoffMs ?? 200;
      const delay = Math.min(this.options.maxBackoffMs ?? 10_000, base * 2 ** Math.min(attempt, 10));
      this.log.warn({ retrying: pending.length, attempt, delayMs: delay, reason: outcomes[pending[0] ?? 0] }, 'bulk items will be retried');
      await sleep(delay);
    }
  }

  private async send(ops: BulkOperation[], indices: number[], outcomes: ItemOutcome[]): Promise<void> {
    const started = performance.now();
    try {
      const response = await this.es.bulk({ operations: ops.flatMap((op) => [op.action, op.document]) });
      this.options.onBulk?.((performance.now() - started) / 1000, ops.length);
      response.items.forEach((item, k) => {
        const result = item.index ?? item.create ?? item.update ?? item.delete;
        const target = indices[k];
        if (result && target !== undefined) outcomes[target] = classifyBulkItem(result);
      });
    } catch (err) {
      const reason = `bulk request failed: ${err instanceof Error ? err.message : String(err)}`;
      this.log.warn({ err, docs: ops.length }, 'bulk request failed');
      indices.forEach((i) => (outcomes[i] = { kind: 'retry', reason }));
    }
  }
}
