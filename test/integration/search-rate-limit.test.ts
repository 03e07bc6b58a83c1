import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { createSearchRateLimiter } from '../../search-api/src/rate-limit/search-rate-limiter';
import { dropAliasIndices, eventually, freePort, randomSuffix, stackClients } from './helpers';
import { searchApiFor, startMemcached } from './search-fixtures';

// A private memcached: the last test stops it, which must not disturb anyone else.
const port = await freePort();
const memcached = await startMemcached(port);
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const limiters: { close: () => void }[] = [];

/** One search-api instance whose limiter counts in the private memcached (points per minute per client). */
function instance(points: number, storeErrors: unknown[] = []) {
  const rl = createSearchRateLimiter({
    points,
    windowSeconds: 60,
    alias,
    memcached: { servers: [`127.0.0.1:${port}`], opTimeoutMs: 100, breakerFailures: 3, breakerCooldownMs: 1_000, onStoreError: (e) => storeErrors.push(e) },
  });
  limiters.push(rl);
  return searchApiFor({ alias, rateLimiter: rl.limiter });
}

beforeAll(async () => {
  await ensureProductIndex(es, alias);
});

afterAll(async () => {
  for (const l of limiters) l.close();
  await memcached.stop();
  await dropAliasIndices(es, alias);
});

describe('rate limit shared through memcached', () => {
  it('two instances share one client budget: the client is refused on both once it used it, another client is not', async () => {
    const [a, b] = [instance(10), instance(10)];
    const statuses: number[] = [];
    for (let i = 0; i < 14; i++) {
      const res = await (i % 2 ? a : b).app.request(`/v1/products/search?q=shared${i}`, {}, from('198.51.100.20'));
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 10).every((s) => s === 200)).toBe(true);
    expect(statuses.slice(10)).toEqual([429, 429, 429, 429]);
    const refused = await a.app.request('/v1/products/search?q=x', {}, from('198.51.100.20'));
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(Number(refused.headers.get('retry-after'))).toBeLessThanOrEqual(60);
    expect((await b.app.request('/v1/products/search?q=x', {}, from('198.51.100.21'))).status).toBe(200);
    await Promise.all([a.recorder.close(), b.recorder.close()]);
  });

  it('a window ends: the counters memcached keeps expire, so a refused client is served again', async () => {
    const rl = createSearchRateLimiter({ points: 2, windowSeconds: 2, alias, memcached: { servers: [`127.0.0.1:${port}`], opTimeoutMs: 100, breakerFailures: 3, breakerCooldownMs: 1_000 } });
    limiters.push(rl);
    const a = searchApiFor({ alias, rateLimiter: rl.limiter });
    const status = async (client = '198.51.100.40') => (await a.app.request('/v1/products/search?q=window', {}, from(client))).status;
    // Warm the search from another client first, so that the three counted requests fit in one window on a busy machine.
    expect(await status('198.51.100.41')).toBe(200);
    expect([await status(), await status(), await status()]).toEqual([200, 200, 429]);
    // memjs would create a missing counter without expiry (a window that never ends); the adapter must not.
    await eventually(async () => ((await status()) === 200 ? true : undefined), 8_000, 100);
    await a.recorder.close();
  });

  it('memcached down: requests are still served, each instance limits on its own, and the failures are counted', async () => {
    const storeErrors: unknown[] = [];
    const a = instance(5, storeErrors);
    expect((await a.app.request('/v1/products/search?q=before', {}, from('198.51.100.30'))).status).toBe(200);
    await memcached.stop();
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) statuses.push((await a.app.request(`/v1/products/search?q=down${i}`, {}, from('198.51.100.31'))).status);
    // The in-memory insurance limiter took over: served up to the limit, refused beyond it.
    expect(statuses).toEqual([200, 200, 200, 200, 200, 429, 429]);
    expect(storeErrors.length).toBeGreaterThan(0);
    await a.recorder.close();
  });
});
