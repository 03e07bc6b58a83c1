import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductEvent } from '@catalog/contract';
import { productIndexDefinition } from '@catalog/mappings';
import { aliasIndices, reindex } from '../../indexer/src/reindex/reindex';
import { readExtraTargets } from '../../indexer/src/reindex/write-targets';
import {
  createWorld,
  expectedState,
  publishEvents,
  remove,
  silentLogger,
  sleep,
  startInProcess,
  upsert,
  waitFor,
  waitForState,
  type World,
} from './indexer-support';

describe('indexer: zero-downtime reindex while updates flow', () => {
  let world: World;
  let indexer: ReturnType<typeof startInProcess>;

  beforeAll(async () => {
    world = await createWorld('reindex');
    indexer = startInProcess(world, { WRITE_TARGETS_POLL_MS: '500' });
    await indexer.started;
  });

  afterAll(async () => {
    await indexer?.service.stop();
    await world?.cleanup();
  });

  it('loses no update, swaps the alias atomically and never fails a search', async () => {
    const products = 3000;
    const versions = new Map<string, number>();
    const published: ProductEvent[] = [];
    const next = (id: string, del = false): ProductEvent => {
      const v = (versions.get(id) ?? 0) + 1;
      versions.set(id, v);
      const e = del ? remove(id, v) : upsert(id, v);
      published.push(e);
      return e;
    };
    const seed = Array.from({ length: products }, (_, i) => next(`rx-${i}`, false));
    // Some tombstones that the backfill must carry over.
    const tombstones = Array.from({ length: 100 }, (_, i) => next(`rx-${i * 7}`, true));
    await publishEvents(world.pubsub, world.names.updatesTopic, [...seed, ...tombstones]);
    await waitForState(world.es, world.alias, expectedState(published), 60_000);

    // Live updates and searches all through the reindex.
    let running = true;
    let searches = 0;
    let round = 0;
    const searchErrors: string[] = [];
    const updater = (async () => {
      while (running) {
        const batch = Array.from({ length: 50 }, (_, k) => next(`rx-${(round * 50 + k * 37) % products}`, k % 10 === 0));
        await publishEvents(world.pubsub, world.names.updatesTopic, batch);
        round += 1;
        await sleep(100);
      }
    })();
    const searcher = (async () => {
      while (running) {
        try {
          const res = await world.es.search({ index: world.alias, size: 5, query: { bool: { filter: [{ term: { deleted: false } }] } } });
          if ((res.hits.hits.length ?? 0) === 0) searchErrors.push('empty result');
          searches += 1;
        } catch (err) {
          searchErrors.push(err instanceof Error ? err.message : String(err));
        }
        await sleep(20);
      }
    })();

    const result = await reindex(world.es, {
      alias: world.alias,
      writeTargetsPollMs: 500,
      batchSize: 500,
      catchUpMarginMs: 60_000,
      log: silentLogger,
    });
    // Updates and searches go on after the swap (writes to the new index, reads of it): a few rounds of each.
    const [roundsAtSwap, searchesAtSwap] = [round, searches];
    await waitFor(() => round >= roundsAtSwap + 5 && searches >= searchesAtSwap + 20, 30_000, () => `5 update rounds and 20 searches after the swap (${round - roundsAtSwap}, ${searches - searchesAtSwap})`);
    running = false;
    await Promise.all([updater, searcher]);

    const { version } = productIndexDefinition();
    expect(result.from).toBe(`${world.alias}-v${version}`);
    expect(result.to).toBe(`${world.alias}-v${version + 1}`);
    expect(await aliasIndices(world.es, world.alias)).toEqual([result.to]);
    expect(await readExtraTargets(world.es, world.alias)).toEqual([]);
    expect(await world.es.indices.exists({ index: result.from })).toBe(true);
    expect(searches).toBeGreaterThan(20);
    expect(searchErrors).toEqual([]);
    await waitForState(world.es, world.alias, expectedState(published), 60_000);
    expect(result.backfilled).toBeGreaterThanOrEqual(products);
  }, 120_000);
});
