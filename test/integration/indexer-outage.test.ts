import { MAX_DELIVERY_ATTEMPTS } from '@catalog/contract';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Settlement } from '../../indexer/src/consume/consumer';
import {
  createWorld,
  expectedState,
  messyHistory,
  publishEvents,
  sleep,
  startInProcess,
  waitFor,
  waitForState,
  type World,
} from './indexer-support';
import { privateElasticsearch, type PrivateEs } from './indexer-private-es';

/** Ack deadline of this file's subscription: short, so the outage outlasts it several times. */
const ACK_DEADLINE_S = 10;

describe('indexer: Elasticsearch outage', () => {
  let es: PrivateEs;
  let world: World;
  let indexer: ReturnType<typeof startInProcess>;
  const settled: Settlement[] = [];

  beforeAll(async () => {
    es = await privateElasticsearch(9260);
    world = await createWorld('outage', { esUrl: es.url });
    // Replace the indexer subscription with one whose ack deadline is short: if held messages' leases
    // were not extended during the outage, each would be redelivered (and its attempts counted) every 10 s.
    const sub = world.pubsub.subscription(world.names.indexerSubscription);
    await sub.delete();
    await world.pubsub.topic(world.names.updatesTopic).createSubscription(world.names.indexerSubscription, {
      ackDeadlineSeconds: ACK_DEADLINE_S,
      deadLetterPolicy: { deadLetterTopic: world.pubsub.topic(world.names.deadLetterTopic).name, maxDeliveryAttempts: MAX_DELIVERY_ATTEMPTS },
      retryPolicy: { minimumBackoff: { seconds: 1 }, maximumBackoff: { seconds: 10 } },
    });
    indexer = startInProcess(world, { HEALTH_POLL_MS: '500', BULK_MAX_DOCS: '100' }, (s) => settled.push(s));
    await indexer.started;
  });

  afterAll(async () => {
    await indexer?.service.stop();
    await world?.cleanup();
    await es?.destroy();
  });

  it('holds messages while the cluster is down, burns no delivery attempts and indexes everything after', async () => {
    const before = messyHistory('pre', 100, 2, 3);
    await publishEvents(world.pubsub, world.names.updatesTopic, before);
    await waitForState(world.es, world.alias, expectedState(before), 30_000);

    await es.stop();
    const during = messyHistory('outage', 600, 3, 5);
    await publishEvents(world.pubsub, world.names.updatesTopic, during);
    await waitFor(async () => (await indexer.metrics.paused.get()).values[0]?.value === 1, 10_000, () => 'bulk writes to wait for the cluster');
    // Three and a half ack deadlines with the cluster down: the held messages keep their leases.
    await sleep(ACK_DEADLINE_S * 3_500);
    expect(indexer.service.indexer.consumer.held).toBeGreaterThan(0);
    expect(indexer.service.indexer.consumer.held).toBeLessThanOrEqual(indexer.config.FLOW_MAX_MESSAGES);
    await es.start();

    const all = [...before, ...during];
    await waitForState(world.es, world.alias, expectedState(all), 60_000);
    expect((await indexer.metrics.paused.get()).values[0]?.value).toBe(0);
    expect((await indexer.metrics.deadLettered.get()).values).toEqual([]);
    expect((await indexer.metrics.deadLettersStored.get()).values[0]?.value ?? 0).toBe(0);
    expect(settled.filter((s) => s.outcome === 'dead-letter')).toEqual([]);
    // Held messages kept their lease: at most one redelivery (a message in flight when the stream paused).
    const maxAttempt = Math.max(...settled.map((s) => s.deliveryAttempt));
    expect(maxAttempt).toBeLessThanOrEqual(2);
  }, 150_000);
});
