import { afterAll, describe, expect, it } from 'vitest';
import { createWorld, retrying, expectedState, messyHistory, publishEvents, spawnIndexer, waitFor, waitForState, type World } from './indexer-support';

describe('indexer processes: crashes, replicas, graceful shutdown', () => {
  const worlds: World[] = [];
  const children: ReturnType<typeof spawnIndexer>[] = [];

  afterAll(async () => {
    for (const c of children) if (c.child.exitCode === null) c.child.kill('SIGKILL');
    await Promise.all(worlds.map((w) => w.cleanup()));
  });

  it('SIGKILL mid-stream then restart: the final state is complete and correct', async () => {
    const world = await createWorld('kill');
    worlds.push(world);
    const events = messyHistory('kill', 1500, 4, 11);
    // Small batches and a low flow window so the kill surely lands while most messages are unsettled.
    const env = { BULK_MAX_DOCS: '100', FLOW_MAX_MESSAGES: '300' };
    const first = spawnIndexer(world, env);
    children.push(first);
    await first.ready();
    await publishEvents(world.pubsub, world.names.updatesTopic, events);
    await waitFor(async () => (await world.es.count({ index: world.alias })).count > 100, 30_000, () => 'some documents indexed');
    first.child.kill('SIGKILL');
    expect(await first.exited).toBeNull();
    const countAtKill = (await retrying(() => world.es.count({ index: world.alias }))).count;
    expect(countAtKill).toBeLessThan(1500);

    const second = spawnIndexer(world, env);
    children.push(second);
    await second.ready();
    await waitForState(world.es, world.alias, expectedState(events), 90_000);
    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
  }, 150_000);

  it('two processes on one subscription reach the same state; SIGTERM drains and exits 0', async () => {
    const world = await createWorld('pair');
    worlds.push(world);
    const events = messyHistory('pair', 1500, 4, 23);
    const a = spawnIndexer(world, { BULK_MAX_DOCS: '200' });
    const b = spawnIndexer(world, { BULK_MAX_DOCS: '200', DEAD_LETTER_STORE: 'off' });
    children.push(a, b);
    await Promise.all([a.ready(), b.ready()]);
    await publishEvents(world.pubsub, world.names.updatesTopic, events);
    await waitForState(world.es, world.alias, expectedState(events), 90_000);
    a.child.kill('SIGTERM');
    b.child.kill('SIGTERM');
    expect(await a.exited).toBe(0);
    expect(await b.exited).toBe(0);
    expect(a.output()).toContain('subscription closed');
  }, 150_000);
});
