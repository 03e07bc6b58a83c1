import memjs from 'memjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { productDetailKey, searchGenerationKey, type Product } from '@catalog/contract';
import { describeCacheCases } from '../../search-api/src/cache/cache.cases';
import { createMemjsCache } from '../../search-api/src/cache/memjs-cache';
import { dropAliasIndices, eventually, freePort, randomSuffix, stackClients } from './helpers';
import { fixtureCatalog, indexDocs, searchApiFor, seedProducts, startMemcached, toFixtureDoc } from './search-fixtures';

// A private memcached: these tests stop and restart it, which must not disturb anyone else.
const port = await freePort();
const memcached = { server: await startMemcached(port) };
const servers = [`127.0.0.1:${port}`];
// A generous op deadline by default: these tests count HITs, and a whole-suite run on two loaded cores once took a
// 100 ms Memcached read for an outage (a MISS among ten sequential hits). The outage test sets its own short deadline.
const memjsCache = (o: { opTimeoutMs?: number; breakerCooldownMs?: number } = {}) =>
  createMemjsCache({ servers, opTimeoutMs: o.opTimeoutMs ?? 1_000, breakerFailures: 3, breakerCooldownMs: o.breakerCooldownMs ?? 500 });

describeCacheCases('memjs against a real memcached', () => ({
  cache: memjsCache(),
  advance: (ms) => new Promise((r) => setTimeout(r, ms)),
}));

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const catalog = fixtureCatalog();
const raw = memjs.Client.create(servers.join(','), { logger: { log: () => {} } });
const bumpGeneration = async () => {
  // What the indexer does after each bulk (cache-keys.ts): create with add, else increment.
  if (!(await raw.add(searchGenerationKey(alias), '1'))) await raw.increment(searchGenerationKey(alias), 1);
};

beforeAll(async () => {
  await seedProducts(es, alias, catalog);
});

afterAll(async () => {
  raw.close();
  await memcached.server.stop();
  await dropAliasIndices(es, alias);
});

describe('search cache', () => {
  it('admits a query on its second sighting: MISS, MISS, HIT with the same body and no Elasticsearch call', async () => {
    const { app, backend, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 2 } });
    const seen: { xcache: string | null; cached: boolean; body: unknown; esSearches: number }[] = [];
    for (let i = 0; i < 3; i++) {
      const before = backend.calls.search;
      // A query that finds enough products as typed: one Elasticsearch search (a thin one adds the typo pass).
      const res = await app.request('/v1/products/search?q=home&sort=rating_desc');
      expect(res.status).toBe(200);
      const { cached, tookMs: _took, ...body } = (await res.json()) as { cached: boolean; tookMs: number };
      seen.push({ xcache: res.headers.get('x-cache'), cached, body, esSearches: backend.calls.search - before });
    }
    expect(seen.map((s) => `${s.xcache}/${s.cached}/${s.esSearches}`)).toEqual(['MISS/false/1', 'MISS/false/1', 'HIT/true/0']);
    expect(seen[2]?.body).toEqual(seen[0]?.body);
    await recorder.close();
  });

  it('a generation bump retires cached searches: an update is visible at once after it', async () => {
    const { app, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1 } });
    const first = (await (await app.request('/v1/products/search?q=blender')).json()) as { total: number };
    expect((await app.request('/v1/products/search?q=blender')).headers.get('x-cache')).toBe('HIT');
    const p = catalog.find((x) => x.title.includes('Yoga')) as Product;
    await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, title: `${p.title} Blender Edition` }, 2) }]);
    await bumpGeneration();
    const res = await app.request('/v1/products/search?q=blender');
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(((await res.json()) as { total: number }).total).toBe(first.total + 1);
    await recorder.close();
  });

  it('after a bump an answer younger than the staleness bound still answers; an instance with no bound shows the update', async () => {
    // No background refresh here (it would replace the shared entry before the strict instance reads it).
    const lenient = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1, staleMaxMs: 60_000, refreshAfterMs: 60_000 } });
    const strict = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1, staleMaxMs: 0 } });
    const path = '/v1/products/search?q=lamp';
    const total = async (app: typeof lenient.app) => {
      const res = await app.request(path);
      return { xcache: res.headers.get('x-cache'), total: ((await res.json()) as { total: number }).total };
    };
    const before = await total(lenient.app);
    expect(await total(lenient.app)).toEqual({ xcache: 'HIT', total: before.total });
    const p = catalog.find((x) => x.title.includes('Office Chair')) as Product;
    await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, title: `${p.title} Lamp Edition` }, 2) }]);
    await bumpGeneration();
    // The same entry, stamped under the old generation: within 60 s it answers, past 0 s it does not.
    expect(await total(lenient.app)).toEqual({ xcache: 'HIT', total: before.total });
    expect(await total(strict.app)).toEqual({ xcache: 'MISS', total: before.total + 1 });
    await Promise.all([lenient.recorder.close(), strict.recorder.close()]);
  });

  describe('background refresh within the staleness bound', () => {
    const priceOf = async (app: ReturnType<typeof searchApiFor>['app'], path: string, id: string) => {
      const startedAt = Date.now();
      const res = await app.request(path);
      const body = (await res.json()) as { hits: { id: string; price: number }[] };
      return { startedAt, xcache: res.headers.get('x-cache'), price: body.hits.find((h) => h.id === id)?.price };
    };

    it('after a bump an old answer past the refresh age answers at once (HIT) while one Elasticsearch search replaces it', async () => {
      const { app, backend, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1, staleMaxMs: 60_000, refreshAfterMs: 0 } });
      const p = catalog.find((x) => x.title === 'Trail Running Shoes') as Product;
      const path = '/v1/products/search?q=trail%20running&sort=price_desc';
      await app.request(path);
      expect(await priceOf(app, path, p.id)).toMatchObject({ xcache: 'HIT', price: p.price });
      await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, price: p.price + 1 }, 3) }]);
      await bumpGeneration();
      const before = backend.calls.search;
      // Twenty requests at once: every one answered from the cache with the old price, one search behind them.
      const answers = await Promise.all(Array.from({ length: 20 }, () => priceOf(app, path, p.id)));
      expect(answers.map((a) => `${a.xcache}/${a.price}`)).toEqual(Array.from({ length: 20 }, () => `HIT/${p.price}`));
      const fresh = await eventually(async () => {
        const a = await priceOf(app, path, p.id);
        return a.price === p.price + 1 ? a : undefined;
      }, 10_000, 20);
      expect(fresh.xcache).toBe('HIT');
      // Thin queries add their typo pass: one refresh is one or two requests, never one per waiting request.
      expect(backend.calls.search - before).toBeGreaterThanOrEqual(1);
      expect(backend.calls.search - before).toBeLessThanOrEqual(2);
      await recorder.close();
    });

    it('NF-FRESH-02: no answer misses a change acknowledged by Elasticsearch longer ago than CACHE_STALE_MAX_MS', async () => {
      // Wide enough that the old answer is still young after a slow write on a loaded machine.
      const staleMaxMs = 6_000;
      const { app, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1, staleMaxMs, refreshAfterMs: 4_000 } });
      const p = catalog.find((x) => x.title === 'Trail Running Shoes') as Product;
      const path = '/v1/products/search?q=trail%20running&sort=price_asc';
      const { price } = await priceOf(app, path, p.id);
      expect(price).toBeDefined();
      // The answer is cached young, then the index changes (acknowledged once visible: refresh) and the generation moves on.
      await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, price: (price ?? 0) + 10 }, 4) }]);
      const ackedAt = Date.now();
      await bumpGeneration();
      const answers: Awaited<ReturnType<typeof priceOf>>[] = [];
      await eventually(async () => {
        answers.push(await priceOf(app, path, p.id));
        return answers.at(-1)?.price === (price ?? 0) + 10 ? true : undefined;
      }, 20_000, 20);
      const old = answers.filter((a) => a.price === price);
      // The old answer did serve after the change (from the cache), but none was asked for past the bound.
      expect(old.length).toBeGreaterThan(0);
      expect(old.every((a) => a.xcache === 'HIT')).toBe(true);
      expect(Math.max(...old.map((a) => a.startedAt)) - ackedAt).toBeLessThanOrEqual(staleMaxMs);
      await recorder.close();
    });

    it('refresh-ahead: a popular answer is recomputed after a change with no request; past the old bound the next request is a HIT showing it', async () => {
      const staleMaxMs = 3_000;
      const settings = { admissionMinHits: 1, staleMaxMs, refreshAfterMs: 1_000, refreshAheadPerSecond: 5 };
      const { app, backend, registry, recorder } = searchApiFor({ alias, cache: memjsCache(), settings });
      const refreshedAhead = async () => (await registry.getSingleMetric('search_api_cache_refresh_ahead_total')?.get())?.values.find((v) => v.labels.outcome === 'searched')?.value ?? 0;
      const p = catalog.find((x) => x.title === 'Trail Running Shoes') as Product;
      const path = '/v1/products/search?q=trail%20running&sort=rating_desc';
      // Popular: the first request computes, the other nine are hits (which show its entry to refresh-ahead).
      const asked: Awaited<ReturnType<typeof priceOf>>[] = [];
      for (let i = 0; i < 10; i++) asked.push(await priceOf(app, path, p.id));
      expect(asked.slice(1).every((a) => a.xcache === 'HIT')).toBe(true);
      const price = asked[0]?.price ?? 0;
      await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, price: price + 5 }, 6) }]);
      const changedAt = Date.now();
      await bumpGeneration();
      const before = backend.calls.search;
      // No request meanwhile: refresh-ahead alone searches once the entry is past the refresh age under the old generation.
      await eventually(async () => ((await refreshedAhead()) >= 1 ? true : undefined), 15_000, 50);
      expect(backend.calls.search - before).toBeGreaterThanOrEqual(1);
      // Once the old answer is past the bound it would be refused: the request is still a hit, and shows the change.
      await eventually(async () => (Date.now() - changedAt > staleMaxMs ? true : undefined), 10_000, 50);
      expect(await priceOf(app, path, p.id)).toMatchObject({ xcache: 'HIT', price: price + 5 });
      app.service.stopRefreshAhead();
      await recorder.close();
    });
  });

  it('product details are invalidated precisely by id', async () => {
    const { app, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1 } });
    const p = catalog[2] as Product;
    await app.request(`/v1/products/${p.id}`);
    expect((await app.request(`/v1/products/${p.id}`)).headers.get('x-cache')).toBe('HIT');
    await indexDocs(es, alias, [{ id: p.id, doc: toFixtureDoc({ ...p, price: 1.5 }, 2) }]);
    await raw.delete(productDetailKey(alias, p.id));
    const res = await app.request(`/v1/products/${p.id}`);
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(((await res.json()) as Product).price).toBe(1.5);
    await recorder.close();
  });

  it('stampede: 100 concurrent identical misses make one Elasticsearch search', async () => {
    const { app, backend, recorder } = searchApiFor({ alias, cache: memjsCache(), settings: { admissionMinHits: 1 } });
    const before = backend.calls.search;
    const responses = await Promise.all(Array.from({ length: 100 }, () => app.request('/v1/products/search?q=electronics&sort=price_asc')));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(backend.calls.search - before).toBe(1);
    await recorder.close();
  });

  it('stampede across two instances: the lock holder searches, the other waits for its answer', async () => {
    const settings = { admissionMinHits: 1, lockWaitMs: 2_000 };
    const a = searchApiFor({ alias, cache: memjsCache(), settings });
    const b = searchApiFor({ alias, cache: memjsCache(), settings });
    const path = '/v1/products/search?q=home&sort=newest';
    const responses = await Promise.all(Array.from({ length: 50 }, (_, i) => (i % 2 ? a : b).app.request(path)));
    expect(responses.every((r) => r.status === 200)).toBe(true);
    expect(a.backend.calls.search + b.backend.calls.search).toBe(1);
    await Promise.all([a.recorder.close(), b.recorder.close()]);
  });

  it('memcached stopped mid-test: still 200 with the same answers, the breaker fails fast, and the cache comes back', async () => {
    const cache = memjsCache({ opTimeoutMs: 50, breakerCooldownMs: 300 });
    // With refresh-ahead on, as by default: it must not change what a user sees while memcached is down.
    const settings = { admissionMinHits: 1, generationRefreshMs: 0, staleMaxMs: 3_000, refreshAfterMs: 1_000, refreshAheadPerSecond: 20 };
    const { app, registry, recorder } = searchApiFor({ alias, cache, settings });
    const path = '/v1/products/search?q=speaker';
    // The cache works before the outage: on a loaded machine one call may outlast the 50 ms deadline, so wait for a HIT.
    await eventually(async () => ((await app.request(path)).headers.get('x-cache') === 'HIT' ? true : undefined), 5_000, 50);

    await memcached.server.stop();
    // The same searches through an app without memcached: what the user must see while it is down.
    const baseline = searchApiFor({ alias, settings: { admissionMinHits: 1_000 } });
    const answer = async (a: typeof baseline.app, url: string) => {
      const res = await a.request(url);
      expect(res.status).toBe(200);
      const { tookMs: _took, ...body } = (await res.json()) as { tookMs: number };
      return { xcache: res.headers.get('x-cache'), body };
    };
    for (let i = 0; i < 30; i++) {
      const url = `${path}&page=${(i % 3) + 1}`;
      const [down, base] = [await answer(app, url), await answer(baseline.app, url)];
      expect(down.xcache).toBe('MISS');
      expect(down.body).toEqual(base.body);
    }
    // After a few failures the breaker is open: further calls fail fast instead of waiting for a dead memcached.
    expect(cache.circuit()).not.toBe('closed');
    expect(await registry.metrics()).toMatch(/search_api_cache_errors_total\{op="generation"\} \d+/);
    await baseline.recorder.close();

    memcached.server = await startMemcached(port);
    // Back after the breaker's cooldown: the next admitted search is stored and read again.
    await eventually(async () => ((await app.request(path)).headers.get('x-cache') === 'HIT' ? true : undefined), 5_000, 100);
    app.service.stopRefreshAhead();
    await recorder.close();
  });
});
