import algoliasearchHelper from 'algoliasearch-helper';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyKey, Rule, RuleInput, type Product, type SearchResponse } from '@catalog/contract';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { staticRuleSource } from '../../search-api/src/rules/rule-source';
import { searchApiFor, seedProducts } from './search-fixtures';
import { algoliaClientFor, serveApp, type AlgoliaClient, type ServedApp } from './served-app';

// Issue 17 on the Algolia protocol: `distinct` through the real algoliasearch v5 client and algoliasearch-helper (as
// InstantSearch drives them) over HTTP, on the real Elasticsearch; every count checked against a brute force.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias });
let served: ServedApp | undefined;
let client: AlgoliaClient;

let n = 0;
const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString();
function product(groupId: string | undefined, title: string, brand: string, attributes: Record<string, string>, varying: string[]): Product {
  n++;
  return {
    id: `AF-${String(n).padStart(3, '0')}`, title, description: `${title}.`, brand, categories: ['Apparel', 'Tops'],
    price: 10 + ((n * 37) % 90), currency: 'USD', stock: n % 4 === 0 ? 0 : 3, rating: 4, reviewCount: 3, popularity: (n * 13) % 50,
    attributes, ...(groupId !== undefined ? { groupId, variantAttributes: varying } : {}), createdAt: at(n), updatedAt: at(n),
  };
}
/** Five families of tees (colour × size) and six products of their own. */
const catalog: Product[] = [
  ...['Acme', 'Globex', 'Acme', 'Initech', 'Globex'].flatMap((brand, f) =>
    ['Red', 'Blue', 'Black'].flatMap((color) => ['S', 'M'].map((size) => product(`TEE-${f}`, `${brand} Cotton Tee ${f} ${color} ${size}`, brand, { color, size }, ['color', 'size']))),
  ),
  ...Array.from({ length: 6 }, (_, i) => product(undefined, `Acme Cotton Scarf ${i}`, 'Acme', { color: i % 2 ? 'Red' : 'Green', size: 'M' }, [])),
];
/** Families (by key) having one variant that satisfies `ok`. */
const familiesWith = (ok: (p: Product) => boolean): Set<string> => new Set(catalog.filter(ok).map((p) => familyKey(p)));

type Hit = { objectID: string; groupId?: string; price: number; attributes?: Record<string, string>; variants?: { id: string; title: string; price: number; matches: boolean; attributes: Record<string, string> }[] };

beforeAll(async () => {
  await seedProducts(es, alias, catalog);
  served = await serveApp(api.app.fetch);
  client = algoliaClientFor(served);
}, 120_000);

afterAll(async () => {
  await served?.close();
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('distinct on the Algolia protocol', () => {
  it('one hit per family, the same hits and total as the REST grouped search; without distinct every variant', async () => {
    const r = await client.searchSingleIndex<Hit>({ indexName: 'products', searchParams: { query: 'cotton', distinct: true, hitsPerPage: 50 } });
    expect(r.nbHits).toBe(familiesWith(() => true).size);
    expect(new Set(r.hits.map((h) => h.groupId ?? h.objectID)).size).toBe(r.hits.length);
    const rest = (await (await api.app.request('/v1/products/search?q=cotton&per_page=50')).json()) as SearchResponse;
    expect(r.hits.map((h) => h.objectID)).toEqual(rest.hits.map((h) => h.id));
    const tee = r.hits.find((h) => h.groupId === 'TEE-0');
    expect(tee?.variants).toHaveLength(6);
    expect(tee?.variants?.[0]).toMatchObject({ id: tee?.objectID, matches: true });
    expect(tee?.variants?.every((v) => v.title.startsWith('Acme Cotton Tee 0') && Object.keys(v.attributes).sort().join() === 'color,size')).toBe(true);
    const flat = await client.searchSingleIndex({ indexName: 'products', searchParams: { query: 'cotton', distinct: 0, hitsPerPage: 0 } });
    expect(flat.nbHits).toBe(catalog.length);
  });

  it('a colour filter makes that colour represent each family; nbHits and facet counts count families', async () => {
    const r = await client.searchSingleIndex<Hit>({
      indexName: 'products',
      searchParams: { query: '', distinct: true, hitsPerPage: 50, facetFilters: [['attributes.color:Blue']], facets: ['attributes.size', 'brand', 'inStock'] },
    });
    const blue = (p: Product) => p.attributes?.color === 'Blue';
    expect(r.nbHits).toBe(familiesWith(blue).size);
    expect(r.hits.every((h) => h.attributes?.color === 'Blue' && h.variants?.[0]?.attributes.color === 'Blue')).toBe(true);
    expect(r.hits.flatMap((h) => h.variants ?? []).every((v) => v.matches === (v.attributes.color === 'Blue'))).toBe(true);
    expect(r.facets?.['attributes.size']).toEqual({ S: familiesWith((p) => blue(p) && p.attributes?.size === 'S').size, M: familiesWith((p) => blue(p) && p.attributes?.size === 'M').size });
    expect(r.facets?.brand?.Acme).toBe(familiesWith((p) => blue(p) && p.brand === 'Acme').size);
    expect(r.facets?.inStock?.true).toBe(familiesWith((p) => blue(p) && p.stock > 0).size);
  });

  it('a rule filtering color:Blue makes the Blue variant represent each family and counts facets, as the Blue facet filter does', async () => {
    const input = RuleInput.parse({ condition: { anchoring: 'is', pattern: 'cotton tee' }, consequence: { filter: { attr: { color: ['Blue'] } } } });
    const merch = searchApiFor({ alias, rules: staticRuleSource([Rule.parse({ ...input, id: 'blue-tees', version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' })]) });
    const query = async (app: typeof api.app, params: Record<string, unknown>) => {
      const facets = ['attributes.size', 'attributes.color', 'inStock', 'price'];
      const res = await app.request('/1/indexes/products/query', { method: 'POST', body: JSON.stringify({ query: 'cotton tee', distinct: true, hitsPerPage: 50, facets, ...params }) });
      expect(res.status).toBe(200);
      return (await res.json()) as { nbHits: number; hits: Hit[]; facets?: unknown; facets_stats?: unknown };
    };
    try {
      const byRule = await query(merch.app, {});
      const byFilter = await query(api.app, { facetFilters: [['attributes.color:Blue']] });
      expect(byRule.nbHits).toBe(familiesWith((p) => p.groupId !== undefined && p.attributes?.color === 'Blue').size);
      const view = (r: { hits: Hit[] }) => r.hits.map((h) => [h.objectID, h.variants?.map((v) => [v.id, v.matches])]);
      expect(view(byRule)).toEqual(view(byFilter));
      expect(byRule.hits.every((h) => h.attributes?.color === 'Blue')).toBe(true);
      // Variant-level facets count the families' Blue variants, as under the filter.
      expect([byRule.facets, byRule.facets_stats]).toEqual([byFilter.facets, byFilter.facets_stats]);
    } finally {
      await merch.recorder.close();
    }
  });

  it('one variant satisfies every variant condition together; price sort reads the matching variants', async () => {
    const ok = (p: Product) => p.attributes?.color === 'Red' && p.attributes.size === 'M' && p.price < 60;
    const r = await client.searchSingleIndex<Hit>({
      indexName: 'products_price_asc',
      searchParams: { query: '', distinct: 1, hitsPerPage: 50, filters: 'attributes.color:Red AND attributes.size:M AND price < 60' },
    });
    expect(r.nbHits).toBe(familiesWith(ok).size);
    const lowest = (h: Hit) => Math.min(...(h.variants ?? []).filter((v) => v.matches).map((v) => v.price));
    expect(r.hits.map(lowest)).toEqual(r.hits.map(lowest).sort((a, b) => a - b));
    expect(r.hits.every((h) => h.price === lowest(h))).toBe(true);
  });

  it('algoliasearch-helper disjunctive colour facet: the other colours count the families they would add', async () => {
    const helper = algoliasearchHelper(client, 'products', { disjunctiveFacets: ['attributes.color'], facets: ['brand'], distinct: true, hitsPerPage: 5 });
    helper.addDisjunctiveFacetRefinement('attributes.color', 'Blue').addFacetRefinement('brand', 'Globex');
    const results = await new Promise<algoliasearchHelper.SearchResults>((resolve, reject) => {
      helper.on('result', ({ results: res }) => resolve(res)).on('error', ({ error }) => reject(error));
      helper.search();
    });
    const globex = (p: Product) => p.brand === 'Globex';
    expect(results.nbHits).toBe(familiesWith((p) => globex(p) && p.attributes?.color === 'Blue').size);
    const colors = Object.fromEntries((results.getFacetValues('attributes.color', {}) as { name: string; count: number }[]).map((v) => [v.name, v.count]));
    expect(colors).toEqual(Object.fromEntries(['Black', 'Blue', 'Red'].map((c) => [c, familiesWith((p) => globex(p) && p.attributes?.color === c).size])));
    expect(colors.Red).toBeLessThan(catalog.filter((p) => globex(p) && p.attributes?.color === 'Red').length);
  });

  it('an OR mixing a family attribute with a variant attribute is a 400 naming the parameter', async () => {
    const res = await api.app.request('/1/indexes/*/queries', {
      method: 'POST',
      body: JSON.stringify({ requests: [{ indexName: 'products', distinct: true, filters: 'brand:Acme OR attributes.color:Red' }] }),
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { message: string }).message).toMatch(/^requests\[0\]\.filters: with distinct/);
  });
});
