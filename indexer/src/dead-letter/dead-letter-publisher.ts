import type { PubSub, Topic } from '@google-cloud/pubsub';

/** Attributes the indexer adds when it dead-letters a message itself (prefixed so they never clash). */
export const DL_ATTR = {
  reason: 'deadLetterReason',
  deliveryAttempts: 'deadLetterDeliveryAttempts',
  originalMessageId: 'deadLetterOriginalMessageId',
  failedAt: 'deadLetterFailedAt',
} as const;

export type DeadLetterInput = {
  data: Buffer;
  attributes: Record<string, string>;
  messageId: string;
  deliveryAttempts: number;
  reason: string;
};

/** Sends a message that can never be indexed to the dead-letter topic, with the reason attached. */
export class DeadLetterPublisher {
  private readonly topic: Topic;
  constructor(pubsub: PubSub, topicName: string) {
    this.topic = pubsub.topic(topicName, { batching: { maxMilliseconds: 5 } });
  }

  /** Resolves once Pub/Sub acknowledged it; only then may the original message be acked. */
  async publish(input: DeadLetterInput, now = new Date()): Promise<void> {
    await this.topic.publishMessage({
      data: input.data,
      attributes: {
        ...input.attributes,
        [DL_ATTR.reason]: input.reason.slice(0, 1000),
        [DL_ATTR.deliveryAttempts]: String(input.deliveryAttempts),
        [DL_ATTR.originalMessageId]: input.messageId,
        [DL_ATTR.failedAt]: now.toISOString(),
      },
    });
  }

  async close(): Promise<void> {
    await this.topic.flush();
  }
}
