import { EventEmitter } from 'node:events';
import type { PubSub } from '@google-cloud/pubsub';
import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { Batcher } from '../bulk/batcher';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import { toBulkOperation, type BulkOperation } from '../bulk/to-bulk-operation';
import type { DeadLetterInput } from '../dead-letter/dead-letter-publisher';
import { createIndexerMetrics } from '../metrics';
import { Consumer, type Settlement } from './consumer';

type Settled = 'ack' | 'nack';

/** A received message as the consumer reads it, resolving `settled` on its first ack or nack. */
function fakeMessage(body: string, id = 'm-1') {
  let settle: (how: Settled) => void = () => {};
  const settled = new Promise<Settled>((resolve) => (settle = resolve));
  const calls: Settled[] = [];
  const data = Buffer.from(body);
  const message = {
    id,
    data,
    attributes: { source: 'test' },
    deliveryAttempt: 2,
    length: data.length,
    publishTime: new Date('2026-01-02T00:00:00.000Z'),
    ack: () => (calls.push('ack'), settle('ack')),
    nack: () => (calls.push('nack'), settle('nack')),
  };
  return { message, settled, calls };
}

const deleted = (productId: string) =>
  JSON.stringify({
    type: 'product.deleted',
    eventId: '6f1c1a3e-8a2b-4c5d-9e0f-1a2b3c4d5e6f',
    productId,
    version: 3,
    occurredAt: '2026-01-02T00:00:00.000Z',
  });

/** The subscription side of Pub/Sub: an emitter of `message` events that can be closed. */
class FakeSubscription extends EventEmitter {
  closed = false;
  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * A Consumer over a fake subscription, a real Batcher (one document per batch) whose flush answers each
 * product id with a scripted outcome, and a fake dead-letter publisher that records or fails.
 */
function setup(options: { outcomes?: Record<string, ItemOutcome>; deadLetterFails?: boolean } = {}) {
  const subscription = new FakeSubscription();
  // Test double: the consumer only calls `subscription(name, options)`, and the fake answers with an emitter.
  const pubsub = { subscription: () => subscription } as unknown as PubSub;
  const flushed: string[] = [];
  const batcher = new Batcher<BulkOperation, ItemOutcome>({ maxDocs: 1, maxBytes: 1_000_000, maxWaitMs: 1, concurrency: 1 }, async (ops) =>
    ops.map((op) => {
      const id = op.action.index._id;
      flushed.push(id);
      return options.outcomes?.[id] ?? { kind: 'ack' };
    }),
  );
  const published: DeadLetterInput[] = [];
  const order: string[] = [];
  const settlements: Settlement[] = [];
  const consumer = new Consumer({
    pubsub,
    subscriptionName: 'indexer',
    batcher,
    toOperation: (event) => toBulkOperation(event, 'products', new Date()),
    deadLetters: {
      async publish(input) {
        if (options.deadLetterFails) throw new Error('dead-letter topic unavailable');
        published.push(input);
        order.push('publish');
      },
    },
    metrics: createIndexerMetrics(),
    log: pino({ level: 'silent' }),
    flow: { maxMessages: 10, maxBytes: 1_000_000, maxExtensionMinutes: 60, maxAckDeadlineSeconds: 60, closeTimeoutMs: 1_000 },
    onSettled: (s) => {
      settlements.push(s);
      order.push(s.outcome);
    },
  });
  const deliver = (m: ReturnType<typeof fakeMessage>) => subscription.emit('message', m.message);
  return { consumer, subscription, deliver, flushed, published, order, settlements };
}

const tick = () => new Promise((resolve) => setTimeout(resolve, 20));

describe('Consumer', () => {
  it.each([
    { outcome: { kind: 'ack' }, settlement: 'ack' },
    { outcome: { kind: 'stale' }, settlement: 'stale' },
  ] as const)('acks a valid message whose bulk item came back $settlement', async ({ outcome, settlement }) => {
    const { consumer, deliver, flushed, settlements } = setup({ outcomes: { 'SKU-1': outcome } });
    consumer.start();
    const m = fakeMessage(deleted('SKU-1'));
    deliver(m);
    expect(await m.settled).toBe('ack');
    expect(m.calls).toEqual(['ack']);
    expect(flushed).toEqual(['SKU-1']);
    expect(settlements).toMatchObject([{ messageId: 'm-1', outcome: settlement, event: { productId: 'SKU-1' } }]);
  });

  it('nacks a message whose bulk item came back retry', async () => {
    const { consumer, deliver } = setup({ outcomes: { 'SKU-1': { kind: 'retry', reason: '503 unavailable' } } });
    consumer.start();
    const m = fakeMessage(deleted('SKU-1'));
    deliver(m);
    expect(await m.settled).toBe('nack');
    expect(m.calls).toEqual(['nack']);
  });

  it('dead-letters a message that is not JSON with the reason, then acks it', async () => {
    const { consumer, deliver, flushed, published, order } = setup();
    consumer.start();
    const m = fakeMessage('{not json', 'm-bad');
    deliver(m);
    expect(await m.settled).toBe('ack');
    expect(flushed).toEqual([]);
    expect(published).toEqual([
      { data: m.message.data, attributes: { source: 'test' }, messageId: 'm-bad', deliveryAttempts: 2, reason: expect.stringMatching(/^invalid JSON/) },
    ]);
    // The settlement (and its ack) only happens once the dead letter was published.
    expect(order).toEqual(['publish', 'dead-letter']);
    expect(m.calls).toEqual(['ack']);
  });

  it('dead-letters a message whose bulk item was rejected, then acks it', async () => {
    const { consumer, deliver, published } = setup({ outcomes: { 'SKU-1': { kind: 'reject', reason: '400 mapper_parsing_exception: bad' } } });
    consumer.start();
    const m = fakeMessage(deleted('SKU-1'));
    deliver(m);
    expect(await m.settled).toBe('ack');
    expect(published).toMatchObject([{ messageId: 'm-1', reason: '400 mapper_parsing_exception: bad' }]);
  });

  it('nacks an invalid message when the dead-letter publish fails', async () => {
    const { consumer, deliver, settlements } = setup({ deadLetterFails: true });
    consumer.start();
    const m = fakeMessage('{not json');
    deliver(m);
    expect(await m.settled).toBe('nack');
    expect(m.calls).toEqual(['nack']);
    expect(settlements).toMatchObject([{ outcome: 'nack' }]);
  });

  it('holds new messages unprocessed while paused and processes them on resume', async () => {
    const { consumer, deliver, flushed } = setup();
    consumer.pause();
    consumer.start();
    const m = fakeMessage(deleted('SKU-1'));
    deliver(m);
    await tick();
    expect(consumer.isPaused).toBe(true);
    expect(consumer.held).toBe(1);
    expect(flushed).toEqual([]);
    expect(m.calls).toEqual([]);

    consumer.resume();
    expect(await m.settled).toBe('ack');
    expect(flushed).toEqual(['SKU-1']);
    expect(consumer.held).toBe(0);
  });

  it('nacks messages still held at the pause gate when closed', async () => {
    const { consumer, subscription, deliver, flushed } = setup();
    consumer.start();
    consumer.pause();
    const m = fakeMessage(deleted('SKU-1'));
    deliver(m);
    await tick();
    await consumer.close();
    expect(await m.settled).toBe('nack');
    expect(flushed).toEqual([]);
    expect(subscription.closed).toBe(true);
    expect(subscription.listenerCount('message')).toBe(0);
  });
});
