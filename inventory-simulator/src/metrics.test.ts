import { describe, expect, it } from 'vitest';
import { generateProduct } from './catalog/generator';
import { createInventoryMetrics } from './metrics';
import { MasterStore } from './store/master-store';

describe('inventory metrics', () => {
  it('report the outbox backlog an operator alerts on while Pub/Sub is down', async () => {
    const store = new MasterStore(':memory:');
    const registry = createInventoryMetrics(store, () => ({ published: 7 }));
    store.upsert(generateProduct(1, 0));
    store.upsert(generateProduct(1, 1));
    const text = await registry.metrics();
    expect(text).toContain('inventory_outbox_pending 2');
    expect(text).toContain('inventory_events_published 7');
    store.markPublished(store.pending(10).map((e) => e.seq));
    expect(await registry.metrics()).toContain('inventory_outbox_pending 0');
  });
});
