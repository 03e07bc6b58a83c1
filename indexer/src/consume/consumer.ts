import { type Message, type PubSub, type Subscription, SubscriptionCloseBehaviors, Duration } from '@google-cloud/pubsub';
import type { Logger } from 'pino';
import type { ProductEvent } from '@catalog/contract';
import type { Batcher } from '../bulk/batcher';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import type { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import type { IndexerMetrics } from '../metrics';
import { decodeMessage } from './decode-message';

export type ConsumerDeps = {
  pubsub: PubSub;
  subscriptionName: string;
  batcher: Batcher<BulkOperation, ItemOutcome>;
  toOperation: (event: ProductEvent) => BulkOperation;
  deadLetters: DeadLetterPublisher;
  metrics: IndexerMetrics;
  log: Logger;
  flow: { maxMessages: number; maxBytes: number };
};

/**
 * Pulls `product-updates` with explicit flow control and settles every message exactly once:
 * ack after its bulk item succeeded or was stale, dead-letter then ack when it can never succeed,
 * nack when it might succeed later. `pause()`/`resume()` implement backpressure.
 */
export class Consumer {
  private subscription: Subscription | undefined;
  private inFlight = 0;

  constructor(private readonly deps: ConsumerDeps) {}

  get isPulling(): boolean {
    return this.subscription !== undefined;
  }

  /** Start pulling (idempotent). */
  resume(): void {
    if (this.subscription) return;
    const { pubsub, subscriptionName, flow, log } = this.deps;
    const subscription = pubsub.subscription(subscriptionName, {
      flowControl: { maxMessages: flow.maxMessages, maxBytes: flow.maxBytes, allowExcessMessages: false },
      // On close, wait for held messages to settle (our bulk linger is short), then nack the rest.
      closeOptions: { behavior: SubscriptionCloseBehaviors.WaitForProcessing, timeout: Duration.from({ seconds: 30 }) },
    });
    subscription.on('message', (message: Message) => void this.handle(message));
    subscription.on('error', (err) => log.error({ err }, 'subscription error'));
    this.subscription = subscription;
    this.deps.metrics.paused.set(0);
    log.info({ subscription: subscriptionName }, 'pulling');
  }

  /** Stop pulling; held messages keep being processed and settle. Idempotent. */
  async pause(): Promise<void> {
    const subscription = this.subscription;
    if (!subscription) return;
    this.subscription = undefined;
    this.deps.metrics.paused.set(1);
    this.deps.log.info('pulling paused');
    await subscription.close();
    subscription.removeAllListeners();
  }

  private async handle(message: Message): Promise<void> {
    const { metrics, log } = this.deps;
    this.inFlight += 1;
    metrics.inFlight.set(this.inFlight);
    metrics.received.inc();
    const decoded = decodeMessage(message.data);
    try {
      if (!decoded.ok) {
        await this.deadLetter(message, decoded.reason, 'invalid');
        return;
      }
      const { event } = decoded;
      const outcome = await this.deps.batcher.add(this.deps.toOperation(event), message.length + 200);
      const ctx = { eventId: event.eventId, productId: event.productId, version: event.version };
      switch (outcome.kind) {
        case 'ack':
        case 'stale':
          message.ack();
          metrics.acked.inc({ outcome: outcome.kind });
          metrics.freshness.observe((Date.now() - Date.parse(event.occurredAt)) / 1000);
          if (outcome.kind === 'stale') log.debug(ctx, 'stale version ignored');
          return;
        case 'reject':
          await this.deadLetter(message, outcome.reason, 'rejected', ctx);
          return;
        case 'retry':
          log.warn({ ...ctx, reason: outcome.reason }, 'nacking for redelivery');
          message.nack();
          metrics.nacked.inc();
          return;
      }
    } catch (err) {
      log.error({ err, messageId: message.id }, 'unexpected failure; nacking');
      message.nack();
      metrics.nacked.inc();
    } finally {
      this.inFlight -= 1;
      metrics.inFlight.set(this.inFlight);
    }
  }

  private async deadLetter(message: Message, reason: string, kind: string, ctx: object = {}): Promise<void> {
    try {
      await this.deps.deadLetters.publish({
        data: message.data,
        attributes: message.attributes,
        messageId: message.id,
        deliveryAttempts: message.deliveryAttempt || 1,
        reason,
      });
      message.ack();
      this.deps.metrics.deadLettered.inc({ reason: kind });
      this.deps.log.warn({ ...ctx, messageId: message.id, reason }, 'dead-lettered');
    } catch (err) {
      // Pub/Sub's own dead-letter policy is the backstop if we cannot publish it ourselves.
      this.deps.log.error({ err, messageId: message.id }, 'dead-letter publish failed; nacking');
      message.nack();
      this.deps.metrics.nacked.inc();
    }
  }
}
