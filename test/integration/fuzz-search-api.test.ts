import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Product } from '@catalog/contract';
import { clientAddressOf } from '@catalog/contract/http';
import { createSearchRateLimiter } from '../../search-api/src/rate-limit/search-rate-limiter';
import { exchange, FUZZ_SEED, FuzzLedger, fuzzRuns, fuzzTimeout, hostileName, hostileText, pathSegment, queryString, violations, type Exchange } from './fuzz-support';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { fixtureCatalog, searchApiFor, seedProducts } from './search-fixtures';

// Property-based HTTP fuzzing of every search-api route (public, suggestions admin, Algolia protocol) against the
// real Elasticsearch: no 5xx, every 4xx a problem naming what was sent, nothing slower than 2 s, still ready after,
// the known products unchanged. Fixed seed; FUZZ_SEED / FUZZ_RUNS_SCALE to explore (fuzz-support.ts).
const TOKEN = 'fuzz-search-admin-token';
const alias = `fuzz-search-${randomSuffix()}`;
const { es } = stackClients();
// A product whose attributes are named like Object.prototype members, as own keys (JSON.parse: a `__proto__:`
// literal would set the prototype instead).
const hostileAttributes = JSON.parse('{"constructor":"oak","__proto__":"x","tostring":"y","color":"red"}') as Record<string, string>;
const known: Product[] = [...fixtureCatalog().slice(0, 5), { ...(fixtureCatalog()[5] as Product), id: 'SKU-CTOR', attributes: hostileAttributes }];
const api = searchApiFor({
  alias,
  adminToken: TOKEN,
  requestTimeoutMs: 2_000,
  // Behind one trusted proxy: X-Forwarded-For is read, so hostile values of it are part of the input.
  clientAddress: clientAddressOf(1),
  rateLimiter: createSearchRateLimiter({ points: 1_000_000, windowSeconds: 60, alias }).limiter,
});
const ledger = new FuzzLedger();


const ROUTE_PARAMS = {
  search: ['q', 'brand', 'category', 'price_min', 'price_max', 'rating_min', 'in_stock', 'attr.color', 'attr.size', 'attr.constructor', 'sort', 'page', 'per_page', 'group', 'correct', 'context'],
  autocomplete: ['q', 'limit'],
  popular: ['limit'],
  'no-results': ['limit'],
  suggestions: ['prefix', 'limit'],
} as const;
const PATHS = {
  search: '/v1/products/search',
  autocomplete: '/v1/products/autocomplete',
  popular: '/v1/searches/popular',
  'no-results': '/v1/searches/no-results',
  suggestions: '/v1/admin/suggestions',
} as const;
const admin = { authorization: `Bearer ${TOKEN}` };

/** Values a storefront really sends, so that half the requests reach Elasticsearch instead of the validation. */
const PLAUSIBLE: Record<string, string[]> = {
  q: ['sony', 'headphones', 'tv', 'trail running shoes', 'lamp', ''],
  brand: ['Sony', 'Acme', 'Bose'],
  category: ['Electronics', 'Electronics > Audio', 'Home > Kitchen'],
  price_min: ['0', '10', '99.5'],
  price_max: ['100', '1000'],
  rating_min: ['0', '3.5', '5'],
  in_stock: ['true', 'false'],
  sort: ['relevance', 'price_asc', 'price_desc', 'rating_desc', 'newest'],
  page: ['1', '2', '50'],
  per_page: ['1', '20', '100'],
  limit: ['1', '5', '20'],
  prefix: ['so', ''],
};

type QueryRoute = keyof typeof ROUTE_PARAMS;
type QueryRequest = { route: QueryRoute; pairs: [string, string][]; raw: boolean; forwardedFor?: string };

/** One GET of a query route with hostile parameters (real names mostly, one odd name in longer lists) and X-Forwarded-For. */
const queryRequest: fc.Arbitrary<QueryRequest> = fc
  .record({
    route: fc.constantFrom(...(Object.keys(ROUTE_PARAMS) as QueryRoute[])),
    values: fc.array(fc.tuple(fc.nat(), fc.oneof({ weight: 3, arbitrary: fc.nat() }, { weight: 2, arbitrary: hostileText })), { maxLength: 8 }),
    raw: fc.integer({ min: 0, max: 4 }).map((n) => n === 0),
    forwardedFor: fc.option(hostileText, { nil: undefined }),
    oddName: hostileName(['q']),
  })
  .map(({ route, values, raw, forwardedFor, oddName }) => {
    const names = ROUTE_PARAMS[route];
    const pairs = values.map(([i, v], n): [string, string] => {
      const name = n === 0 && values.length > 3 ? oddName : (names[i % names.length] ?? 'q');
      const plausible = PLAUSIBLE[name.startsWith('attr.') ? 'brand' : name] ?? PLAUSIBLE.q ?? [''];
      return [name, typeof v === 'number' ? (plausible[v % plausible.length] ?? '') : v];
    });
    return { route, pairs, raw, forwardedFor };
  });

async function sendQuery(r: QueryRequest): Promise<Exchange> {
  const qs = queryString(r.pairs, r.raw);
  const headers: Record<string, string> = r.route === 'suggestions' ? { ...admin } : {};
  // A header carries bytes (Latin-1) without control characters; whatever else a client types never arrives.
  if (r.forwardedFor !== undefined) headers['x-forwarded-for'] = r.forwardedFor.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
  const label = `GET ${PATHS[r.route]}?${qs.slice(0, 200)}`;
  // The names as they went out and as a server may decode them (raw escapes and lone surrogates arrive changed).
  const sent = [...new URLSearchParams(qs).keys(), ...qs.split('&').map((p) => p.split('=')[0] ?? '')];
  return ledger.record(await exchange(label, sent, () => api.app.request(`${PATHS[r.route]}?${qs}`, { headers })));
}

/** Path, ban and Algolia requests: ids, bodies and index names that are hostile. */
const otherRequest = fc.oneof(
  fc.record({ kind: fc.constant('product' as const), id: fc.oneof(hostileText, fc.constantFrom('SKU-0001', 'SKU-CTOR', '..', '%2F', 'a/b', '%ZZ')) }),
  fc.record({ kind: fc.constant('ban' as const), body: fc.oneof(fc.record({ query: hostileText }), fc.jsonValue(), fc.constant('{"query":')) }),
  fc.record({ kind: fc.constant('unban' as const), query: hostileText }),
  fc.record({
    kind: fc.constant('algolia' as const),
    path: fc.constantFrom('/1/indexes/*/queries', '/1/indexes/products/query', '/1/indexes/products_price_asc/query', '/1/indexes/products/facets/brand/query', '/1/indexes/nope/query'),
    body: fc.oneof(
      fc.record({ query: hostileText, filters: hostileText, hitsPerPage: fc.integer(), page: fc.integer(), facets: fc.array(hostileText, { maxLength: 3 }), facetQuery: hostileText }),
      // The parameters the families, rules and did-you-mean work added (distinct, typoTolerance, enableRules, ruleContexts).
      fc.record({ query: hostileText, distinct: fc.jsonValue({ maxDepth: 1 }), typoTolerance: fc.jsonValue({ maxDepth: 1 }), enableRules: fc.jsonValue({ maxDepth: 1 }), ruleContexts: fc.oneof(fc.array(hostileText, { maxLength: 12 }), fc.jsonValue({ maxDepth: 1 })), getRankingInfo: fc.jsonValue({ maxDepth: 1 }) }),
      fc.record({ requests: fc.array(fc.record({ indexName: fc.oneof(hostileText, fc.constant('products')), query: hostileText, params: hostileText }), { maxLength: 3 }) }),
      fc.jsonValue({ maxDepth: 3 }),
    ),
  }),
);

async function sendOther(r: typeof otherRequest extends fc.Arbitrary<infer T> ? T : never): Promise<Exchange> {
  const json = { ...admin, 'content-type': 'application/json' };
  switch (r.kind) {
    case 'product': {
      const path = `/v1/products/${/%/.test(r.id) && r.id.length < 8 ? r.id : pathSegment(r.id)}`;
      return ledger.record(await exchange(`GET ${path.slice(0, 200)}`, ['id'], () => api.app.request(path)));
    }
    case 'ban': {
      const body = typeof r.body === 'string' ? r.body : JSON.stringify(r.body ?? null);
      // The body's own keys, and the field the schema requires (a missing one is named too).
      const sent = ['(body)', 'query', ...(r.body && typeof r.body === 'object' && !Array.isArray(r.body) ? Object.keys(r.body) : [])];
      return ledger.record(await exchange(`PUT bans ${body.slice(0, 200)}`, sent, () => api.app.request('/v1/admin/suggestions/bans', { method: 'PUT', headers: json, body })));
    }
    case 'unban': {
      const qs = queryString([['query', r.query]], false);
      return ledger.record(await exchange(`DELETE bans?${qs.slice(0, 200)}`, ['query'], () => api.app.request(`/v1/admin/suggestions/bans?${qs}`, { method: 'DELETE', headers: admin })));
    }
    case 'algolia': {
      const body = JSON.stringify(r.body ?? null);
      return ledger.record(
        await exchange(`POST ${r.path} ${body.slice(0, 200)}`, ['(body)'], () => api.app.request(r.path, { method: 'POST', headers: { 'content-type': 'text/plain' }, body })),
        'algolia',
      );
    }
  }
}

const productView = async (id: string) => {
  const res = await api.app.request(`/v1/products/${id}`);
  return { status: res.status, body: (await res.json()) as unknown };
};

beforeAll(async () => {
  await seedProducts(es, alias, known);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('fuzz: search-api', () => {
  it('query routes: no 5xx, 4xx problems naming a parameter, every answer within 2 s', async () => {
    await fc.assert(
      fc.asyncProperty(queryRequest, async (r) => {
        await sendQuery(r);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(150) },
    );
    expect(ledger.broken, ledger.summary()).toEqual([]);
    // The run proves something only if it reached both Elasticsearch (200) and the validation (400).
    expect(ledger.share(200, 300)).toBeGreaterThan(0.3);
    expect(ledger.share(400, 401)).toBeGreaterThan(0.1);
  }, fuzzTimeout(60_000));

  it('product ids, suggestion bans and the Algolia protocol: the same invariants', async () => {
    const before = ledger.count;
    await fc.assert(
      fc.asyncProperty(otherRequest, async (r) => {
        await sendOther(r);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(80) },
    );
    expect(ledger.count - before).toBe(fuzzRuns(80));
    expect(ledger.broken, ledger.summary()).toEqual([]);
  }, fuzzTimeout(60_000));
});

describe('issue 12 regressions (search-api)', () => {
  const get = async (label: string, path: string, sent: string[]) => {
    const x = await exchange(label, sent, () => api.app.request(path));
    expect(violations(x)).toEqual([]);
    return x;
  };
  const attrs = (n: number) => Array.from({ length: n }, (_, i) => `attr.a${i}=x`).join('&');

  it('1,000 distinct attribute names: a 400 naming attr, fast, Elasticsearch never asked', async () => {
    const x = await get('1000 attr names', `/v1/products/search?${attrs(1000)}`, Array.from({ length: 1000 }, (_, i) => `attr.a${i}`));
    expect(x.status).toBe(400);
  });

  it('200 distinct attribute names: never a 5xx, within 2 s', async () => {
    await get('200 attr names', `/v1/products/search?${attrs(200)}`, Array.from({ length: 200 }, (_, i) => `attr.a${i}`));
  });

  it('20 deep 300-character categories: never a 5xx, within 2 s', async () => {
    const category = Array.from({ length: 20 }, (_, i) => `${String(i).padStart(3, '0')}${'c'.repeat(297)}`).join(' > ');
    const qs = Array.from({ length: 20 }, (_, i) => `category=${encodeURIComponent(`${i}${category}`)}`).join('&');
    await get('20 deep categories', `/v1/products/search?${qs}`, ['category']);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty'])('attr.%s=x: a 200 or a 400 naming it, never a 5xx', async (name) => {
    const x = await get(`attr.${name}`, `/v1/products/search?attr.${name}=x`, [`attr.${name}`]);
    expect([200, 400]).toContain(x.status);
  });

  it('a product with an attribute named constructor: every search that matches it answers 200 and finds it', async () => {
    const ctor = known[5] as Product;
    for (const path of [`/v1/products/search?q=${encodeURIComponent(ctor.title)}`, '/v1/products/search?attr.color=red', `/v1/products/${ctor.id}`]) {
      const res = await api.app.request(path);
      expect(res.status, path).toBe(200);
      expect(await res.text()).toContain(ctor.id);
    }
  });

  it('autocomplete q=%1E%1F: never a 5xx', async () => {
    const x = await get('q=%1E%1F', '/v1/products/autocomplete?q=%1E%1F', ['q']);
    expect([200, 400]).toContain(x.status);
  });
});

describe('after the fuzz (search-api)', () => {
  it('is still ready and the known products are unchanged', async () => {
    expect((await api.app.request('/readyz')).status).toBe(200);
    for (const p of known) expect(await productView(p.id)).toEqual({ status: 200, body: { ...p, inStock: p.stock > 0 } });
  });
});
