import algoliasearchHelper from 'algoliasearch-helper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import memjs from 'memjs';
import { searchGenerationKey, type SearchResponse } from '@catalog/contract';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateCatalog } from '@catalog/inventory-simulator/catalog';
import { createMemjsCache } from '../../search-api/src/cache/memjs-cache';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, toFixtureDoc, tombstoneDoc } from './search-fixtures';
import { algoliaClientFor, serveApp, type AlgoliaClient, type ServedApp } from './served-app';

// The real, unmodified clients (algoliasearch v5 and algoliasearch-helper, as InstantSearch drives them) over
// HTTP against the search API on the real Elasticsearch, with more than 10 000 products so exact counts matter.
const CATALOG_SIZE = 10_400;
const TOMBSTONES = 25;
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias, settings: { admissionMinHits: 1 } });
let served: ServedApp | undefined;
let client: AlgoliaClient;

const HIERARCHY = { name: 'categories', attributes: ['categories.lvl0', 'categories.lvl1', 'categories.lvl2'] };
const rest = async (query: string): Promise<SearchResponse> => {
  // Without `distinct` the Algolia surface searches every variant: the REST search's `group=false`.
  const res = await api.app.request(`/v1/products/search?${query}&group=false`);
  expect(res.status).toBe(200);
  return (await res.json()) as SearchResponse;
};
const restCounts = (buckets: { value: string; count: number }[]) => Object.fromEntries(buckets.map((b) => [b.value, b.count]));
/** The fields of our Algolia records these tests read. */
type Rec = { title: string; price: number; categories: Record<string, string> };
const esRequests = () => api.backend.calls.search + api.backend.calls.msearch;

beforeAll(async () => {
  await ensureProductIndex(es, alias);
  const products = [...generateCatalog({ seed: 15, count: CATALOG_SIZE })];
  for (let i = 0; i < products.length; i += 2_500) {
    const batch = products.slice(i, i + 2_500);
    const r = await es.bulk({ operations: batch.flatMap((p) => [{ index: { _index: alias, _id: p.id } }, toFixtureDoc(p)]) });
    if (r.errors) throw new Error('bulk errors while seeding');
  }
  // Deleted products stay as tombstones: never hits, never counted.
  const tombstones = products.slice(0, TOMBSTONES).map((p) => [{ index: { _index: alias, _id: p.id } }, tombstoneDoc(p.id, 2)]);
  await es.bulk({ operations: tombstones.flat(), refresh: true });
  served = await serveApp(api.app.fetch);
  client = algoliaClientFor(served);
}, 120_000);

afterAll(async () => {
  await served?.close();
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('algoliasearch v5 against the search API', () => {
  it('empty browse counts every live product exactly, past 10 000', async () => {
    const r = await client.searchSingleIndex({ indexName: 'products', searchParams: { query: '', hitsPerPage: 5 } });
    expect(r.nbHits).toBe(CATALOG_SIZE - TOMBSTONES);
    expect(r.exhaustiveNbHits).toBe(true);
    expect(r.nbPages).toBe(2_000);
    expect((await rest('per_page=5')).total).toBe(r.nbHits);
    expect(r.hits.map((h) => h.objectID)).toEqual((await rest('per_page=5')).hits.map((h) => h.id));
  });

  it('a plain query: same hits in the same order and the same total as the REST API, highlighted with the requested tags', async () => {
    const r = await client.searchSingleIndex({
      indexName: 'products',
      searchParams: { query: 'wireless headphones', hitsPerPage: 10, highlightPreTag: '<mark>', highlightPostTag: '</mark>' },
    });
    const restAnswer = await rest('q=wireless+headphones&per_page=10');
    expect(r.nbHits).toBe(restAnswer.total);
    expect(r.nbHits).toBeGreaterThan(0);
    expect(r.hits.map((h) => h.objectID)).toEqual(restAnswer.hits.map((h) => h.id));
    const title = r.hits[0]?._highlightResult?.title;
    expect(title && 'value' in title ? title.value : '').toMatch(/<mark>[^<]+<\/mark>/);
  });

  it('a typo still finds the products, as in the REST API', async () => {
    const r = await client.searchSingleIndex<Rec>({ indexName: 'products', searchParams: { query: 'hedphones' } });
    expect(r.nbHits).toBeGreaterThan(0);
    expect(r.nbHits).toBe((await rest('q=hedphones')).total);
    expect(r.hits.every((h) => /headphone/i.test(String(h.title)) || /headphone/i.test(JSON.stringify(h.categories)))).toBe(true);
  });

  it('pagination: pages do not overlap, and pages past the result window are empty', async () => {
    const [p0, p1] = await Promise.all(
      [0, 1].map((page) => client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'case', page, hitsPerPage: 20 } })),
    );
    const ids0 = new Set(p0?.hits.map((h) => h.objectID));
    expect(p1?.hits.length).toBeGreaterThan(0);
    expect(p1?.hits.some((h) => ids0.has(h.objectID))).toBe(false);
    expect(p1?.hits.map((h) => h.objectID)).toEqual((await rest('q=case&page=2&per_page=20')).hits.map((h) => h.id));
    const deep = await client.searchSingleIndex({ indexName: 'products', searchParams: { page: 500, hitsPerPage: 20 } });
    expect(deep.hits).toEqual([]);
    expect(deep.nbHits).toBe(CATALOG_SIZE - TOMBSTONES);
  });

  it('sort replicas sort', async () => {
    const asc = await client.searchSingleIndex<Rec>({ indexName: 'products_price_asc', searchParams: { query: 'laptop', hitsPerPage: 30 } });
    const desc = await client.searchSingleIndex<Rec>({ indexName: 'products_price_desc', searchParams: { query: 'laptop', hitsPerPage: 30 } });
    const prices = (hits: typeof asc.hits) => hits.map((h) => Number(h.price));
    expect(prices(asc.hits)).toEqual([...prices(asc.hits)].sort((a, b) => a - b));
    expect(prices(desc.hits)).toEqual([...prices(desc.hits)].sort((a, b) => b - a));
    expect(asc.nbHits).toBe(desc.nbHits);
    expect(asc.hits.map((h) => h.objectID)).toEqual((await rest('q=laptop&sort=price_asc&per_page=30')).hits.map((h) => h.id));
  });

  it('facet value search, direct and as a multi-query request', async () => {
    const direct = await client.searchForFacetValues({ indexName: 'products', facetName: 'brand', searchForFacetValuesRequest: { facetQuery: 'so' } });
    expect(direct.facetHits.length).toBeGreaterThan(0);
    expect(direct.facetHits.every((f) => /(^|[^a-z0-9])so/i.test(f.value) && f.highlighted.includes('<em>'))).toBe(true);
    const brands = restCounts((await rest('')).facets.brand);
    for (const f of direct.facetHits) if (brands[f.value] !== undefined) expect(f.count).toBe(brands[f.value]);
    const root = (await rest('')).facets.category.find((c) => !c.value.includes(' > '));
    if (!root) throw new Error('the catalog has no top-level category');
    const word = root.value.split(' ').at(-1) ?? '';
    const { results } = await client.search({
      requests: [{ indexName: 'products', type: 'facet', facet: 'categories.lvl0', facetQuery: word.slice(0, 3).toLowerCase() }],
    });
    const hits: { value: string; count: number }[] = results[0] && 'facetHits' in results[0] ? results[0].facetHits : [];
    expect(hits.find((f) => f.value === root.value)?.count).toBe(root.count);
    expect(hits.every((f) => !f.value.includes(' > '))).toBe(true);
  });

  it('hostile facet queries (regex syntax, case pairs, the length bound) are answered, never a 5xx', async () => {
    for (const facetName of ['brand', 'categories.lvl2', 'attributes.color']) {
      for (const facetQuery of ['.*[](){}|&~<>#@"\\'.repeat(5), 'Ǆǅ'.repeat(50), 'ab'.repeat(50)]) {
        const r = await client.searchForFacetValues({ indexName: 'products', facetName, searchForFacetValuesRequest: { facetQuery } });
        expect(r.facetHits).toEqual([]);
      }
    }
    await expect(
      client.searchForFacetValues({ indexName: 'products', facetName: 'brand', searchForFacetValuesRequest: { facetQuery: 'x'.repeat(101) } }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('a bad request is a 400 the client reports at once (no retry), not a 5xx', async () => {
    const before = esRequests();
    await expect(client.searchSingleIndex({ indexName: 'products', searchParams: { filters: 'brand:Sony AND (' } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringMatching(/filters/),
    });
    await expect(client.searchSingleIndex({ indexName: 'nope', searchParams: {} })).rejects.toMatchObject({ status: 404 });
    expect(esRequests()).toBe(before);
  });
});

describe('algoliasearch-helper (what InstantSearch sends) against the search API', () => {
  const helper = () =>
    algoliasearchHelper(client, 'products', {
      disjunctiveFacets: ['brand', 'price'],
      hierarchicalFacets: [HIERARCHY],
      facets: ['inStock'],
      hitsPerPage: 12,
      maxValuesPerFacet: 100,
    });

  it('disjunctive facets with two refinements: one Elasticsearch request, counts equal to the REST API', async () => {
    const top = (await rest('')).facets.brand.slice(0, 2).map((b) => b.value);
    const [a = '', b = ''] = top;
    const before = esRequests();
    const { content } = await helper().addDisjunctiveFacetRefinement('brand', a).addDisjunctiveFacetRefinement('brand', b).setQuery('').searchOnce({});
    expect(esRequests() - before).toBe(1);
    const restAnswer = await rest(`brand=${encodeURIComponent(a)}&brand=${encodeURIComponent(b)}`);
    expect(content.nbHits).toBe(restAnswer.total);
    const values = Object.fromEntries((content.getFacetValues('brand', {}) as { name: string; count: number }[]).map((v) => [v.name, v.count]));
    expect(values).toMatchObject(restCounts(restAnswer.facets.brand));
  });

  it('hierarchical menu two levels deep: parents and siblings counted like the REST category facet', async () => {
    const lvl1 = (await rest('')).facets.category.find((c) => c.value.split(' > ').length === 1)?.value ?? '';
    const lvl2 = (await rest(`category=${encodeURIComponent(lvl1)}`)).facets.category.find((c) => c.value.startsWith(`${lvl1} > `))?.value ?? '';
    const before = esRequests();
    const { content } = await helper().toggleFacetRefinement('categories', lvl2).searchOnce({});
    expect(esRequests() - before).toBe(1);
    const restAnswer = await rest(`category=${encodeURIComponent(lvl2)}`);
    expect(content.nbHits).toBe(restAnswer.total);
    const expected = restCounts(restAnswer.facets.category);
    type Node = { name: string; path: string; count: number; isRefined: boolean; data: Node[] | null };
    const tree = content.getFacetValues('categories', {}) as Node;
    const roots = tree.data ?? [];
    for (const root of roots) expect(root.count).toBe(expected[root.path]);
    const refinedRoot = roots.find((r) => r.path === lvl1);
    expect(refinedRoot?.isRefined).toBe(true);
    const children = refinedRoot?.data ?? [];
    expect(children.length).toBeGreaterThan(0);
    for (const child of children) expect(child.count).toBe(expected[child.path]);
    expect(children.find((c) => c.path === lvl2)?.isRefined).toBe(true);
  });

  it('numeric range: exact count and facets_stats over the unfiltered range (what rangeInput reads)', async () => {
    const h = helper().addNumericRefinement('price', '>=', 50).addNumericRefinement('price', '<=', 100);
    const { content } = await h.searchOnce({});
    expect(content.nbHits).toBe((await rest('price_min=50&price_max=100')).total);
    const stats = content.getFacetStats('price') as { min: number; max: number; avg: number; sum: number };
    const all = await client.searchSingleIndex({ indexName: 'products', searchParams: { facets: ['price'], hitsPerPage: 0 } });
    expect(stats).toEqual(all.facets_stats?.price);
    expect(stats.min).toBeLessThan(50);
    expect(stats.max).toBeGreaterThan(100);
    expect(content.hits.every((hit) => Number(hit.price) >= 50 && Number(hit.price) <= 100)).toBe(true);
  });

  it('searchForFacetValues through the helper (a type "facet" request) counts under the other refinements', async () => {
    const { content } = await helper().addFacetRefinement('inStock', 'true').searchOnce({});
    const h = helper().addFacetRefinement('inStock', 'true');
    const found = await h.searchForFacetValues('brand', 'a', 5);
    expect(found.facetHits.length).toBeGreaterThan(0);
    const restBrands = restCounts((await rest('in_stock=true')).facets.brand);
    for (const f of found.facetHits) if (restBrands[f.value] !== undefined) expect(f.count).toBe(restBrands[f.value]);
    expect(content.nbHits).toBe((await rest('in_stock=true')).total);
  });
});

describe('the Algolia surface shares the search cache and its staleness bound', () => {
  it('a batch is cached in memcached under the generation; a generation bump by the indexer retires it', async () => {
    const servers = (process.env.MEMCACHED_SERVERS ?? '127.0.0.1:11211').split(',');
    const cache = createMemjsCache({ servers, opTimeoutMs: 200, breakerFailures: 5, breakerCooldownMs: 1_000 });
    const cached = searchApiFor({ alias, cache, settings: { admissionMinHits: 1 } });
    const [extra] = [...generateCatalog({ seed: 15, count: 1, start: CATALOG_SIZE + 1 })];
    if (!extra) throw new Error('no product');
    const raw = memjs.Client.create(servers.join(','), { logger: { log: () => {} } });
    const batch = JSON.stringify({ requests: [{ indexName: 'products', query: 'charger', hitsPerPage: 3, facets: ['brand'] }] });
    const ask = () => cached.app.request('/1/indexes/*/queries', { method: 'POST', body: batch, headers: { 'content-type': 'text/plain' } });
    try {
      const first = await ask();
      const second = await ask();
      expect([first.headers.get('x-cache'), second.headers.get('x-cache')]).toEqual(['MISS', 'HIT']);
      const before = ((await second.json()) as { results: { nbHits: number }[] }).results[0]?.nbHits ?? 0;
      await es.index({ index: alias, id: extra.id, document: toFixtureDoc({ ...extra, title: `${extra.title} Charger` }), refresh: true });
      // What the indexer does after each bulk (contract cache-keys): create the counter, else increment it.
      if (!(await raw.add(searchGenerationKey(alias), '1'))) await raw.increment(searchGenerationKey(alias), 1);
      const third = await ask();
      expect(third.headers.get('x-cache')).toBe('MISS');
      expect(((await third.json()) as { results: { nbHits: number }[] }).results[0]?.nbHits).toBe(before + 1);
    } finally {
      raw.close();
      await cache.close();
      await cached.recorder.close();
      await es.delete({ index: alias, id: extra.id, refresh: true }, { ignore: [404] });
    }
  });
});
