import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createWorld,
  expectedState,
  messyHistory,
  publishEvents,
  readIndex,
  remove,
  retrying,
  startInProcess,
  upsert,
  waitForState,
  diffState,
  waitFor,
  type World,
} from './indexer-support';
import type { Settlement } from '../../indexer/src/consume/consumer';

describe('indexer: duplicates and reordering', () => {
  let world: World;
  let indexer: ReturnType<typeof startInProcess>;
  /** How each event was settled, by event id (a redelivered copy overwrites with the same outcome). */
  const outcomes = new Map<string, Settlement['outcome']>();

  beforeAll(async () => {
    world = await createWorld('order');
    // Real deletes would be forgotten after gc_deletes; with 0 s they are forgotten at once. Tombstones
    // are documents, so they must hold even then: this proves the design does not rely on gc_deletes.
    await retrying(() => world.es.indices.putSettings({ index: world.alias, settings: { 'index.gc_deletes': '0s' } }));
    indexer = startInProcess(world, { BULK_MAX_WAIT_MS: '20' }, (s) => s.event && outcomes.set(s.event.eventId, s.outcome));
    await indexer.started;
  });

  afterAll(async () => {
    await indexer?.service.stop();
    await world?.cleanup();
  });

  it('ends in exactly the highest-version state of every product', async () => {
    const events = messyHistory('ord', 400, 4);
    await publishEvents(world.pubsub, world.names.updatesTopic, events);
    const expected = expectedState(events);
    await waitForState(world.es, world.alias, expected, 60_000);
    expect((await indexer.metrics.deadLettered.get()).values).toEqual([]);
  });

  it('a late, older upsert never resurrects a deleted product, even long after the delete', async () => {
    await publishEvents(world.pubsub, world.names.updatesTopic, [upsert('late-1', 1), upsert('late-2', 3), remove('late-1', 5), remove('late-2', 4)]);
    const afterDelete = new Map([
      ['late-1', { version: 5, deleted: true }],
      ['late-2', { version: 4, deleted: true }],
    ]);
    await waitForTheseIds(afterDelete);
    // Now the stale upserts arrive (a redelivery from long ago), twice each.
    const stale = [upsert('late-1', 4), upsert('late-2', 2), upsert('late-1', 4), upsert('late-1', 1)];
    await publishEvents(world.pubsub, world.names.updatesTopic, stale);
    // Every one of them is settled as stale (acked), none dead-lettered or nacked, and they change nothing.
    await waitFor(() => stale.every((e) => outcomes.has(e.eventId)), 20_000, () => 'the stale upserts to be settled');
    expect(stale.map((e) => outcomes.get(e.eventId))).toEqual(['stale', 'stale', 'stale', 'stale']);
    await waitForTheseIds(afterDelete);
    // A newer upsert does bring it back.
    await publishEvents(world.pubsub, world.names.updatesTopic, [upsert('late-1', 6)]);
    await waitForTheseIds(new Map([['late-1', { version: 6, deleted: false, title: 'Product late-1 v6' }]]));
  });

  async function waitForTheseIds(want: Map<string, { version: number; deleted: boolean; title?: string }>) {
    let diffs: string[] = [];
    await waitFor(async () => {
      const all = await readIndex(world.es, world.alias);
      diffs = diffState(want, new Map([...all].filter(([id]) => want.has(id))));
      return diffs.length === 0;
    }, 20_000, () => diffs.join('; '));
  }
});
