import { describe, expect, it } from 'vitest';
import { fakeAnalyticsStore, fakeBackend, testApp } from '../test-support';

const TOKEN = 'suggestions-admin-token';
const auth = { authorization: `Bearer ${TOKEN}` };
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const buckets = (pairs: [string, number][]) => ({ aggregations: { top: { buckets: pairs.map(([key, doc_count]) => ({ key, doc_count })) } } });
const ban = (app: ReturnType<typeof testApp>['app'], query: string) =>
  app.request('/v1/admin/suggestions/bans', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ query }) });

describe('popular and no-result lists', () => {
  it('ask Elasticsearch for queries with at least minClients client-days, banned ones left out', async () => {
    const bodies: unknown[] = [];
    const analytics = fakeAnalyticsStore({
      top: async (b) => {
        bodies.push(b);
        return buckets([['tv', 5]]);
      },
    });
    const { app } = testApp({ analytics, adminToken: TOKEN, minClients: 4 });
    await ban(app, 'Cheap  Pills');
    const res = await app.request('/v1/searches/popular?limit=3');
    expect(await res.json()).toEqual({ queries: [{ query: 'tv', count: 5 }] });
    const sent = JSON.stringify(bodies[0]);
    expect(sent).toContain('"min_doc_count":4');
    expect(sent).toContain('{"terms":{"query":["cheap pills"]}}');
    expect(sent).toContain('{"range":{"hits":{"gt":0}}}');
  });

  it('never list a banned query or one that breaks the rules, even if the store returns it', async () => {
    const analytics = fakeAnalyticsStore({ top: async () => buckets([['<script>', 50], ['cheap pills', 40], ['tv', 5]]) });
    const { app } = testApp({ analytics, adminToken: TOKEN });
    await ban(app, 'cheap pills');
    for (const kind of ['popular', 'no-results']) {
      expect(await (await app.request(`/v1/searches/${kind}`)).json()).toEqual({ queries: [{ query: 'tv', count: 5 }] });
    }
  });

  it('answer 503 while the banned queries cannot be read (fail closed)', async () => {
    const analytics = fakeAnalyticsStore({ listBans: async () => Promise.reject(new Error('es down')) });
    const res = await testApp({ analytics }).app.request('/v1/searches/popular');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
  });
});

describe('autocomplete query suggestions', () => {
  const backend = (queries: string[]) =>
    fakeBackend({ autocomplete: async () => ({ products: { hits: { hits: [] } }, queries: buckets(queries.map((q) => [q, 9])) }) });

  it('suggest recorded queries within the rules, never a banned one, not even from the cache', async () => {
    const { app } = testApp({ backend: backend(['sony tv', 'sony <b>', 'sony pills']), adminToken: TOKEN, settings: { admissionMinHits: 1 } });
    const texts = async () => ((await (await app.request('/v1/products/autocomplete?q=son')).json()) as { suggestions: { text: string }[] }).suggestions.map((s) => s.text);
    expect(await texts()).toEqual(['sony tv', 'sony pills']);
    expect(await texts()).toEqual(['sony tv', 'sony pills']); // now cached
    expect((await ban(app, 'sony pills')).status).toBe(200);
    expect(await texts()).toEqual(['sony tv']);
  });

  it('suggest no recorded query while the banned queries cannot be read', async () => {
    const analytics = fakeAnalyticsStore({ listBans: async () => Promise.reject(new Error('es down')) });
    const { app } = testApp({ backend: backend(['sony tv']), analytics });
    const res = await app.request('/v1/products/autocomplete?q=son');
    expect(res.status).toBe(200);
    expect(((await res.json()) as { suggestions: unknown[] }).suggestions).toEqual([]);
  });
});

describe('recording', () => {
  it('passes the client address of each search to the recorder', async () => {
    const { app, searchers } = testApp();
    await app.request('/v1/products/search?q=tv', {}, from('203.0.113.9'));
    await app.request('/v1/products/search?q=tv');
    expect(searchers).toEqual(['203.0.113.9', undefined]);
  });

  it('passes the client address of an Algolia protocol search to the recorder', async () => {
    const { app, searches, searchers } = testApp();
    const body = JSON.stringify({ requests: [{ indexName: 'products', params: 'query=tv' }] });
    const res = await app.request('/1/indexes/*/queries', { method: 'POST', body }, from('198.51.100.7'));
    expect(res.status).toBe(200);
    expect(searches.map(([q]) => q)).toEqual(['tv']);
    expect(searchers).toEqual(['198.51.100.7']);
  });
});

describe('suggestions admin', () => {
  it('does not exist without ADMIN_TOKEN', async () => {
    const res = await testApp().app.request('/v1/admin/suggestions', { headers: auth });
    expect(res.status).toBe(404);
  });

  it('is documented in /openapi.json with the bearer scheme, only when it exists', async () => {
    const doc = (await (await testApp({ adminToken: TOKEN }).app.request('/openapi.json')).json()) as {
      paths: Record<string, Record<string, { security?: unknown }>>;
      components: { securitySchemes?: Record<string, unknown> };
    };
    expect(doc.paths['/v1/admin/suggestions/bans']?.put?.security).toEqual([{ bearer: [] }]);
    expect(doc.components.securitySchemes?.bearer).toBeDefined();
    const off = (await (await testApp().app.request('/openapi.json')).json()) as { paths: Record<string, unknown> };
    expect(Object.keys(off.paths).filter((p) => p.startsWith('/v1/admin'))).toEqual([]);
  });

  it('refuses requests without the token', async () => {
    const { app } = testApp({ adminToken: TOKEN });
    expect((await app.request('/v1/admin/suggestions')).status).toBe(401);
    expect((await app.request('/v1/admin/suggestions/bans', { method: 'PUT', body: '{"query":"x"}' })).status).toBe(401);
  });

  it('lists candidates with their client counts, whether shown and whether banned', async () => {
    const analytics = fakeAnalyticsStore({ top: async () => buckets([['cheap pills', 40], ['tv', 5], ['rare', 1]]) });
    const { app } = testApp({ analytics, adminToken: TOKEN, minClients: 3 });
    await ban(app, 'cheap pills');
    const res = await app.request('/v1/admin/suggestions?prefix=&limit=10', { headers: auth });
    expect(await res.json()).toEqual({
      minClients: 3,
      items: [
        { query: 'cheap pills', clients: 40, banned: true, suggested: false },
        { query: 'tv', clients: 5, banned: false, suggested: true },
        { query: 'rare', clients: 1, banned: false, suggested: false },
      ],
    });
  });

  it('bans (normalised, idempotent), lists and lifts bans; lifting an unknown one is a 404', async () => {
    const { app } = testApp({ adminToken: TOKEN });
    const first = (await (await ban(app, '  Cheap   PILLS ')).json()) as { query: string; bannedAt: string };
    expect(first.query).toBe('cheap pills');
    expect(await (await ban(app, 'cheap pills')).json()).toEqual(first);
    expect(await (await app.request('/v1/admin/suggestions/bans', { headers: auth })).json()).toEqual({ items: [first] });
    expect((await app.request('/v1/admin/suggestions/bans?query=Cheap%20Pills', { method: 'DELETE', headers: auth })).status).toBe(204);
    const again = await app.request('/v1/admin/suggestions/bans?query=cheap%20pills', { method: 'DELETE', headers: auth });
    expect(again.status).toBe(404);
    expect(again.headers.get('content-type')).toBe('application/problem+json');
  });

  it.each([
    ['an empty query', { query: '' }, 'query'],
    ['a control character', { query: 'tv\u0000' }, 'query'],
    ['an unknown key', { query: 'tv', extra: 1 }, 'extra'],
    ['no query', {}, 'query'],
  ])('refuses a ban with %s: 400 naming the field', async (_why, body, path) => {
    const { app } = testApp({ adminToken: TOKEN });
    const res = await app.request('/v1/admin/suggestions/bans', { method: 'PUT', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify(body) });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
  });
});
