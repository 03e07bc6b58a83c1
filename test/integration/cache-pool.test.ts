import memjs from 'memjs';
import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDetailKey, rendezvousIndex } from '@catalog/contract';
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
});
