import type { PubSub } from '@google-cloud/pubsub';
import { MAX_DELIVERY_ATTEMPTS, topologyNames, type TopologyNames } from '@catalog/contract';

const ALREADY_EXISTS = 6;
const hasGrpcCode = (err: unknown, code: number): boolean =>
  typeof err === 'object' && err !== null && 'code' in err && err.code === code;

async function ignoreAlreadyExists(create: () => Promise<unknown>): Promise<void> {
  try {
    await create();
  } catch (err) {
    if (!hasGrpcCode(err, ALREADY_EXISTS)) throw err;
  }
}

/**
 * Create the contract's topics and subscriptions if missing (idempotent). The indexer subscription
 * dead-letters after MAX_DELIVERY_ATTEMPTS; its ack deadline covers one bulk flush with retries.
 * No retry policy: the indexer backs off in process before it nacks, and with a retry policy the
 * emulator does not redeliver the messages of a killed subscriber (measured: 300 of 3 000 never came
 * back within 110 s; without the policy all did within 40 s).
 */
export async function ensureTopology(pubsub: PubSub, names: TopologyNames = topologyNames()): Promise<void> {
  await ignoreAlreadyExists(() => pubsub.createTopic(names.updatesTopic));
  await ignoreAlreadyExists(() => pubsub.createTopic(names.deadLetterTopic));
  const deadLetterTopic = pubsub.topic(names.deadLetterTopic).name;
  await ignoreAlreadyExists(() =>
    pubsub.topic(names.updatesTopic).createSubscription(names.indexerSubscription, {
      ackDeadlineSeconds: 60,
      deadLetterPolicy: { deadLetterTopic, maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS },
    }),
  );
  await ignoreAlreadyExists(() =>
    pubsub.topic(names.deadLetterTopic).createSubscription(names.deadLetterStoreSubscription, {
      ackDeadlineSeconds: 60,
    }),
  );
}

/** Delete a test topology; missing pieces are fine. */
export async function deleteTopology(pubsub: PubSub, names: TopologyNames): Promise<void> {
  const NOT_FOUND = 5;
  const ignoreMissing = async (op: () => Promise<unknown>) => {
    try {
      await op();
    } catch (err) {
      if (!hasGrpcCode(err, NOT_FOUND)) throw err;
    }
  };
  await ignoreMissing(() => pubsub.subscription(names.indexerSubscription).delete());
  await ignoreMissing(() => pubsub.subscription(names.deadLetterStoreSubscription).delete());
  await ignoreMissing(() => pubsub.topic(names.updatesTopic).delete());
  await ignoreMissing(() => pubsub.topic(names.deadLetterTopic).delete());
}
