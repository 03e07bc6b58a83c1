import { pino } from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateProduct } from '../catalog/generator';
import { MasterStore } from '../store/master-store';
import { OutboxRelay, PRUNE_EVERY, type EventPublisher } from './outbox-relay';

const stores: MasterStore[] = [];
afterEach(() => stores.splice(0).forEach((s) => s.close()));

/** Acknowledges every event at once, remembering their order. */
const broker = () => {
  const seqs: number[] = [];
  const publisher: EventPublisher = { publish: async (entries) => entries.map((e) => (seqs.push(e.seq), e.seq)) };
  return { publisher, seqs };
};

describe('OutboxRelay', () => {
  it('publishes the whole outbox oldest first and prunes published events on its first pass and then once every PRUNE_EVERY, not every pass', async () => {
    const store = new MasterStore(':memory:');
    stores.push(store);
    const count = 2 * PRUNE_EVERY + 1500;
    store.upsertMany(Array.from({ length: count }, (_, i) => generateProduct(3, i)));
    const prune = vi.spyOn(store, 'prunePublished');
    const { publisher, seqs } = broker();
    const relay = new OutboxRelay(store, publisher, pino({ level: 'silent' }), { pollMs: 10, batchSize: 500, retainPublished: 100 });
    relay.start();
    await relay.drained(5);
    await relay.stop();
    expect(seqs).toEqual([...seqs].sort((a, b) => a - b));
    expect(new Set(seqs).size).toBe(count);
    expect(prune).toHaveBeenCalledTimes(3); // after 500, 5 500 and 10 500
    // The last prune kept the newest 100 seqs (all still pending then); the 1 000 published since wait for the next one.
    expect(store.recentEvents(count).filter((e) => e.publishedAt !== null)).toHaveLength(1000);
    expect(store.pendingCount()).toBe(0);
  });
});
