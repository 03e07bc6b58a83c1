import { errors } from '@elastic/elasticsearch';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SEARCH_LIMITS as L } from '@catalog/contract';
import { toHttpProblem } from '../es/es-errors';
import { MAX_QUERY_ERRORS } from '../http/query-errors';
import { fakeBackend, testApp } from '../test-support';

type ProblemBody = { status: number; detail: string; errors?: { path: string; message: string }[] };
const many = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i)).join('&');

async function problem(res: Response, status: number): Promise<ProblemBody> {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  return (await res.json()) as ProblemBody;
}

describe('issue 12: hostile search parameters are refused before Elasticsearch', () => {
  it.each([
    ['1,000 distinct attr.<name> parameters', many(1000, (i) => `attr.a${i}=x`), `attr.a${L.attrNames}`],
    ['200 attr.<name> parameters', many(200, (i) => `attr.a${i}=x`), `attr.a${L.attrNames}`],
    ['20 deep 300-character categories', many(20, (i) => `category=${encodeURIComponent(Array.from({ length: 20 }, () => `${i}${'c'.repeat(12)}`).join(' > '))}`), 'category'],
    ['one 75-level category', `category=${encodeURIComponent(Array.from({ length: 75 }, () => 'c').join(' > '))}`, 'category'],
    ['33 words', `q=${encodeURIComponent(Array.from({ length: 33 }, (_, i) => `w${i}`).join(' '))}`, 'q'],
    ['51 filter values', `${many(30, (i) => `brand=b${i}`)}&${many(21, (i) => `attr.color=c${i}`)}`, 'attr.color'],
  ])('%s → 400 naming %s, no Elasticsearch call', async (_, qs, param) => {
    const { app, backend } = testApp();
    const body = await problem(await app.request(`/v1/products/search?${qs}`), 400);
    expect(body.errors?.map((e) => e.path)).toContain(param);
    expect(body.errors?.length).toBeLessThanOrEqual(MAX_QUERY_ERRORS);
    expect(backend.calls.search).toBe(0);
  });

  it('a request of 1,000 bad parameters gets a short answer', async () => {
    const res = await testApp().app.request(`/v1/products/search?${many(1000, (i) => `bad${i}=x`)}`);
    const body = await problem(res, 400);
    expect(body.errors).toHaveLength(MAX_QUERY_ERRORS);
    expect(body.detail.length).toBeLessThan(400);
  });
});

describe('issue 12: names of Object.prototype members', () => {
  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', 'valueOf', 'tostring', 'hasownproperty'])(
    'attr.%s=x is a 200 (a filter on that name) or a 400 naming it, never a 500',
    async (name) => {
      const backend = fakeBackend();
      const { app } = testApp({ backend });
      const res = await app.request(`/v1/products/search?attr.${name}=x`);
      if (res.status === 200) {
        expect(JSON.stringify(backend.bodies[0])).toContain(`"${name}=x"`);
      } else {
        const body = await problem(res, 400);
        expect(body.errors?.map((e) => e.path)).toEqual([`attr.${name}`]);
      }
    },
  );

  it.each(['__proto__', 'constructor', 'toString'])('a bare %s parameter is not a 500', async (key) => {
    expect((await testApp().app.request(`/v1/products/search?${key}=x`)).status).toBeLessThan(500);
  });

  it('a matching product whose attribute is named constructor or __proto__ is a 200 with those facets', async () => {
    const bucket = (key: string) => ({ key, doc_count: 1 });
    const backend = fakeBackend({
      search: async () => ({
        took: 1,
        hits: { total: { value: 1 }, hits: [] },
        aggregations: { facet_attributes: { doc_count: 1, values: { buckets: [bucket('constructor=x'), bucket('__proto__=y'), bucket('tostring=z')] } } },
      }),
    });
    const res = await testApp({ backend }).app.request('/v1/products/search?q=tv');
    expect(res.status).toBe(200);
    const text = await res.text();
    expect(text).toContain('"constructor":[{"value":"x","count":1}]');
    expect(text).toContain('"__proto__":[{"value":"y","count":1}]');
  });
});

describe('issue 12: control characters', () => {
  it.each(['/v1/products/autocomplete?q=%1E%1F', '/v1/products/autocomplete?q=a%00b', '/v1/products/search?q=%1E%1F', '/v1/products/search?q=%00'])(
    '%s → 200 with the control characters gone',
    async (path) => {
      const backend = fakeBackend();
      const { app } = testApp({ backend });
      const res = await app.request(path);
      expect(res.status).toBe(200);
      expect(JSON.stringify(backend.bodies)).not.toMatch(/\\u00(00|1e|1f)/i);
    },
  );

  it('random unicode in every text parameter is never a 5xx, and a 4xx names a parameter', async () => {
    const text = fc.oneof(fc.string({ unit: 'binary', maxLength: 60 }), fc.string({ unit: 'grapheme', maxLength: 30 }), fc.constantFrom('\u001e\u001f', '\u0000'));
    const app = testApp().app;
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('q', 'brand', 'category', 'attr.color', 'attr.x'), text, async (param, value) => {
        const path = param === 'q' ? '/v1/products/autocomplete' : '/v1/products/search';
        const res = await app.request(`${path}?${new URLSearchParams([[param, value]])}`);
        expect(res.status).toBeLessThan(500);
        if (res.status >= 400) expect(new Set(((await res.json()) as ProblemBody).errors?.map((e) => e.path))).toEqual(new Set([param]));
      }),
      { numRuns: 200 },
    );
  });
});

describe('a refusal by Elasticsearch is a 400 naming the parameter', () => {
  const refused = (reason: string) =>
    toHttpProblem(
      new errors.ResponseError({
        body: { error: { type: 'search_phase_execution_exception', root_cause: [{ type: 'query_shard_exception', reason }] }, status: 400 },
        statusCode: 400,
        headers: {},
        warnings: null,
        meta: {} as never,
      }),
    );

  it('search', async () => {
    const backend = fakeBackend({ search: async () => Promise.reject(refused('failed to create query: [brand.keyword]')) });
    const body = await problem(await testApp({ backend }).app.request('/v1/products/search?q=tv&brand=Sony'), 400);
    expect(body.errors?.map((e) => e.path)).toEqual(['brand']);
    expect(JSON.stringify(body)).not.toContain('brand.keyword');
  });

  it('autocomplete', async () => {
    const backend = fakeBackend({ autocomplete: async () => Promise.reject(refused('Term text cannot contain HOLE character U+001E')) });
    const body = await problem(await testApp({ backend }).app.request('/v1/products/autocomplete?q=tv'), 400);
    expect(body.errors?.map((e) => e.path)).toEqual(['q']);
  });
});

describe('OpenAPI documents the limits from the same schema that validates', () => {
  it('lists every search parameter with its bounds, attr.{name} included', async () => {
    const doc = (await (await testApp().app.request('/openapi.json')).json()) as {
      paths: Record<string, { get: { parameters: { name: string; description?: string; schema: Record<string, unknown> }[] } }>;
    };
    const params = doc.paths['/v1/products/search']?.get.parameters ?? [];
    expect(params.map((p) => p.name).sort()).toEqual(
      ['attr.{name}', 'brand', 'category', 'context', 'correct', 'group', 'in_stock', 'page', 'per_page', 'price_max', 'price_min', 'q', 'rating_min', 'sort'].sort(),
    );
    expect(String(params.find((p) => p.name === 'correct')?.schema.default)).toBe('true');
    const described = (name: string) => params.find((p) => p.name === name)?.description ?? '';
    expect(described('q')).toContain(`${L.queryTerms} words`);
    expect(described('brand')).toContain(`${L.brandValues} values`);
    expect(described('category')).toContain(`${L.categoryDepth} levels`);
    expect(described('attr.{name}')).toContain(`${L.attrNames} names`);
    expect(described('attr.{name}')).toContain(`${L.filterValues} values`);
  });
});

describe('issue 18: a query string validated before skips the validator, and nothing else', () => {
  it('answers a repeated query string as the first time, through the cache, the recorder and the metrics', async () => {
    const { app, searches, registry } = testApp();
    const first = await app.request('/v1/products/search?q=tv&brand=acme');
    const second = await app.request('/v1/products/search?q=tv&brand=acme');
    expect([first.status, second.status]).toEqual([200, 200]);
    expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
    const [a, b] = [(await first.json()) as Record<string, unknown>, (await second.json()) as Record<string, unknown>];
    expect({ ...b, cached: a.cached, tookMs: a.tookMs }).toEqual(a);
    expect(searches).toEqual([
      ['tv', 0],
      ['tv', 0],
    ]);
    expect(await registry.metrics()).toMatch(/http_request_duration_seconds_count\{method="GET",route="\/v1\/products\/search",status="200"\} 2/);
  });

  it('validates every other query string: a changed value reaches Elasticsearch, a bad one is a 400', async () => {
    const backend = fakeBackend();
    const { app } = testApp({ backend });
    expect((await app.request('/v1/products/search?q=tv&brand=acme')).status).toBe(200);
    expect((await app.request('/v1/products/search?q=tv&brand=zeta')).status).toBe(200);
    expect(JSON.stringify(backend.bodies.at(-1))).toContain('zeta');
    const body = await problem(await app.request('/v1/products/search?q=tv&brand=acme&page=0'), 400);
    expect(body.errors?.map((e) => e.path)).toEqual(['page']);
  });

  it('answers only GET from what it kept', async () => {
    const { app, backend } = testApp();
    expect((await app.request('/v1/products/search?q=tv')).status).toBe(200);
    const calls = backend.calls.search + backend.calls.msearch;
    expect((await app.request('/v1/products/search?q=tv', { method: 'POST' })).status).toBe(404);
    expect(backend.calls.search + backend.calls.msearch).toBe(calls);
  });
});
