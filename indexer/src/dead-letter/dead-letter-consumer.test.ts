import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import type { ProductEvent } from '@catalog/contract';
import { FakeBroker } from '../adapters/pull-api.test-helpers';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import { createIndexerMetrics } from '../metrics';
import { DeadLetterConsumer, recoveryOf } from './dead-letter-consumer';
import type { DeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

const update = (productId: string): string =>
  JSON.stringify({ type: 'product.deleted', eventId: '6f1c1a3e-8a2b-4c5d-9e0f-1a2b3c4d5e6f', productId, version: 7, occurredAt: '2026-01-02T00:00:00.000Z' });

describe('recoveryOf', () => {
  const original = { reason: 'max delivery attempts exceeded' };
  it.each<[ItemOutcome, string]>([
    [{ kind: 'ack' }, 'applied'],
    [{ kind: 'stale' }, 'stale'],
    [{ kind: 'reject', reason: '400 mapper_parsing_exception: x' }, 'store'],
    [{ kind: 'retry', reason: '503 unavailable' }, 'wait'],
  ])('%j → %s', (outcome, kind) => expect(recoveryOf(outcome, original).kind).toBe(kind));

  it('keeps both reasons when the index refuses the document again', () => {
    expect(recoveryOf({ kind: 'reject', reason: '400 x' }, original)).toEqual({ kind: 'store', reason: 'max delivery attempts exceeded; applying it failed: 400 x' });
  });
});

function setup(outcomes: ItemOutcome[]) {
  const broker = new FakeBroker();
  broker.redeliver = false;
  const stored: DeadLetterRecord[] = [];
  const store: DeadLetterStore = {
    ensure: async () => {},
    put: async (r) => void stored.push(r),
    list: async () => ({ items: [] }),
    get: async () => undefined,
    delete: async () => false,
  };
  const applied: ProductEvent[] = [];
  const metrics = createIndexerMetrics();
  const consumer = new DeadLetterConsumer({
    pull: broker,
    store,
    apply: async (event) => {
      applied.push(event);
      return outcomes.shift() ?? { kind: 'ack' };
    },
    metrics,
    log: pino({ level: 'silent' }),
    maxBackoffMs: 1,
  });
  const settled = async (n: number) => {
    const deadline = Date.now() + 3000;
    while (broker.acked.length + broker.nacked.length < n) {
      if (Date.now() > deadline) throw new Error('not settled');
      await new Promise((r) => setTimeout(r, 5));
    }
  };
  return { broker, consumer, stored, applied, metrics, settled };
}

describe('DeadLetterConsumer', () => {
  it('applies a valid update instead of storing it and counts it; poison stays in the store', async () => {
    const { broker, consumer, stored, applied, metrics, settled } = setup([{ kind: 'ack' }, { kind: 'stale' }]);
    broker.publish(update('SKU-1'), 'valid-newer');
    broker.publish(update('SKU-2'), 'valid-older');
    broker.publish('{oops', 'poison');
    consumer.start();
    await settled(3);
    await consumer.close();
    expect(applied.map((e) => e.productId)).toEqual(['SKU-1', 'SKU-2']);
    expect(stored.map((r) => r.id)).toEqual(['poison']);
    expect(broker.acked.sort()).toEqual(['poison', 'valid-newer', 'valid-older']);
    expect((await metrics.deadLettersRecovered.get()).values.map((v) => [v.labels.outcome, v.value])).toEqual([
      ['applied', 1],
      ['stale', 1],
    ]);
  });

  it('keeps trying while the cluster cannot take it, then applies it', async () => {
    const { broker, consumer, stored, applied, settled } = setup([{ kind: 'retry', reason: '503' }, { kind: 'retry', reason: '503' }, { kind: 'ack' }]);
    broker.publish(update('SKU-1'));
    consumer.start();
    await settled(1);
    await consumer.close();
    expect(applied).toHaveLength(3);
    expect(stored).toEqual([]);
    expect(broker.acked).toHaveLength(1);
  });

  it('stores a valid update that the index refuses, with both reasons', async () => {
    const { broker, consumer, stored, settled } = setup([{ kind: 'reject', reason: '400 strict_dynamic_mapping_exception: color' }]);
    broker.publish(update('SKU-1'), 'refused');
    consumer.start();
    await settled(1);
    await consumer.close();
    expect(stored).toMatchObject([{ id: 'refused', reason: 'max delivery attempts exceeded; applying it failed: 400 strict_dynamic_mapping_exception: color' }]);
  });
});
