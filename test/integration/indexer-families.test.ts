import { isDeepStrictEqual } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { familiesAlias, type Product, type ProductEvent } from '@catalog/contract';
import { toProductDocument } from '../../indexer/src/bulk/to-bulk-operation';
import { FamilyMaintainer } from '../../indexer/src/families/family-maintainer';
import { familyDocumentsFor, ProductSource } from '../../indexer/src/families/to-family-document';
import { rebuildFamilies } from '../../indexer/src/reindex/rebuild-families';
import { aliasIndices } from '../../indexer/src/reindex/reindex';
import { createWorld, publishEvents, remove, shuffle, silentLogger, sleep, startInProcess, upsert, waitFor, type World } from './indexer-support';

/** Every `_source` of an index (small test indices), by `_id`. */
async function sources(es: Client, index: string): Promise<Map<string, Record<string, unknown>>> {
  await es.indices.refresh({ index });
  const page = await es.search<Record<string, unknown>>({ index, size: 10_000, query: { match_all: {} } });
  return new Map(page.hits.hits.flatMap((h) => (h._id && h._source ? [[h._id, h._source] as const] : [])));
}

/** Differences between the families index and the families derived from the products index now (empty = equal). */
async function familyDrift(es: Client, alias: string): Promise<string[]> {
  const products = [...(await sources(es, alias)).values()].map((s) => ProductSource.parse(s));
  const want = new Map(familyDocumentsFor(products).map((f) => [f.familyKey, f]));
  const got = await sources(es, familiesAlias(alias));
  const drift = [...want].filter(([key, doc]) => !isDeepStrictEqual(got.get(key), JSON.parse(JSON.stringify(doc)))).map(([key]) => `${key}: ${got.has(key) ? 'differs' : 'missing'}`);
  for (const key of got.keys()) if (!want.has(key)) drift.push(`${key}: unexpected`);
  return drift;
}

const variant = (color: string, size: string): Partial<Product> => ({ attributes: { color, size }, variantAttributes: ['color', 'size'] });

describe('indexer: the families index through the real pipeline (issue 17)', () => {
  let world: World;
  let indexers: ReturnType<typeof startInProcess>[] = [];

  /** Wait until every event was settled (the products are at these versions), then until the families match. */
  const converged = async (versions: Record<string, number>, timeoutMs = 120_000) => {
    await waitFor(async () => {
      const products = await sources(world.es, world.alias);
      return Object.entries(versions).every(([id, v]) => products.get(id)?.version === v);
    }, timeoutMs, () => `products at ${JSON.stringify(versions).slice(0, 200)}`);
    let last: string[] = [];
    await waitFor(async () => (last = await familyDrift(world.es, world.alias)).length === 0, timeoutMs, () => `families to match the products: ${last.slice(0, 5).join('; ')}`);
  };
  const family = async (key: string) => (await world.es.get<Record<string, unknown>>({ index: familiesAlias(world.alias), id: key }, { ignore: [404] }))._source;

  beforeAll(async () => {
    world = await createWorld('families');
    indexers = [startInProcess(world, { BULK_MAX_WAIT_MS: '20' })];
    await indexers[0]?.started;
  });

  afterAll(async () => {
    await Promise.all(indexers.map((i) => i.service.stop()));
    await world?.cleanup();
  });

  it('creates a family, follows a price and stock change, a deleted variant and moves to another family and out', async () => {
    const tee = (id: string, version: number, extra: Partial<Product>) => upsert(id, version, { groupId: 'TEE', ...extra });
    await publishEvents(world.pubsub, world.names.updatesTopic, [
      tee('tee-s-blue', 1, { ...variant('blue', 's'), popularity: 5 }),
      tee('tee-m-blue', 1, { ...variant('blue', 'm'), popularity: 9 }),
      tee('tee-m-red', 1, { ...variant('red', 'm'), popularity: 1 }),
      upsert('solo', 1),
    ]);
    await converged({ 'tee-s-blue': 1, 'tee-m-blue': 1, 'tee-m-red': 1, solo: 1 });
    expect(await family('g:TEE')).toMatchObject({ id: 'tee-m-blue', memberIds: ['tee-m-blue', 'tee-m-red', 'tee-s-blue'], variantText: ['blue', 'm', 'red', 's'] });
    expect(await family('p:solo')).toMatchObject({ id: 'solo', memberIds: ['solo'], familyKey: 'p:solo' });

    await publishEvents(world.pubsub, world.names.updatesTopic, [tee('tee-m-red', 2, { ...variant('red', 'm'), popularity: 1, price: 99.5, stock: 0 })]);
    await converged({ 'tee-m-red': 2 });
    const red = (await family('g:TEE'))?.variants;
    expect(red).toEqual(expect.arrayContaining([expect.objectContaining({ id: 'tee-m-red', price: 99.5, stock: 0, inStock: false })]));

    await publishEvents(world.pubsub, world.names.updatesTopic, [remove('tee-s-blue', 2)]);
    await converged({ 'tee-s-blue': 2 });
    expect((await family('g:TEE'))?.memberIds).toEqual(['tee-m-blue', 'tee-m-red']);

    // The primary moves to another family, then out of any family (a family of its own).
    await publishEvents(world.pubsub, world.names.updatesTopic, [upsert('tee-m-blue', 2, { groupId: 'POLO', ...variant('blue', 'm'), popularity: 9 })]);
    await converged({ 'tee-m-blue': 2 });
    expect((await family('g:TEE'))?.memberIds).toEqual(['tee-m-red']);
    expect((await family('g:POLO'))?.memberIds).toEqual(['tee-m-blue']);
    await publishEvents(world.pubsub, world.names.updatesTopic, [upsert('tee-m-blue', 3, variant('blue', 'm'))]);
    await converged({ 'tee-m-blue': 3 });
    expect(await family('g:POLO')).toBeUndefined();
    expect((await family('p:tee-m-blue'))?.memberIds).toEqual(['tee-m-blue']);
    expect((await indexers[0]?.metrics.deadLettered.get())?.values).toEqual([]);
  }, 240_000);

  it('a family first computed from the document the batch wrote, overtaken by a newer version meanwhile, ends as the index says', async () => {
    // The batch wrote version 2 (family OLD); another indexer has written version 3 (family NEW) since. The first pass
    // takes version 2 as the batch sent it; the version check after the family write sees 3 and recomputes from the index.
    const id = 'overtaken';
    const sent = (version: number, groupId: string) => {
      const event = upsert(id, version, { groupId, ...variant('blue', 'm') });
      if (event.type !== 'product.upserted') throw new Error('an upsert');
      return toProductDocument(event.product, event, new Date());
    };
    await world.es.index({ index: world.alias, id, version: 3, version_type: 'external', document: sent(3, 'NEW'), refresh: true });
    const redos: string[] = [];
    const maintainer = new FamilyMaintainer(world.es, silentLogger, {
      productsIndex: world.alias, familiesIndex: familiesAlias(world.alias), maxRedos: 3, maxTransientRetries: 1, maxCandidates: 100,
      isStopping: () => false, events: { redo: (reason) => void redos.push(reason) },
    });
    await maintainer.maintain([{ id, key: 'g:OLD', written: { version: 2, source: sent(2, 'OLD') } }]);
    expect(redos).toEqual(['changed']);
    expect(await family('g:OLD')).toBeUndefined();
    // The other indexer's pass for version 3 (read from the index): the families match the products again.
    await maintainer.maintain([{ id, key: 'g:NEW' }]);
    expect(await familyDrift(world.es, world.alias)).toEqual([]);
  });

  it('ends in the families of the final products whatever the order, duplicates and competing indexers', async () => {
    // Two indexers on the same subscription, each holding few messages, so both take part; each also runs family
    // rounds of a few batches' changes concurrently with its own (they race each other as well as the other indexer).
    await indexers[0]?.service.stop();
    const competing = { BULK_MAX_WAIT_MS: '5', BULK_MAX_DOCS: '7', FLOW_MAX_MESSAGES: '20', PULL_MAX_MESSAGES: '10', FAMILY_CONCURRENCY: '3', FAMILY_MAX_CHANGES: '12' };
    indexers = [startInProcess(world, competing), startInProcess(world, competing)];
    await Promise.all(indexers.map((i) => i.started));
    // 60 products × 4 versions hopping between 4 families and none; some deleted for good, some re-created.
    const groups = [undefined, 'G0', 'G1', 'G2', 'G3'];
    const events: ProductEvent[] = [];
    for (let p = 0; p < 60; p++) {
      for (let v = 1; v <= 4; v++) {
        const id = `mess-${p}`;
        if ((p % 6 === 0 && v === 4) || (p % 9 === 0 && v === 2)) {
          events.push(remove(id, v));
          continue;
        }
        const groupId = groups[(p * 7 + v * 3) % groups.length];
        events.push(upsert(id, v, { ...(groupId ? { groupId } : {}), ...variant(['red', 'blue', 'green'][(p + v) % 3] ?? 'red', ['s', 'm'][v % 2] ?? 's'), popularity: (p * v) % 11 }));
      }
    }
    await publishEvents(world.pubsub, world.names.updatesTopic, shuffle([...events, ...events.filter((_, i) => i % 3 === 0)], 17));
    await converged(Object.fromEntries([...Array(60).keys()].map((p) => [`mess-${p}`, 4])), 240_000);
    const writes = await Promise.all(indexers.map(async (i) => (await i.metrics.familyWrites.get()).values.reduce((n, v) => n + v.value, 0)));
    const redos = await Promise.all(indexers.map(async (i) => (await i.metrics.familyRedos.get()).values.map((v) => `${v.labels.reason}=${v.value}`)));
    expect(writes.every((n) => n > 0), `family writes ${writes.join(' + ')}, redos ${JSON.stringify(redos)}`).toBe(true);
    for (const i of indexers) expect((await i.metrics.deadLettered.get()).values).toEqual([]);
  }, 300_000);

  it('npm run reindex rebuilds the families from the products with zero downtime while updates flow', async () => {
    const seed = [...Array(60).keys()].map((p) => upsert(`mess-${p}`, 5, { groupId: `G${p % 3}` }));
    await publishEvents(world.pubsub, world.names.updatesTopic, seed);
    await converged(Object.fromEntries(seed.map((e) => [e.productId, 5])));
    const before = await aliasIndices(world.es, familiesAlias(world.alias));
    let running = true;
    let version = 10;
    const searchErrors: string[] = [];
    let searches = 0;
    const latest: Record<string, number> = {};
    const updater = (async () => {
      // At most 40 rounds of 20 updates: a slow machine must not pile up more than the indexers drain meanwhile.
      while (running && version < 50) {
        version += 1;
        const batch = [...Array(20).keys()].map((k) => upsert(`mess-${(version * 7 + k) % 60}`, version, { groupId: `G${(version + k) % 3}`, popularity: k }));
        for (const e of batch) latest[e.productId] = e.version;
        await publishEvents(world.pubsub, world.names.updatesTopic, batch);
        await sleep(200);
      }
    })();
    const searcher = (async () => {
      while (running) {
        try {
          const res = await world.es.search({ index: familiesAlias(world.alias), size: 1, query: { match_all: {} } });
          if (res.hits.hits.length === 0) searchErrors.push('no family found');
          searches += 1;
        } catch (err) {
          searchErrors.push(err instanceof Error ? err.message : String(err));
        }
        await sleep(20);
      }
    })();
    const result = await rebuildFamilies(world.es, { alias: world.alias, batchSize: 25, catchUpMarginMs: 60_000, writeTargetsPollMs: 500, log: silentLogger });
    running = false;
    await Promise.all([updater, searcher]);
    expect(result.from).toBe(before[0]);
    expect(await aliasIndices(world.es, familiesAlias(world.alias))).toEqual([result.to]);
    expect(searches).toBeGreaterThan(5);
    expect(searchErrors).toEqual([]);
    await converged(latest, 180_000);
  }, 300_000);
});
