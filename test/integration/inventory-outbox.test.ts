import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { topologyNames } from '@catalog/contract';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { createInventoryApp, MasterStore, OutboxRelay, pubsubPublisher, seedCatalog, Simulator } from '@catalog/inventory-simulator';
import { deleteTopology, ensureTopology } from '../../stack/src/pubsub-topology';
import { eventually, freePort, randomSuffix, stackClients } from './helpers';
import { collectEvents, emulatorTarget, FlakyProxy } from './inventory-support';

// The inventory's promise: a 202 reaches Pub/Sub, even when Pub/Sub is down at that moment or the process
// restarts before publishing. The relay talks to the real emulator through a proxy that the test takes down.
const suffix = randomSuffix();
const names = topologyNames(suffix);
const token = `inventory-token-${suffix}-0123456789`;
const log = pino({ level: process.env.TEST_LOG_LEVEL || 'silent' });
const { pubsub } = stackClients();
const dir = mkdtempSync(join(tmpdir(), 'inventory-outbox-'));
const dbPath = join(dir, 'inventory.sqlite');
let proxy: FlakyProxy;
let collector: Awaited<ReturnType<typeof collectEvents>>;

/** One inventory "process": store, relay through the proxy, HTTP app. */
function startInventory() {
  const store = new MasterStore(dbPath);
  const client = createPubSubClient({ PUBSUB_PROJECT_ID: process.env.PUBSUB_PROJECT_ID ?? 'catalog-local', PUBSUB_EMULATOR_HOST: proxy.address });
  const publisher = pubsubPublisher(client, names.updatesTopic, 3000);
  const relay = new OutboxRelay(store, publisher, log, { pollMs: 100, batchSize: 200, maxBackoffMs: 1000 });
  const simulator = new Simulator({ store, onAccepted: () => relay.wake(), log });
  const app = createInventoryApp({
    store, adminToken: token, log, registry: new Registry(), onAccepted: () => relay.wake(), checks: {},
    isAccepting: () => true, maxBodyBytes: 1_048_576, simulator, relayStats: () => relay.stats(),
  });
  relay.start();
  const put = (id: string, price: number) =>
    app.request(`/v1/admin/products/${id}`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ title: `Outbox test ${id}`, brand: 'Acme', categories: ['Test', 'Outbox'], price, currency: 'USD', stock: 1, rating: 4, reviewCount: 1, popularity: 1 }),
    });
  return {
    store, relay, put,
    async stop() {
      simulator.stop();
      await relay.stop();
      await publisher.close().catch(() => undefined);
      await client.close();
      store.close();
    },
  };
}

const versionsOf = (id: string) => collector.events.filter((e) => e.event.productId === id).map((e) => e.event.version).sort((a, b) => a - b);

beforeAll(async () => {
  await ensureTopology(pubsub, names);
  collector = await collectEvents(pubsub, names.updatesTopic, `inventory-check-${suffix}`);
  proxy = new FlakyProxy(emulatorTarget(), await freePort());
  await proxy.up();
});

afterAll(async () => {
  await proxy.down();
  await collector.close();
  await deleteTopology(pubsub, names);
  await pubsub.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('inventory outbox → Pub/Sub', () => {
  it('a 202 publishes the event with its attributes', async () => {
    const inventory = startInventory();
    try {
      const res = await inventory.put(`OUT-${suffix}-1`, 10);
      expect(res.status).toBe(202);
      const { eventId } = (await res.json()) as { eventId: string };
      const got = await eventually(async () => collector.events.find((e) => e.event.eventId === eventId));
      expect(got.attributes).toEqual({ type: 'product.upserted', productId: `OUT-${suffix}-1`, version: '1' });
      expect(got.event).toMatchObject({ type: 'product.upserted', version: 1, product: { price: 10 } });
    } finally {
      await inventory.stop();
    }
  });

  it('with Pub/Sub unreachable writes still answer 202, and everything is published after it comes back, across a restart', async () => {
    await proxy.down();
    const first = startInventory();
    const id = `OUT-${suffix}-2`;
    for (let i = 1; i <= 20; i++) expect((await first.put(id, i)).status).toBe(202);
    await eventually(async () => (first.relay.stats().failures > 0 ? true : undefined));
    expect(first.store.pendingCount()).toBe(20);
    expect(versionsOf(id)).toEqual([]);
    // The process goes away before Pub/Sub is back: only the SQLite file survives.
    await first.stop();

    const second = startInventory();
    try {
      expect((await second.put(id, 21)).status).toBe(202); // version continues after the restart
      expect(second.store.get(id)?.version).toBe(21);
      await proxy.up();
      const versions = await eventually(async () => (versionsOf(id).length >= 21 ? versionsOf(id) : undefined), 60_000);
      expect([...new Set(versions)]).toEqual(Array.from({ length: 21 }, (_, i) => i + 1));
      await eventually(async () => (second.store.pendingCount() === 0 ? true : undefined));
    } finally {
      await second.stop();
    }
  });

  it('a seeded catalog travels the same path', async () => {
    const inventory = startInventory();
    try {
      const before = collector.events.length;
      const seeded = await seedCatalog({ store: inventory.store, count: 2000, seed: 99, start: 500_000, onBatch: () => inventory.relay.wake() });
      expect(seeded.written).toBe(2000);
      const started = Date.now();
      await eventually(async () => (collector.events.length - before >= 2000 ? true : undefined), 60_000);
      log.info({ eventsPerSecond: Math.round(2000 / ((Date.now() - started) / 1000)) }, 'seed published');
      expect(inventory.store.pendingCount()).toBe(0);
    } finally {
      await inventory.stop();
    }
  });
});
