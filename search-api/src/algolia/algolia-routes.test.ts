import { describe, expect, it } from 'vitest';
import { checkApiDocs, HttpProblem } from '@catalog/contract/http';
import { fakeBackend, testApp } from '../test-support';
import { ALGOLIA_LIMITS } from './limits';

const post = (app: ReturnType<typeof testApp>['app'], path: string, body: unknown, headers: Record<string, string> = {}) =>
  app.request(path, { method: 'POST', body: typeof body === 'string' ? body : JSON.stringify(body), headers: { 'content-type': 'text/plain', ...headers } });

const expectAlgoliaError = async (res: Response, status: number, message: RegExp) => {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/json');
  const body = (await res.json()) as { message: string; status: number };
  expect(body).toEqual({ message: expect.stringMatching(message), status });
};

describe('Algolia routes: happy', () => {
  it('multi-query with a text/plain body: results in request order, one Elasticsearch search for a helper batch', async () => {
    // The shared search answers each query in its own filter aggregation m<i>.
    const members = { m0: { doc_count: 0 }, m1: { doc_count: 0 }, m2: { doc_count: 0 } };
    let searches = 0;
    const backend = fakeBackend({
      search: async () => {
        searches++;
        // Enough matches as typed: no second pass with typos.
        return { took: 1, hits: { total: { value: 50 }, hits: [] }, aggregations: members };
      },
    });
    const { app } = testApp({ backend });
    const res = await post(app, '/1/indexes/*/queries?x-algolia-api-key=k&x-algolia-application-id=a', {
      requests: [
        { indexName: 'products', query: 'tv', facets: ['brand'], facetFilters: [['brand:Sony']] },
        { indexName: 'products', query: 'tv', facets: 'brand', hitsPerPage: 0 },
        { indexName: 'products', type: 'facet', facet: 'brand', facetQuery: 'so', query: 'tv' },
      ],
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { results: Record<string, unknown>[] };
    expect(body.results).toHaveLength(3);
    expect(body.results[0]).toMatchObject({ hits: [], nbHits: 50, index: 'products', query: 'tv', facets: { brand: {} } });
    expect(body.results[1]).toMatchObject({ hitsPerPage: 0 });
    expect(body.results[2]).toMatchObject({ facetHits: [] });
    expect(searches).toBe(1);
    expect(backend.calls.msearch).toBe(0);
  });

  it('queries of different texts go in one _msearch', async () => {
    const backend = fakeBackend({}, { total: 50 });
    const { app } = testApp({ backend });
    const res = await post(app, '/1/indexes/*/queries', { requests: [{ indexName: 'products', query: 'a' }, { indexName: 'products', query: 'b' }] });
    expect(res.status).toBe(200);
    expect(backend.calls).toMatchObject({ search: 0, msearch: 1 });
    expect(backend.bodies).toHaveLength(2);
  });

  it('a batch that finds few products as typed runs again with typos in one more _msearch, only for its thin searches', async () => {
    // "samsng" is thin as typed, "b" is not; the typo pass of "samsng" finds 30.
    const answer = (b: unknown) => {
      const text = JSON.stringify(b);
      return { hits: { total: { value: text.includes('fuzziness') ? 30 : text.includes('"query":"samsng"') ? 2 : 50 }, hits: [] } };
    };
    const rounds: unknown[][] = [];
    const backend = fakeBackend({
      search: async (b) => (rounds.push([b]), answer(b)),
      multiSearch: async (all) => (rounds.push(all), all.map(answer)),
    });
    const { app } = testApp({ backend });
    const res = await post(app, '/1/indexes/*/queries', { requests: [{ indexName: 'products', query: 'samsng' }, { indexName: 'products', query: 'b' }] });
    const { results } = (await res.json()) as { results: { nbHits: number }[] };
    expect(results.map((r) => r.nbHits)).toEqual([30, 50]);
    expect(rounds.map((r) => r.length)).toEqual([2, 1]);
    expect(JSON.stringify(rounds[1])).toContain('"query":"samsng"');
  });

  it('single-index query and facet search endpoints read the params string', async () => {
    const { app } = testApp();
    const single = await post(app, '/1/indexes/products_price_asc/query', { params: 'query=tv&hitsPerPage=3' });
    expect(await single.json()).toMatchObject({ index: 'products_price_asc', query: 'tv', hitsPerPage: 3, params: 'query=tv&hitsPerPage=3' });
    const facets = await post(app, '/1/indexes/products/facets/brand/query', { facetQuery: 'so', params: 'query=tv' });
    expect(await facets.json()).toEqual({ facetHits: [], exhaustiveFacetsCount: true, processingTimeMS: expect.any(Number) });
  });

  it('queryID only with clickAnalytics; analytics counts first pages with text unless analytics is false', async () => {
    const { app, searches } = testApp();
    const res = await post(app, '/1/indexes/*/queries', {
      requests: [
        { indexName: 'products', query: 'TV ', clickAnalytics: true },
        { indexName: 'products', query: 'tv', page: 1 },
        { indexName: 'products', query: 'radio', analytics: false },
      ],
    });
    const { results } = (await res.json()) as { results: { queryID?: string }[] };
    expect(results[0]?.queryID).toMatch(/^[0-9a-f]{32}$/);
    expect(results[1]?.queryID).toBeUndefined();
    expect(searches).toEqual([['tv', 0]]);
  });

  it('the same batch is cached (X-Cache) and still gets a fresh queryID', async () => {
    const { app, backend } = testApp({ backend: fakeBackend({}, { total: 50 }) });
    const batch = { requests: [{ indexName: 'products', query: 'tv', clickAnalytics: true }] };
    const first = await post(app, '/1/indexes/*/queries', batch);
    const second = await post(app, '/1/indexes/*/queries', batch);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    expect(backend.calls.search).toBe(1);
    const ids = await Promise.all([first, second].map(async (r) => ((await r.json()) as { results: { queryID: string }[] }).results[0]?.queryID));
    expect(ids[0]).not.toBe(ids[1]);
  });

  it('two visitors sending the same search: one computation, each answer echoes its own userToken', async () => {
    const { app, backend } = testApp({ backend: fakeBackend({}, { total: 50 }) });
    const visitor = (userToken: string) => ({ requests: [{ indexName: 'products', query: 'tv', facets: ['brand'], clickAnalytics: true, userToken }] });
    const answers = [];
    for (const token of ['anonymous-ann', 'anonymous-ben', 'anonymous-ann']) {
      const res = await post(app, '/1/indexes/*/queries', visitor(token));
      const { results } = (await res.json()) as { results: { params: string; nbHits: number }[] };
      answers.push({ cache: res.headers.get('x-cache'), userToken: new URLSearchParams(results[0]?.params).get('userToken'), nbHits: results[0]?.nbHits });
    }
    expect(answers).toEqual([
      { cache: 'MISS', userToken: 'anonymous-ann', nbHits: 50 },
      { cache: 'HIT', userToken: 'anonymous-ben', nbHits: 50 },
      { cache: 'HIT', userToken: 'anonymous-ann', nbHits: 50 },
    ]);
    expect(backend.calls.search).toBe(1);
  });

  it('CORS: a simple cross-origin POST gets Access-Control-Allow-Origin; a preflight allows POST', async () => {
    const { app } = testApp();
    const res = await post(app, '/1/indexes/*/queries', { requests: [] }, { origin: 'https://shop.example' });
    expect(res.headers.get('access-control-allow-origin')).toBe('*');
    const preflight = await app.request('/1/indexes/*/queries', {
      method: 'OPTIONS',
      headers: { origin: 'https://shop.example', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-algolia-api-key' },
    });
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
  });
});

describe('Algolia routes: errors are { message, status }, never a 5xx for input', () => {
  it.each([
    ['not json', /Invalid JSON/],
    [{ requests: 'x' }, /requests: an array of at most 50/],
    [{ requests: Array.from({ length: ALGOLIA_LIMITS.maxRequests + 1 }, () => ({ indexName: 'products' })) }, /at most 50/],
    [{ requests: [{ indexName: 'products', hitsPerPage: 5000 }] }, /requests\[0\]\.hitsPerPage/],
    [{ requests: [{ indexName: 'products', filters: 'brand:Sony AND' }] }, /requests\[0\]\.filters/],
    [{ requests: [{ indexName: 'products', facetFilters: ['nope:x'] }] }, /unknown attribute "nope"/],
    [{ requests: [{ indexName: 'products', type: 'facet', facet: 'price' }] }, /Cannot search in "price"/],
  ])('%j → 400', async (body, message) => {
    await expectAlgoliaError(await post(testApp().app, '/1/indexes/*/queries', body), 400, message);
  });

  it('unknown index and unknown endpoint → 404', async () => {
    const { app } = testApp();
    await expectAlgoliaError(await post(app, '/1/indexes/nope/query', {}), 404, /Index nope does not exist/);
    await expectAlgoliaError(await post(app, '/1/indexes/products/browse', {}), 404, /No such endpoint/);
  });

  it('a body over the limit → 413', async () => {
    const big = JSON.stringify({ requests: [{ indexName: 'products', query: 'x'.repeat(ALGOLIA_LIMITS.maxBodyBytes) }] });
    await expectAlgoliaError(await post(testApp().app, '/1/indexes/*/queries', big), 413, /larger than/);
  });

  it('Elasticsearch down → 503 in the Algolia shape (the clients retry it)', async () => {
    const backend = fakeBackend({
      search: async () => {
        throw new HttpProblem('unavailable', 'the search backend is unavailable; retry shortly');
      },
    });
    await expectAlgoliaError(await post(testApp({ backend }).app, '/1/indexes/products/query', {}), 503, /unavailable/);
  });
});

describe('Algolia routes: documentation', () => {
  it('the three protocol paths are in /openapi.json with their responses', async () => {
    const { app } = testApp();
    const operations = ['POST /1/indexes/*/queries', 'POST /1/indexes/{index}/query', 'POST /1/indexes/{index}/facets/{facet}/query'];
    expect(await checkApiDocs((path) => app.request(path), { operations })).toEqual([]);
  });
});
