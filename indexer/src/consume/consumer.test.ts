import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import { FakeBroker } from '../adapters/pull-api.test-helpers';
import type { DeadLetterInput } from '../dead-letter/dead-letter-publisher';
import { createIndexerMetrics } from '../metrics';
import { Consumer, type Settlement } from './consumer';

const deleted = (productId: string) =>
  JSON.stringify({
    type: 'product.deleted',
    eventId: '6f1c1a3e-8a2b-4c5d-9e0f-1a2b3c4d5e6f',
    productId,
    version: 3,
    occurredAt: '2026-01-02T00:00:00.000Z',
  });

/**
 * A Consumer over an in-memory subscription whose `index` answers each product id with a scripted
 * outcome (optionally only once `release()` is called), and a dead-letter publisher that records or fails.
 */
function setup(options: { outcomes?: Record<string, ItemOutcome>; deadLetterFails?: boolean; holdIndexing?: boolean } = {}) {
  const broker = new FakeBroker();
  broker.redeliver = false;
  const indexed: string[] = [];
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const published: DeadLetterInput[] = [];
  const order: string[] = [];
  const settlements: Settlement[] = [];
  const consumer = new Consumer({
    pull: broker,
    index: async (event) => {
      if (options.holdIndexing) await released;
      indexed.push(event.productId);
      return options.outcomes?.[event.productId] ?? { kind: 'ack' };
    },
    deadLetters: {
      async publish(input) {
        if (options.deadLetterFails) throw new Error('dead-letter topic unavailable');
        published.push(input);
        order.push('publish');
      },
    },
    metrics: createIndexerMetrics(),
    log: pino({ level: 'silent' }),
    flow: { maxHeld: 10, maxHeldBytes: 1_000_000, maxPerPull: 10, pullConcurrency: 1, pullTimeoutMs: 1000, leaseSeconds: 20, initialLeaseSeconds: 10, renewAheadMs: 5000, closeTimeoutMs: 200 },
    onSettled: (s) => {
      settlements.push(s);
      order.push(s.outcome);
    },
  });
  const settledCount = async (n: number) => {
    const deadline = Date.now() + 3000;
    while (broker.acked.length + broker.nacked.length < n) {
      if (Date.now() > deadline) throw new Error('messages not settled');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { consumer, broker, indexed, published, order, settlements, release, settledCount };
}

describe('Consumer', () => {
  it.each([
    { outcome: { kind: 'ack' }, settlement: 'ack' },
    { outcome: { kind: 'stale' }, settlement: 'stale' },
  ] as const)('acks a valid message whose bulk item came back $settlement', async ({ outcome, settlement }) => {
    const { consumer, broker, indexed, settlements, settledCount } = setup({ outcomes: { 'SKU-1': outcome } });
    broker.publish(deleted('SKU-1'), 'm-1');
    consumer.start();
    await settledCount(1);
    await consumer.close();
    expect(broker.acked).toEqual(['m-1']);
    expect(indexed).toEqual(['SKU-1']);
    expect(settlements).toMatchObject([{ messageId: 'm-1', outcome: settlement, event: { productId: 'SKU-1' }, deliveryAttempt: 1 }]);
  });

  it('nacks a message whose bulk item came back retry', async () => {
    const { consumer, broker, settledCount } = setup({ outcomes: { 'SKU-1': { kind: 'retry', reason: '503 unavailable' } } });
    broker.publish(deleted('SKU-1'), 'm-1');
    consumer.start();
    await settledCount(1);
    await consumer.close();
    expect(broker.nacked).toEqual(['m-1']);
    expect(broker.acked).toEqual([]);
  });

  it('dead-letters a message that is not JSON with the reason, then acks it', async () => {
    const { consumer, broker, indexed, published, order, settledCount } = setup();
    broker.publish('{not json', 'm-bad');
    consumer.start();
    await settledCount(1);
    await consumer.close();
    expect(indexed).toEqual([]);
    expect(published).toEqual([
      { data: Buffer.from('{not json'), attributes: {}, messageId: 'm-bad', deliveryAttempts: 1, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
    // The settlement (and its ack) only happens once the dead letter was published.
    expect(order).toEqual(['publish', 'dead-letter']);
    expect(broker.acked).toEqual(['m-bad']);
  });

  it('dead-letters a message whose bulk item was rejected, then acks it', async () => {
    const { consumer, broker, published, settledCount } = setup({ outcomes: { 'SKU-1': { kind: 'reject', reason: '400 mapper_parsing_exception: bad' } } });
    broker.publish(deleted('SKU-1'), 'm-1');
    consumer.start();
    await settledCount(1);
    await consumer.close();
    expect(published).toMatchObject([{ messageId: 'm-1', reason: '400 mapper_parsing_exception: bad' }]);
    expect(broker.acked).toEqual(['m-1']);
  });

  it('nacks an invalid message when the dead-letter publish fails', async () => {
    const { consumer, broker, settlements, settledCount } = setup({ deadLetterFails: true });
    broker.publish('{not json', 'm-1');
    consumer.start();
    await settledCount(1);
    await consumer.close();
    expect(broker.nacked).toEqual(['m-1']);
    expect(settlements).toMatchObject([{ outcome: 'nack' }]);
  });

  it('holds messages while indexing waits, within its budget, and settles them once it goes on', async () => {
    const { consumer, broker, release, settledCount } = setup({ holdIndexing: true });
    for (let i = 0; i < 25; i++) broker.publish(deleted(`SKU-${i}`));
    consumer.start();
    await new Promise((r) => setTimeout(r, 100));
    expect(consumer.held).toBe(10);
    expect(broker.inFlight).toBe(10);
    expect(broker.acked).toEqual([]);
    release();
    await settledCount(25);
    await consumer.close();
    expect(broker.acked).toHaveLength(25);
    expect(consumer.held).toBe(0);
  });
});
