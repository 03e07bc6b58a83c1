import type { Logger } from 'pino';
import type { ProductEvent } from '@catalog/contract';
import type { PullApi, PulledMessage } from '../adapters/pull-api';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import type { IndexerMetrics } from '../metrics';
import { decodeMessage } from './decode-message';
import { PullLoop, type PullLoopOptions, type Verdict } from './pull-loop';

/** How a message was settled; reported to `onSettled` (benchmarks, tests). */
export type Settlement = {
  messageId: string;
  event: ProductEvent | undefined;
  outcome: 'ack' | 'stale' | 'dead-letter' | 'nack';
  publishTime: Date;
  settledAt: Date;
  deliveryAttempt: number;
};

export type ConsumerDeps = {
  pull: PullApi;
  /** Index one event (batched with others); resolves with its own bulk item's outcome. */
  index: (event: ProductEvent, bytes: number) => Promise<ItemOutcome>;
  /** Only `publish` is used, so tests can pass a fake. */
  deadLetters: Pick<DeadLetterPublisher, 'publish'>;
  metrics: IndexerMetrics;
  log: Logger;
  flow: PullLoopOptions;
  onSettled?: (s: Settlement) => void;
};

/**
 * Pulls `product-updates` within a fixed budget of held messages (see PullLoop) and settles each one
 * exactly once: ack after its bulk item succeeded or was stale, dead-letter then ack when it can never
 * succeed, nack when it might succeed later. There is no pause: while Elasticsearch is unhealthy the
 * bulk writer holds its messages, the budget fills up and pulling stops by itself, with every lease kept.
 */
export class Consumer {
  private readonly loop: PullLoop;

  constructor(private readonly deps: ConsumerDeps) {
    this.loop = new PullLoop(deps.pull, deps.flow, (m) => this.handle(m), deps.log, {
      pulled: (n) => deps.metrics.pulls.inc({ result: n > 0 ? 'messages' : 'empty' }),
      pullFailed: () => deps.metrics.pulls.inc({ result: 'error' }),
      renewed: (n) => deps.metrics.leaseRenewals.inc(n),
    });
  }

  /** Messages received and not yet settled. */
  get held(): number {
    return this.loop.size;
  }

  /** Start pulling (idempotent). */
  start(): void {
    this.loop.start();
    this.deps.log.info({ ...this.deps.flow }, 'pulling');
  }

  /** Stop pulling, let what is held settle (up to the close timeout), give back the rest. Idempotent. */
  async close(): Promise<void> {
    await this.loop.close();
    this.deps.log.info('subscription closed');
  }

  private settled(message: PulledMessage, event: ProductEvent | undefined, outcome: Settlement['outcome']): Verdict {
    const { metrics } = this.deps;
    if (outcome === 'nack') metrics.nacked.inc();
    else if (outcome !== 'dead-letter') metrics.acked.inc({ outcome });
    const settledAt = new Date();
    if (outcome === 'ack' || outcome === 'stale') {
      metrics.freshness.observe(Math.max(0, settledAt.getTime() - message.publishTime.getTime()) / 1000);
    }
    this.deps.onSettled?.({ messageId: message.id, event, outcome, publishTime: message.publishTime, settledAt, deliveryAttempt: message.deliveryAttempt });
    return outcome === 'nack' ? 'nack' : 'ack';
  }

  private async handle(message: PulledMessage): Promise<Verdict> {
    const { metrics, log } = this.deps;
    metrics.received.inc();
    metrics.inFlight.set(this.loop.size);
    if (message.deliveryAttempt > 1) metrics.redelivered.inc();
    let event: ProductEvent | undefined;
    try {
      const decoded = decodeMessage(message.data);
      if (!decoded.ok) return await this.deadLetter(message, undefined, decoded.reason, 'invalid');
      event = decoded.event;
      const ctx = { eventId: event.eventId, productId: event.productId, version: event.version, messageId: message.id };
      const outcome = await this.deps.index(event, message.data.length + 200);
      switch (outcome.kind) {
        case 'ack':
          log.trace(ctx, 'indexed');
          return this.settled(message, event, 'ack');
        case 'stale':
          log.debug(ctx, 'stale version ignored');
          return this.settled(message, event, 'stale');
        case 'reject':
          return await this.deadLetter(message, event, outcome.reason, 'rejected');
        case 'retry':
          log.warn({ ...ctx, reason: outcome.reason, deliveryAttempt: message.deliveryAttempt }, 'nacking for redelivery');
          return this.settled(message, event, 'nack');
      }
    } catch (err) {
      log.error({ err, messageId: message.id, eventId: event?.eventId, productId: event?.productId }, 'unexpected failure; nacking');
      return this.settled(message, event, 'nack');
    } finally {
      metrics.inFlight.set(this.loop.size);
    }
  }

  private async deadLetter(message: PulledMessage, event: ProductEvent | undefined, reason: string, kind: string): Promise<Verdict> {
    const ctx = { messageId: message.id, eventId: event?.eventId, productId: event?.productId, version: event?.version };
    try {
      await this.deps.deadLetters.publish({
        data: message.data,
        attributes: message.attributes,
        messageId: message.id,
        deliveryAttempts: message.deliveryAttempt || 1,
        reason,
      });
      this.deps.metrics.deadLettered.inc({ reason: kind });
      this.deps.log.warn({ ...ctx, reason }, 'dead-lettered');
      return this.settled(message, event, 'dead-letter');
    } catch (err) {
      // Pub/Sub's own dead-letter policy is the backstop if we cannot publish it ourselves.
      this.deps.log.error({ ...ctx, err }, 'dead-letter publish failed; nacking');
      return this.settled(message, event, 'nack');
    }
  }
}
