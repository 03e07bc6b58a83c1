import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SearchResponse } from '@catalog/contract';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { fixtureCatalog, indexDocs, searchApiFor, toFixtureDoc, tombstoneDoc } from './search-fixtures';

// Issue 17: on a catalog without groupIds every family is one product, so grouped search (the default) must answer
// exactly what the variant search (group=false) answers: same hits in the same order, totals and every facet count.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const catalog = fixtureCatalog();
const api = searchApiFor({ alias });

beforeAll(async () => {
  await ensureProductIndex(es, alias);
  const gone = catalog[catalog.length - 1];
  const live = catalog.slice(0, -1);
  if (!gone) throw new Error('empty fixture catalog');
  await indexDocs(es, alias, [...live.map((p) => ({ id: p.id, doc: toFixtureDoc(p) })), { id: gone.id, doc: tombstoneDoc(gone.id, 2) }]);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

const search = async (qs: string) => {
  const res = await api.app.request(`/v1/products/search?${qs}`);
  expect(res.status).toBe(200);
  return SearchResponse.parse(await res.json());
};
/** A grouped answer without what only grouping adds (each hit's family fields) and the timing. */
const comparable = (r: SearchResponse) => ({
  ...r,
  tookMs: 0,
  cached: false,
  hits: r.hits.map(({ groupId: _g, variantCount: _c, priceRange: _r, variants: _v, ...hit }) => hit),
});

describe('grouped search of a catalog without families = the variant search', () => {
  it.each([
    '',
    'q=headphones',
    'q=sony+wire',
    'q=samsnug',
    'q=running+shoes&sort=price_asc',
    'q=pro&sort=price_desc&per_page=5&page=2',
    'sort=rating_desc&per_page=7&page=3',
    'sort=newest',
    'brand=Acme&brand=Sony&in_stock=true',
    'category=Home&attr.color=black&attr.color=red&price_min=50&price_max=600',
    'q=lamp&rating_min=1',
    'q=blender&in_stock=false',
    'category=Electronics+%3E+Audio&sort=price_asc&price_max=400',
  ])('%s', async (qs) => {
    const grouped = await search(qs);
    const flat = await search(`${qs}${qs ? '&' : ''}group=false`);
    expect(flat.hits.length).toBeGreaterThan(0);
    expect(comparable(grouped)).toEqual(comparable(flat));
    // Every grouped hit is a family of one: itself, matching, its own price range.
    for (const h of grouped.hits) {
      expect(h.variantCount).toBe(1);
      expect(h.variants?.map((v) => v.id)).toEqual([h.id]);
      expect(h.priceRange).toEqual({ min: h.price, max: h.price });
    }
    expect(flat.hits.every((h) => h.variants === undefined)).toBe(true);
  });
});
