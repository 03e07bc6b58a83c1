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

/** Ack deadline of both subscriptions (see ensureTopology). */
export const SUBSCRIPTION_ACK_DEADLINE_S = 10;

/**
 * Create the contract's topics and subscriptions if missing (idempotent). The indexer subscription
 * dead-letters after MAX_DELIVERY_ATTEMPTS. Ack deadline 10 s (Pub/Sub's minimum): the indexer sets its
 * own lease on every message it receives and renews it while it holds the message, so the subscription's
 * deadline only decides when messages come back that were handed to a pull whose process died before it
 * saw them (measured with 60 s: a chaos run waited a minute for them after an indexer SIGKILL).
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
      ackDeadlineSeconds: SUBSCRIPTION_ACK_DEADLINE_S,
      deadLetterPolicy: { deadLetterTopic, maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS },
    }),
  );
  await ignoreAlreadyExists(() =>
    pubsub.topic(names.deadLetterTopic).createSubscription(names.deadLetterStoreSubscription, {
      ackDeadlineSeconds: SUBSCRIPTION_ACK_DEADLINE_S,
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
