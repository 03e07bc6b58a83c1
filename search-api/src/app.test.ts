import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { CacheError, type Cache } from './cache/cache';
import { fakeBackend, testApp } from './test-support';

async function expectProblem(res: Response, status: number, param?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { status: number; detail: string; errors?: { path: string }[] };
  expect(body.status).toBe(status);
  if (param) expect(body.errors?.map((e) => e.path)).toContain(param);
  return body;
}

describe('search: happy', () => {
  it('answers the contract shape with X-Cache MISS then HIT', async () => {
    const { app } = testApp();
    const first = await app.request('/v1/products/search?q=tv');
    expect(first.status).toBe(200);
    expect(first.headers.get('x-cache')).toBe('MISS');
    expect(await first.json()).toMatchObject({ query: 'tv', page: 1, perPage: 20, total: 0, totalPages: 0, hits: [], cached: false });
    const second = await app.request('/v1/products/search?q=TV');
    expect(second.headers.get('x-cache')).toBe('HIT');
    expect(await second.json()).toMatchObject({ query: 'TV', cached: true });
  });

  it('records first-page searches with text, normalised', async () => {
    const { app, searches } = testApp();
    await app.request('/v1/products/search?q=%20Sony%20%20TV');
    await app.request('/v1/products/search?q=sony&page=2');
    await app.request('/v1/products/search');
    expect(searches).toEqual([['sony tv', 0]]);
  });

  it.each([
    'brand=Sony&brand=LG',
    'category=Electronics%20%3E%20Audio',
    'attr.color=black&attr.color=red&attr.size=m',
    'price_min=0&price_max=10.5&rating_min=4.5&in_stock=false',
    'sort=newest&page=500&per_page=20',
    `q=${'x'.repeat(200)}`,
  ])('accepts %s', async (qs) => {
    const { app } = testApp();
    expect((await app.request(`/v1/products/search?${qs}`)).status).toBe(200);
  });

  it('answers CORS preflights and compresses large bodies', async () => {
    const { app } = testApp();
    const pre = await app.request('/v1/products/search', { method: 'OPTIONS', headers: { Origin: 'https://shop.example', 'Access-Control-Request-Method': 'GET' } });
    expect(pre.headers.get('access-control-allow-origin')).toBe('*');
    const docs = await app.request('/openapi.json', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(docs.headers.get('content-encoding')).toBe('gzip');
    const asset = await app.request('/assets/storefront.js', { headers: { 'Accept-Encoding': 'gzip' } });
    expect(asset.headers.get('content-encoding')).toBe('gzip');
  });

  it.each(['/healthz', '/v1/products/autocomplete?q=lap', '/v1/products/SKU-404', '/v1/products/search?per_page=0'])(
    'a small answer (health, suggestions, an unknown product, a refusal) goes uncompressed to a client accepting gzip: %s',
    async (path) => {
      const res = await testApp().app.request(path, { headers: { 'Accept-Encoding': 'gzip' } });
      expect(res.headers.get('content-encoding')).toBeNull();
      expect(await res.json()).toBeTypeOf('object');
    },
  );
});

describe('search: errors', () => {
  it.each([
    ['q', `q=${'x'.repeat(201)}`],
    ['per_page', 'per_page=0'],
    ['per_page', 'per_page=101'],
    ['per_page', 'per_page=abc'],
    ['page', 'page=0'],
    ['page', 'page=1.5'],
    ['page', 'page=101&per_page=100'],
    ['price_min', 'price_min=-1'],
    ['price_min', 'price_min=x'],
    ['price_min', 'price_min=10&price_max=5'],
    ['rating_min', 'rating_min=6'],
    ['in_stock', 'in_stock=yes'],
    ['sort', 'sort=cheapest'],
    ['brand', `brand=${'b'.repeat(301)}`],
    ['attr.Color', 'attr.Color=red'],
    ['colour', 'colour=red'],
    ['attr.', 'attr.=red'],
  ])('400 naming %s for %s', async (param, qs) => {
    const { app, backend } = testApp();
    await expectProblem(await app.request(`/v1/products/search?${qs}`), 400, param);
    expect(backend.calls.search).toBe(0);
  });

  it('503 problem when Elasticsearch is down, without its text', async () => {
    const backend = fakeBackend({
      search: async () => {
        const { toHttpProblem } = await import('./es/es-errors');
        throw toHttpProblem(new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'));
      },
    });
    const body = await expectProblem(await testApp({ backend }).app.request('/v1/products/search?q=tv'), 503);
    expect(body.detail).not.toContain('ECONNREFUSED');
  });

  it('generic 500 for an unexpected failure', async () => {
    const backend = fakeBackend({ search: async () => ({ not: 'a search response' }) });
    const body = await expectProblem(await testApp({ backend }).app.request('/v1/products/search?q=tv'), 500);
    expect(body.detail).toBe('an unexpected error occurred; it has been logged');
  });

  it('still 200 when the cache fails on every call', async () => {
    const failing: Cache = {
      get: () => Promise.reject(new CacheError('timeout', 'slow')),
      set: () => Promise.reject(new CacheError('timeout', 'slow')),
      add: () => Promise.reject(new CacheError('timeout', 'slow')),
      delete: () => Promise.reject(new CacheError('timeout', 'slow')),
      close: async () => {},
    };
    const { app, registry } = testApp({ cache: failing, settings: { generationRefreshMs: 60_000 } });
    const res = await app.request('/v1/products/search?q=tv');
    expect(res.status).toBe(200);
    expect(res.headers.get('x-cache')).toBe('MISS');
    expect(await registry.metrics()).toContain('search_api_cache_errors_total{op="generation"} 1');
  });
});

describe('autocomplete, product, top queries', () => {
  it.each([
    ['limit', 'limit=0'],
    ['limit', 'limit=21'],
    ['q', `q=${'x'.repeat(201)}`],
    ['size', 'size=3'],
  ])('autocomplete 400 naming %s', async (param, qs) => {
    await expectProblem(await testApp().app.request(`/v1/products/autocomplete?${qs}`), 400, param);
  });

  it('autocomplete answers its shape', async () => {
    const res = await testApp().app.request('/v1/products/autocomplete?q=so');
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ query: 'so', suggestions: [], cached: false });
  });

  it('404 problem for an unknown product, 400 for an invalid id', async () => {
    const { app } = testApp();
    await expectProblem(await app.request('/v1/products/SKU-404'), 404);
    await expectProblem(await app.request('/v1/products/bad%20id'), 400, 'id');
  });

  it.each(['popular', 'no-results'])('%s lists queries and validates limit', async (kind) => {
    const { app } = testApp();
    expect(await (await app.request(`/v1/searches/${kind}?limit=5`)).json()).toEqual({ queries: [{ query: 'tv', count: 3 }] });
    await expectProblem(await app.request(`/v1/searches/${kind}?limit=101`), 400, 'limit');
    await expectProblem(await app.request(`/v1/searches/${kind}?top=1`), 400, 'top');
  });
});

describe('ops and docs', () => {
  it('serves healthz, readyz, metrics with route latency, the OpenAPI document and the docs page', async () => {
    const { app } = testApp();
    await app.request('/v1/products/search?q=tv');
    expect((await app.request('/healthz')).status).toBe(200);
    expect((await app.request('/readyz')).status).toBe(200);
    const metrics = await (await app.request('/metrics')).text();
    expect(metrics).toContain('search_api_http_request_duration_seconds_count{method="GET",route="/v1/products/search",status="200"} 1');
    expect(metrics).toContain('search_api_cache_requests_total{kind="search",outcome="miss"} 1');
    const doc = (await (await app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining(['/v1/products/search', '/v1/products/autocomplete', '/v1/products/{id}', '/v1/searches/popular', '/v1/searches/no-results']),
    );
    expect((await app.request('/docs')).status).toBe(200);
  });

  it('404 problem for unknown routes and a request id on every answer', async () => {
    const res = await testApp().app.request('/nope');
    expect(res.headers.get('x-request-id')).toBeTruthy();
    await expectProblem(res, 404);
  });
});
