import { type Message, type PubSub, type Subscription, SubscriptionCloseBehaviors, Duration } from '@google-cloud/pubsub';
import type { Logger } from 'pino';
import type { ProductEvent } from '@catalog/contract';
import type { Batcher } from '../bulk/batcher';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import type { DeadLetterPublisher } from '../dead-letter/dead-letter-publisher';
import type { IndexerMetrics } from '../metrics';
import { decodeMessage } from './decode-message';

/** How a message was settled; reported to `onSettled` (benchmarks, tests). */
export type Settlement = {
  messageId: string;
  event: ProductEvent | undefined;
  outcome: 'ack' | 'stale' | 'dead-letter' | 'nack';
  publishTime: Date;
  settledAt: Date;
  deliveryAttempt: number;
};

export type ConsumerOptions = {
  maxMessages: number;
  maxBytes: number;
  /** How long the client keeps extending a held message's lease (covers an Elasticsearch outage). */
  maxExtensionMinutes: number;
  /** Lease deadline cap: bounds how long a crashed process's messages stay invisible. */
  maxAckDeadlineSeconds: number;
  /** How long `close()` waits for held messages to settle before nacking the rest. */
  closeTimeoutMs: number;
};

export type ConsumerDeps = {
  pubsub: PubSub;
  subscriptionName: string;
  batcher: Batcher<BulkOperation, ItemOutcome>;
  toOperation: (event: ProductEvent) => BulkOperation;
  /** Only `publish` is used, so tests can pass a fake. */
  deadLetters: Pick<DeadLetterPublisher, 'publish'>;
  metrics: IndexerMetrics;
  log: Logger;
  flow: ConsumerOptions;
  onSettled?: (s: Settlement) => void;
};

/**
 * Pulls `product-updates` with explicit flow control and settles every message exactly once:
 * ack after its bulk item succeeded or was stale, dead-letter then ack when it can never succeed,
 * nack when it might succeed later.
 *
 * Backpressure: `pause()` does not close the subscription. Closing would stop the client's lease
 * extension and nack what is held, so every outage would cost each held message a delivery attempt.
 * Instead new messages wait at a gate, unprocessed but leased; once flow control's window is full the
 * client stops pulling. `resume()` opens the gate.
 */
export class Consumer {
  private subscription: Subscription | undefined;
  private inFlight = 0;
  private gate: { promise: Promise<void>; open: () => void } | undefined;
  private closing = false;

  constructor(private readonly deps: ConsumerDeps) {}

  get isPaused(): boolean {
    return this.gate !== undefined;
  }

  /** Messages received and not yet settled. */
  get held(): number {
    return this.inFlight;
  }

  /** Open the subscription (idempotent). Starts paused if `pause()` was called first. */
  start(): void {
    if (this.subscription || this.closing) return;
    const { pubsub, subscriptionName, flow, log } = this.deps;
    const subscription = pubsub.subscription(subscriptionName, {
      flowControl: { maxMessages: flow.maxMessages, maxBytes: flow.maxBytes, allowExcessMessages: false },
      maxExtensionTime: Duration.from({ minutes: flow.maxExtensionMinutes }),
      minAckDeadline: Duration.from({ seconds: 10 }),
      maxAckDeadline: Duration.from({ seconds: flow.maxAckDeadlineSeconds }),
      closeOptions: {
        behavior: SubscriptionCloseBehaviors.WaitForProcessing,
        timeout: Duration.from({ milliseconds: flow.closeTimeoutMs }),
      },
    });
    subscription.on('message', (message: Message) => void this.handle(message));
    subscription.on('error', (err) => log.error({ err }, 'subscription error'));
    this.subscription = subscription;
    log.info({ subscription: subscriptionName, ...flow }, 'pulling');
  }

  /** Hold new messages unprocessed (backpressure). Idempotent. */
  pause(): void {
    if (this.gate || this.closing) return;
    let open = () => {};
    const promise = new Promise<void>((resolve) => (open = resolve));
    this.gate = { promise, open };
    this.deps.metrics.paused.set(1);
    this.deps.log.warn({ held: this.inFlight }, 'paused: holding messages until Elasticsearch is healthy');
  }

  /** Let held and new messages through again. Idempotent. */
  resume(): void {
    const gate = this.gate;
    if (!gate) return;
    this.gate = undefined;
    this.deps.metrics.paused.set(0);
    this.deps.log.info({ held: this.inFlight }, 'resumed');
    gate.open();
  }

  /**
   * Stop pulling, let what is held settle (messages still waiting at the gate are nacked at once, so
   * another replica takes them), then close. Idempotent.
   */
  async close(): Promise<void> {
    this.closing = true;
    this.gate?.open();
    this.gate = undefined;
    const subscription = this.subscription;
    if (!subscription) return;
    this.subscription = undefined;
    await subscription.close();
    subscription.removeAllListeners();
    this.deps.log.info('subscription closed');
  }

  private settle(message: Message, event: ProductEvent | undefined, outcome: Settlement['outcome']): void {
    if (outcome === 'nack') {
      message.nack();
      this.deps.metrics.nacked.inc();
    } else {
      message.ack();
      if (outcome !== 'dead-letter') this.deps.metrics.acked.inc({ outcome });
    }
    const settledAt = new Date();
    const publishTime = new Date(message.publishTime.getTime());
    if (outcome === 'ack' || outcome === 'stale') {
      this.deps.metrics.freshness.observe(Math.max(0, settledAt.getTime() - publishTime.getTime()) / 1000);
    }
    this.deps.onSettled?.({ messageId: message.id, event, outcome, publishTime, settledAt, deliveryAttempt: message.deliveryAttempt });
  }

  private async handle(message: Message): Promise<void> {
    const { metrics, log } = this.deps;
    this.inFlight += 1;
    metrics.inFlight.set(this.inFlight);
    metrics.received.inc();
    let event: ProductEvent | undefined;
    try {
      if (this.gate) await this.gate.promise;
      if (this.closing && !this.subscription) {
        // Arrived or waited past close(): give it back untouched.
        this.settle(message, undefined, 'nack');
        return;
      }
      const decoded = decodeMessage(message.data);
      if (!decoded.ok) {
        await this.deadLetter(message, undefined, decoded.reason, 'invalid');
        return;
      }
      event = decoded.event;
      const ctx = { eventId: event.eventId, productId: event.productId, version: event.version, messageId: message.id };
      const outcome = await this.deps.batcher.add(this.deps.toOperation(event), message.length + 200);
      switch (outcome.kind) {
        case 'ack':
          log.trace(ctx, 'indexed');
          this.settle(message, event, 'ack');
          return;
        case 'stale':
          log.debug(ctx, 'stale version ignored');
          this.settle(message, event, 'stale');
          return;
        case 'reject':
          await this.deadLetter(message, event, outcome.reason, 'rejected');
          return;
        case 'retry':
          log.warn({ ...ctx, reason: outcome.reason, deliveryAttempt: message.deliveryAttempt }, 'nacking for redelivery');
          this.settle(message, event, 'nack');
          return;
      }
    } catch (err) {
      log.error({ err, messageId: message.id, eventId: event?.eventId, productId: event?.productId }, 'unexpected failure; nacking');
      this.settle(message, event, 'nack');
    } finally {
      this.inFlight -= 1;
      metrics.inFlight.set(this.inFlight);
    }
  }

  private async deadLetter(message: Message, event: ProductEvent | undefined, reason: string, kind: string): Promise<void> {
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
      this.settle(message, event, 'dead-letter');
    } catch (err) {
      // Pub/Sub's own dead-letter policy is the backstop if we cannot publish it ourselves.
      this.deps.log.error({ ...ctx, err }, 'dead-letter publish failed; nacking');
      this.settle(message, event, 'nack');
    }
  }
}
