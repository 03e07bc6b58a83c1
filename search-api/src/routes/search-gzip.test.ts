import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { testApp } from '../test-support';

const gzipJson = async (res: Response): Promise<unknown> => JSON.parse(gunzipSync(Buffer.from(await res.arrayBuffer())).toString('utf8'));

describe('search answers for clients that accept gzip (issue 18, goal 2)', () => {
  it('a MISS and a HIT are gzip, each with its own echo, and the same answer as without gzip', async () => {
    const { app } = testApp();
    const headers = { 'accept-encoding': 'gzip, deflate, br' };
    const miss = await app.request('/v1/products/search?q=tv', { headers });
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.headers.get('content-encoding')).toBe('gzip');
    expect(miss.headers.get('content-type')).toBe('application/json');
    expect(miss.headers.get('vary')).toContain('Accept-Encoding');
    const missBody = await gzipJson(miss);
    expect(missBody).toMatchObject({ query: 'tv', cached: false, hits: [], page: 1 });
    const hit = await app.request('/v1/products/search?q=TV', { headers });
    expect(hit.headers.get('x-cache')).toBe('HIT');
    expect(hit.headers.get('content-encoding')).toBe('gzip');
    const plain = await app.request('/v1/products/search?q=Tv');
    expect(plain.headers.get('content-encoding')).toBeNull();
    const strip = (b: unknown) => ({ ...(b as Record<string, unknown>), tookMs: 0 });
    expect(strip(await gzipJson(hit))).toEqual(strip({ ...(await plain.json()), query: 'TV' }));
  });

  it('a client that refuses gzip gets none', async () => {
    const { app } = testApp();
    const res = await app.request('/v1/products/search?q=tv', { headers: { 'accept-encoding': 'gzip;q=0, identity' } });
    expect(res.headers.get('content-encoding')).toBeNull();
    expect(await res.json()).toMatchObject({ query: 'tv' });
  });

  it('the Algolia protocol: a multi-query and a single-index query are gzip with each result’s own echo, the same answer as without', async () => {
    const { app } = testApp();
    const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
      app.request(path, { method: 'POST', body: JSON.stringify(body), headers: { 'content-type': 'text/plain', ...headers } });
    const requests = [
      { indexName: 'products', params: 'query=tv&hitsPerPage=5&facets=%5B%22brand%22%5D&clickAnalytics=true' },
      { indexName: 'products', params: 'query=TV&hitsPerPage=0' },
    ];
    const gzip = { 'accept-encoding': 'gzip' };
    const miss = await post('/1/indexes/*/queries', { requests }, gzip);
    expect(miss.headers.get('x-cache')).toBe('MISS');
    expect(miss.headers.get('content-encoding')).toBe('gzip');
    const hit = await post('/1/indexes/*/queries', { requests }, gzip);
    expect(hit.headers.get('x-cache')).toBe('HIT');
    const zipped = (await gzipJson(hit)) as { results: Record<string, unknown>[] };
    const plain = (await (await post('/1/indexes/*/queries', { requests })).json()) as { results: Record<string, unknown>[] };
    const stable = (r: Record<string, unknown>) => ({ ...r, processingTimeMS: 0, queryID: typeof r.queryID });
    expect(zipped.results.map(stable)).toEqual(plain.results.map(stable));
    expect(zipped.results.map((r) => [r.query, r.hitsPerPage, typeof r.queryID])).toEqual([
      ['tv', 5, 'string'],
      ['TV', 0, 'undefined'],
    ]);
    const single = await post('/1/indexes/products/query', { query: 'tv', hitsPerPage: 5 }, gzip);
    expect(single.headers.get('content-encoding')).toBe('gzip');
    expect(await gzipJson(single)).toMatchObject({ query: 'tv', hitsPerPage: 5, index: 'products', hits: [] });
  });
});
