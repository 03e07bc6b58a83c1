import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from './helpers';
import { createWorld, expectedState, messyHistory, publishEvents, spawnIndexer, waitForState, type World } from './indexer-support';

// Memcached is only told what changed; when it is down the indexer logs and goes on indexing.
describe('indexer with Memcached unreachable', () => {
  let world: World | undefined;
  let proc: ReturnType<typeof spawnIndexer> | undefined;

  afterAll(async () => {
    proc?.child.kill('SIGTERM');
    await proc?.exited;
    await world?.cleanup();
  });

  it('indexes everything, dead-letters nothing, and says why the cache was not invalidated', async () => {
    world = await createWorld('nomc');
    const closedPort = await freePort();
    proc = spawnIndexer(world, { MEMCACHED_SERVERS: `127.0.0.1:${closedPort}` });
    await proc.ready();
    const events = messyHistory('nomc', 200, 3, 5);
    await publishEvents(world.pubsub, world.names.updatesTopic, events);
    await waitForState(world.es, world.alias, expectedState(events), 60_000);
    expect(proc.child.exitCode).toBeNull();
    expect(proc.output()).toMatch(/could not (bump|delete)/);
    expect(proc.output()).not.toContain('dead-lettered');
  }, 120_000);
});
