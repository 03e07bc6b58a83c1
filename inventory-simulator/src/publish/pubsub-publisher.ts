import type { PubSub } from '@google-cloud/pubsub';
import { withTimeout } from '@catalog/contract/process';
import type { OutboxEntry } from '../store/master-store';
import type { EventPublisher } from './outbox-relay';

/** Pub/Sub adapter of the outbox relay; each publish is bounded by `timeoutMs` so an outage cannot stall it. */
export function pubsubPublisher(pubsub: PubSub, topicName: string, timeoutMs = 15_000): EventPublisher & { close(): Promise<void> } {
  const topic = pubsub.topic(topicName, {
    batching: { maxMessages: 500, maxMilliseconds: 10, maxBytes: 5 * 1024 * 1024 },
    gaxOpts: { timeout: timeoutMs },
  });
  return {
    async publish(entries: readonly OutboxEntry[]): Promise<number[]> {
      const results = await Promise.allSettled(
        entries.map((e) =>
          withTimeout(
            topic.publishMessage({ data: Buffer.from(e.data), attributes: e.attributes }),
            timeoutMs,
            () => new Error(`publish timed out after ${timeoutMs} ms`),
          ).then(() => e.seq),
        ),
      );
      const failed = results.find((r): r is PromiseRejectedResult => r.status === 'rejected');
      const acked = results.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
      if (acked.length === 0 && failed) throw new Error('publish failed', { cause: failed.reason });
      return acked;
    },
    close: () => topic.flush(),
  };
}
