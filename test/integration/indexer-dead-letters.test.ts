import type { estypes } from '@elastic/elasticsearch';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productIndexDefinition, versionedIndexName } from '@catalog/mappings';
import {
  ADMIN_TOKEN,
  createWorld,
  publishEvents,
  publishRaw,
  readIndex,
  remove,
  retrying,
  startInProcess,
  upsert,
  waitFor,
  type World,
} from './indexer-support';

type Item = { id: string; reason: string; deliveryAttempts: number; attributes: Record<string, string>; data: string; receivedAt: string };

describe('indexer: poison messages, dead-letter store and admin API', () => {
  let world: World;
  let indexer: ReturnType<typeof startInProcess>;
  const api = (path: string, init: RequestInit = {}, token = ADMIN_TOKEN) =>
    indexer.service.app.request(`/v1/admin${path}`, { ...init, headers: token ? { authorization: `Bearer ${token}` } : {} });
  const list = async (query = ''): Promise<{ items: Item[]; nextCursor?: string }> => (await api(`/dead-letters${query}`)).json();
  const all = async (): Promise<Item[]> => (await list('?limit=100')).items;

  beforeAll(async () => {
    world = await createWorld('poison', { createIndex: false });
    // An index whose `attributes` object refuses new fields: Elasticsearch rejects (400) every product
    // that has attributes, while products without them index fine. Our own schema never produces a
    // document the real mapping rejects, so the test crafts the mapping instead.
    const def = productIndexDefinition();
    // Our own definition file (not outside data), typed for the client.
    const base = structuredClone(def.mappings) as estypes.MappingTypeMapping;
    const mappings = { ...base, properties: { ...base.properties, attributes: { type: 'object' as const, dynamic: 'strict' as const } } };
    const index = versionedIndexName(world.alias, def.version);
    await retrying(async () => {
      await world.es.indices.create({ index, settings: def.settings, mappings, aliases: { [world.alias]: { is_write_index: true } } });
    });

    // A message Pub/Sub itself dead-letters: nacked until its attempts run out, before the indexer runs.
    await publishRaw(world.pubsub, world.names.updatesTopic, JSON.stringify(upsert('exhausted-1', 1)), { productId: 'exhausted-1', version: '1' });
    const sub = world.pubsub.subscription(world.names.indexerSubscription);
    let maxAttempt = 0;
    sub.on('message', (m) => {
      maxAttempt = Math.max(maxAttempt, m.deliveryAttempt);
      m.nack();
    });
    await waitFor(() => maxAttempt >= 5, 30_000, () => 'five delivery attempts');
    await sub.close();

    indexer = startInProcess(world);
    await indexer.started;
  });

  afterAll(async () => {
    await indexer?.service.stop();
    await world?.cleanup();
  });

  it('dead-letters each poison message with its reason while the valid ones of the same batch are indexed', async () => {
    await Promise.all([
      publishRaw(world.pubsub, world.names.updatesTopic, '{"type": "product.upserted", oops', { productId: 'bad-json' }),
      publishRaw(world.pubsub, world.names.updatesTopic, JSON.stringify({ ...upsert('bad-schema', 1), version: -3 }), { productId: 'bad-schema' }),
      publishEvents(world.pubsub, world.names.updatesTopic, [
        upsert('ok-1', 1),
        upsert('rejected-1', 2, { attributes: { color: 'red' } }),
        upsert('ok-2', 1),
        remove('ok-3', 4),
      ]),
    ]);
    await waitFor(async () => (await all()).length >= 3, 30_000, () => 'three dead letters');
    const byProduct = new Map((await all()).map((i) => [i.attributes.productId, i]));
    expect(byProduct.get('bad-json')?.reason).toMatch(/^invalid JSON/);
    expect(byProduct.get('bad-json')?.data).toBe('{"type": "product.upserted", oops');
    expect(byProduct.get('bad-schema')?.reason).toMatch(/^schema violation: version/);
    expect(byProduct.get('rejected-1')?.reason).toMatch(/^400 strict_dynamic_mapping_exception/);
    expect(byProduct.get('rejected-1')?.deliveryAttempts).toBe(1);
    // Applying the rejected update again from the dead-letter topic failed the same way: kept for a person.
    expect(byProduct.get('rejected-1')?.reason).toMatch(/applying it failed: 400 strict_dynamic_mapping_exception/);
    expect(byProduct.has('exhausted-1')).toBe(false);

    // Only the valid ones were indexed (exhausted-1 comes back through the dead-letter topic; see below).
    const index = await readIndex(world.es, world.alias);
    expect([...index.keys()].filter((id) => id !== 'exhausted-1').sort()).toEqual(['ok-1', 'ok-2', 'ok-3']);
  });

  it('applies a valid update that Pub/Sub dead-lettered after its attempts ran out, with a metric, instead of storing it', async () => {
    // exhausted-1 was nacked five times before the indexer started, so Pub/Sub's policy dead-lettered it.
    await waitFor(async () => (await readIndex(world.es, world.alias)).get('exhausted-1')?.version === 1, 20_000, () => 'exhausted-1 indexed');
    const recovered = (await indexer.metrics.deadLettersRecovered.get()).values;
    expect(recovered).toEqual([expect.objectContaining({ labels: { outcome: 'applied' }, value: 1 })]);
    expect((await all()).map((i) => i.attributes.productId)).not.toContain('exhausted-1');
  });

  it('pages newest first with an opaque cursor', async () => {
    const first = await list('?limit=2');
    expect(first.items).toHaveLength(2);
    expect(first.nextCursor).toBeTypeOf('string');
    const second = await list(`?limit=2&cursor=${encodeURIComponent(first.nextCursor ?? '')}`);
    const ids = [...first.items, ...second.items].map((i) => i.id);
    expect(new Set(ids).size).toBe(3);
    const times = [...first.items, ...second.items].map((i) => i.receivedAt);
    expect([...times].sort().reverse()).toEqual(times);
  });

  it('shows one, replays it to product-updates (indexed once the cause is fixed) and removes it', async () => {
    const rejected = (await all()).find((i) => i.attributes.productId === 'rejected-1');
    expect(rejected).toBeDefined();
    const shown = await api(`/dead-letters/${rejected?.id}`);
    expect(shown.status).toBe(200);
    expect(await shown.json()).toMatchObject({ id: rejected?.id, reason: rejected?.reason });

    // Fix the cause (the mapping), then replay.
    await retrying(() => world.es.indices.putMapping({ index: world.alias, properties: { attributes: { type: 'object', dynamic: true } } }));
    const replay = await api(`/dead-letters/${rejected?.id}/replay`, { method: 'POST' });
    expect(replay.status).toBe(200);
    await waitFor(async () => (await readIndex(world.es, world.alias)).get('rejected-1')?.version === 2, 20_000, () => 'replayed product indexed');
    expect((await api(`/dead-letters/${rejected?.id}`)).status).toBe(404);
  });

  it('deletes one; unknown ids are 404 problems', async () => {
    const target = (await all())[0];
    expect((await api(`/dead-letters/${target?.id}`, { method: 'DELETE' })).status).toBe(204);
    for (const [path, method] of [[`/dead-letters/${target?.id}`, 'DELETE'], ['/dead-letters/123456789', 'GET'], ['/dead-letters/123456789/replay', 'POST']] as const) {
      const res = await api(path, { method });
      expect(res.status).toBe(404);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
    }
  });

  it('names bad parameters in a 400 and refuses requests without the token', async () => {
    for (const [query, name] of [['?limit=0', 'limit'], ['?limit=abc', 'limit'], ['?cursor=nonsense', 'cursor'], ['?color=1', 'color']]) {
      const res = await api(`/dead-letters${query}`);
      expect(res.status).toBe(400);
      const body = (await res.json()) as { detail: string; errors: { path: string }[] };
      expect(JSON.stringify(body)).toContain(name);
    }
    expect((await api('/dead-letters', {}, '')).status).toBe(401);
    expect((await api('/dead-letters', {}, 'wrong-token-wrong-token')).status).toBe(401);
  });
});
