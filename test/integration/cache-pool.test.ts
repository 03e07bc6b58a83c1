import memjs from 'memjs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDetailKey, rendezvousIndex } from '@catalog/contract';
import { createMemcachedPool } from '@catalog/contract/memcached-pool';
import { createMemcached } from '../../indexer/src/adapters/clients';
import { CacheInvalidator, invalidatorOptions } from '../../indexer/src/cache/cache-invalidator';
import { createMemjsCache } from '../../search-api/src/cache/memjs-cache';
import { dropAliasIndices, freePort, randomSuffix, stackClients } from './helpers';
import { fixtureCatalog, searchApiFor, seedProducts, startMemcached } from './search-fixtures';

// Two private memcached servers: the pool under test, away from the stack's shared one.
const ports = [await freePort(), await freePort()];
const procs = await Promise.all(ports.map((p) => startMemcached(p)));
const servers = ports.map((p) => `127.0.0.1:${p}`);
// One plain client per server, to see where a key really is.
const direct = new Map(servers.map((s) => [s, memjs.Client.create(s, { logger: { log: () => {} } })]));
const silent = pino({ level: 'silent' });

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const catalog = fixtureCatalog();
// A few products owned by each server, so that both servers take part.
const owned = servers.map((s) => catalog.filter((p) => servers[rendezvousIndex(productDetailKey(alias, p.id), servers)] === s).slice(0, 3));
const products = owned.flat();

const holders = async (key: string): Promise<string[]> => {
  const held: string[] = [];
  for (const [server, client] of direct) if ((await client.get(key)).value !== null) held.push(server);
  return held;
};

beforeAll(async () => {
  await seedProducts(es, alias, catalog);
});

afterAll(async () => {
  for (const client of direct.values()) client.close();
  await Promise.all(procs.map((p) => p.stop()));
  await dropAliasIndices(es, alias);
});

describe('memcached pool shared by search-api and the indexer', () => {
  it.each([
    ['in the same order', [...servers]],
    ['in reverse order', [...servers].reverse()],
  ])('the indexer invalidates product details that search-api cached on a 2-server pool, servers listed %s', async (_, indexerServers) => {
    expect(owned.map((o) => o.length)).toEqual([3, 3]);
    const cache = createMemjsCache({ servers, opTimeoutMs: 200, breakerFailures: 3, breakerCooldownMs: 500 });
    const { app, recorder } = searchApiFor({ alias, cache, settings: { admissionMinHits: 1 } });
    for (const p of products) {
      await app.request(`/v1/products/${p.id}`);
      expect((await app.request(`/v1/products/${p.id}`)).headers.get('x-cache')).toBe('HIT');
      // Cached on exactly the server that the indexer's list picks too, whatever the order of that list.
      const key = productDetailKey(alias, p.id);
      expect(await holders(key)).toEqual([indexerServers[rendezvousIndex(key, indexerServers)]]);
    }

    const pool = createMemcached({ servers: indexerServers, timeoutMs: 250, log: silent });
    const invalidator = new CacheInvalidator(pool, alias, silent, invalidatorOptions(250));
    await invalidator.beforeWrite(products.map((p) => p.id));
    for (const p of products) expect(await holders(productDetailKey(alias, p.id))).toEqual([]);
    invalidator.afterWrite(products.map((p) => p.id));
    await invalidator.flush();
    pool.close();

    for (const p of products) expect((await app.request(`/v1/products/${p.id}`)).headers.get('x-cache')).toBe('MISS');
    await recorder.close();
    await cache.close();
  });

  it('answers each of many requests made in one turn (sent in one write per server) with its own reply, large values included', async () => {
    const pool = createMemcachedPool(servers);
    try {
      // 200 keys over both servers; values from 10 bytes to ~200 KB, so replies span many socket reads.
      const entries = Array.from({ length: 200 }, (_, i) => [`turn-${randomSuffix()}-${i}`, `${i}:`.padEnd(10 + (i % 20) * 10_000, 'x')] as const);
      const before = await Promise.all(entries.map(([key]) => pool.clientFor(key).get(key)));
      expect(before.map((r) => r.value)).toEqual(entries.map(() => null));
      await Promise.all(entries.map(([key, value]) => pool.clientFor(key).set(key, value, { expires: 60 })));
      // Sets, gets and deletes interleaved in one turn: the order on each connection decides what each get sees.
      const mixed = await Promise.all(
        entries.map(async ([key], i) => {
          const client = pool.clientFor(key);
          const first = client.get(key);
          const gone = i % 2 === 0 ? client.delete(key) : Promise.resolve(false);
          const second = client.get(key);
          return [(await first).value?.toString(), await gone, (await second).value?.toString()];
        }),
      );
      expect(mixed).toEqual(entries.map(([, value], i) => (i % 2 === 0 ? [value, true, undefined] : [value, false, value])));
      expect(new Set(entries.map(([key]) => servers[rendezvousIndex(key, servers)])).size).toBe(2);
    } finally {
      pool.close();
    }
  });
});
