import { setTimeout as sleep } from 'node:timers/promises';
import { Duration, SubscriptionCloseBehaviors, type Message, type PubSub, type Subscription } from '@google-cloud/pubsub';
import type { Logger } from 'pino';
import type { IndexerMetrics } from '../metrics';
import { toDeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

/**
 * Consumes `product-updates-dead-letter-store` into the store and acks each message only after the store
 * accepted it. While the store is unreachable the message is held and retried here (its lease is
 * extended), because nacking would redeliver it at once in a hot loop.
 */
export class DeadLetterConsumer {
  private subscription: Subscription | undefined;
  private stopping = false;

  constructor(
    private readonly deps: {
      pubsub: PubSub;
      subscriptionName: string;
      store: DeadLetterStore;
      metrics: IndexerMetrics;
      log: Logger;
      maxBackoffMs?: number;
    },
  ) {}

  start(): void {
    if (this.subscription || this.stopping) return;
    const subscription = this.deps.pubsub.subscription(this.deps.subscriptionName, {
      flowControl: { maxMessages: 100, allowExcessMessages: false },
      closeOptions: { behavior: SubscriptionCloseBehaviors.WaitForProcessing, timeout: Duration.from({ seconds: 5 }) },
    });
    subscription.on('message', (m: Message) => void this.handle(m));
    subscription.on('error', (err) => this.deps.log.error({ err }, 'dead-letter subscription error'));
    this.subscription = subscription;
  }

  /** Stop pulling; messages still waiting for the store are nacked. Idempotent. */
  async close(): Promise<void> {
    this.stopping = true;
    const subscription = this.subscription;
    this.subscription = undefined;
    if (!subscription) return;
    await subscription.close();
    subscription.removeAllListeners();
  }

  private async handle(message: Message): Promise<void> {
    const record = toDeadLetterRecord({ id: message.id, data: message.data, attributes: message.attributes }, new Date());
    const ctx = { deadLetterId: record.id, reason: record.reason, productId: record.attributes.productId };
    for (let attempt = 0; ; attempt += 1) {
      try {
        await this.deps.store.put(record);
        message.ack();
        this.deps.metrics.deadLettersStored.inc();
        this.deps.log.info(ctx, 'dead letter stored');
        return;
      } catch (err) {
        if (this.stopping) {
          message.nack();
          return;
        }
        const delay = Math.min(this.deps.maxBackoffMs ?? 5_000, 100 * 2 ** Math.min(attempt, 10));
        this.deps.log.warn({ ...ctx, err: err instanceof Error ? err.message : err, delayMs: delay }, 'could not store dead letter; retrying');
        await sleep(delay);
      }
    }
  }
}
