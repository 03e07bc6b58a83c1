import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { ProductEvent } from '@catalog/contract';
import type { PullApi, PulledMessage } from '../adapters/pull-api';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import { decodeMessage } from '../consume/decode-message';
import { PullLoop, type Verdict } from '../consume/pull-loop';
import type { IndexerMetrics } from '../metrics';
import { toDeadLetterRecord, type DeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

/** What becomes of a dead letter once the index answered for the valid update in it. */
export type Recovery = { kind: 'applied' } | { kind: 'stale' } | { kind: 'store'; reason: string } | { kind: 'wait'; reason: string };

/**
 * Pure. A valid update that reached the dead-letter topic (Pub/Sub's attempt policy, or anything else)
 * is applied to the index instead of waiting for a person: external versions make that safe, so the
 * index keeps the highest version whatever this copy is. `applied` and `stale` (the index already holds
 * this or a newer version) both end its life; a document Elasticsearch refuses goes to the store; a
 * cluster in trouble means wait and try again.
 */
export function recoveryOf(outcome: ItemOutcome, original: Pick<DeadLetterRecord, 'reason'>): Recovery {
  switch (outcome.kind) {
    case 'ack':
      return { kind: 'applied' };
    case 'stale':
      return { kind: 'stale' };
    case 'reject':
      return { kind: 'store', reason: `${original.reason}; applying it failed: ${outcome.reason}` };
    case 'retry':
      return { kind: 'wait', reason: outcome.reason };
  }
}

export type DeadLetterConsumerDeps = {
  pull: PullApi;
  store: DeadLetterStore;
  /** Index one valid event through the indexer's batches (same writer, versions and cache invalidation). */
  apply: (event: ProductEvent, bytes: number) => Promise<ItemOutcome>;
  metrics: IndexerMetrics;
  log: Logger;
  /** Messages held at once (dead letters are few; this bounds the memory of a flood). */
  maxHeld?: number;
  maxBackoffMs?: number;
  closeTimeoutMs?: number;
};

/**
 * Consumes `product-updates-dead-letter-store`. Valid updates are applied to the index (and counted in
 * `indexer_dead_letters_recovered_total`); what cannot be parsed, validated or indexed is kept in the
 * store for a person. A message is acked only after it was applied or stored; while Elasticsearch or the
 * store is unreachable it is held (its lease renewed) and retried here, never nacked in a hot loop.
 */
export class DeadLetterConsumer {
  private readonly loop: PullLoop;
  private stopping = false;

  constructor(private readonly deps: DeadLetterConsumerDeps) {
    const maxHeld = deps.maxHeld ?? 100;
    this.loop = new PullLoop(
      deps.pull,
      {
        maxHeld,
        maxHeldBytes: 32 * 1024 * 1024,
        maxPerPull: maxHeld,
        pullConcurrency: 1,
        pullTimeoutMs: 5_000,
        leaseSeconds: 30,
        initialLeaseSeconds: 10,
        renewAheadMs: 5_000,
        closeTimeoutMs: deps.closeTimeoutMs ?? 5_000,
      },
      (m) => this.handle(m),
      deps.log,
    );
  }

  start(): void {
    this.loop.start();
  }

  /** Stop pulling; messages still waiting are given back. Idempotent. */
  async close(): Promise<void> {
    this.stopping = true;
    await this.loop.close();
  }

  private async handle(message: PulledMessage): Promise<Verdict> {
    const record = toDeadLetterRecord({ id: message.id, data: message.data, attributes: message.attributes }, new Date());
    const decoded = decodeMessage(message.data);
    if (!decoded.ok) return this.keep(record);
    const event = decoded.event;
    const ctx = { deadLetterId: record.id, reason: record.reason, productId: event.productId, version: event.version, eventId: event.eventId };
    for (let attempt = 0; ; attempt += 1) {
      const recovery = recoveryOf(await this.deps.apply(event, message.data.length + 200), record);
      switch (recovery.kind) {
        case 'applied':
        case 'stale':
          this.deps.metrics.deadLettersRecovered.inc({ outcome: recovery.kind });
          this.deps.log.warn({ ...ctx, outcome: recovery.kind }, 'valid update recovered from the dead-letter topic');
          return 'ack';
        case 'store':
          return this.keep({ ...record, reason: recovery.reason });
        case 'wait':
          if (this.stopping) return 'nack';
          this.deps.log.warn({ ...ctx, why: recovery.reason }, 'could not apply a dead-lettered update yet; retrying');
          await sleep(this.backoff(attempt));
      }
    }
  }

  /** Store for a person (poison); held and retried while the store is unreachable. */
  private async keep(record: DeadLetterRecord): Promise<Verdict> {
    const ctx = { deadLetterId: record.id, reason: record.reason, productId: record.attributes.productId };
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.deps.store.put(record);
        this.deps.metrics.deadLettersStored.inc();
        this.deps.log.info(ctx, 'dead letter stored');
        return 'ack';
      } catch (err) {
        if (this.stopping) return 'nack';
        this.deps.log.warn({ ...ctx, err: err instanceof Error ? err.message : err }, 'could not store dead letter; retrying');
        await sleep(this.backoff(attempt));
      }
    }
  }

  private backoff(attempt: number): number {
    return Math.min(this.deps.maxBackoffMs ?? 5_000, 100 * 2 ** Math.min(attempt, 10));
  }
}
