import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { synonymIndexName } from '@catalog/contract';
import { expectProblem, makeApp } from '../../inventory-simulator/src/app.test-helpers';
import { createSynonymStore } from '../../inventory-simulator/src/merch/synonym-store';
import { createSynonymSource } from '../../search-api/src/synonyms/synonym-source';
import { dropAliasIndices, eventually, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedFixtureCatalog } from './search-fixtures';

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const inventory = makeApp({ synonyms: createSynonymStore({ client: es, alias }) });
// search-api reads the sets at most every 300 ms here (SYNONYMS_REFRESH_MS, 5 s by default).
const synonyms = createSynonymSource({ client: es, index: synonymIndexName(alias), refreshMs: 300 });
const api = searchApiFor({ alias, synonyms });

type Body = { total: number; hits: { title: string }[] };
const search = async (q: string) => {
  const res = await api.app.request(`/v1/products/search?${new URLSearchParams({ q })}`);
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Body, cache: res.headers.get('x-cache') };
};
const putSet = (id: string, json: unknown, headers: Record<string, string> = {}) =>
  inventory.request(`/v1/admin/synonyms/${id}`, { method: 'PUT', json, headers });

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('runtime synonyms (issue 16)', () => {
  it('an equivalent set saved in the inventory admin finds products by the new word within the refresh, cached answers included, and deleting it takes it back', async () => {
    // Cached before the set exists (the memory cache admits a key from its second request).
    for (let i = 0; i < 3; i++) expect((await search('smoothie maker')).body.total).toBe(0);
    expect((await search('smoothie maker')).cache).toBe('HIT');

    const created = await putSet('smoothie', { type: 'equivalent', terms: ['Smoothie Maker', 'blender'] });
    expect(created.status).toBe(201);
    const found = await eventually(async () => {
      const { body } = await search('smoothie maker');
      return body.total > 0 ? body : undefined;
    }, 5_000, 100);
    expect(found.hits.length).toBeGreaterThan(0);
    expect(found.hits.every((h) => /Blender/.test(h.title))).toBe(true);

    expect((await inventory.request('/v1/admin/synonyms/smoothie', { method: 'DELETE' })).status).toBe(204);
    await eventually(async () => ((await search('smoothie maker')).body.total === 0 ? true : undefined), 5_000, 100);
  });

  it('a one-way set expands only from its from-terms', async () => {
    expect((await putSet('kicks', { type: 'one-way', from: ['kicks'], to: ['running shoes'] })).status).toBe(201);
    const found = await eventually(async () => {
      const { body } = await search('kicks');
      return body.total > 0 ? body : undefined;
    }, 5_000, 100);
    expect(found.hits[0]?.title).toMatch(/Running Shoes/);
    // Nothing is called "kicks": searching the target finds what it always found, not more.
    const target = (await search('running shoes')).body.hits.map((h) => h.title);
    expect(target.length).toBeGreaterThan(0);
    expect(target.filter((t) => !/Running Shoes/.test(t))).toEqual([]);
  });

  it('changes are versioned (If-Match) and audited with who, when, before and after', async () => {
    const first = await putSet('couch', { type: 'equivalent', terms: ['couch', 'loveseat'] }, { 'If-Match': '"0"', 'X-Admin-User': 'merch-anna' });
    expect(first.status).toBe(201);
    expect(first.headers.get('etag')).toBe('"1"');
    await expectProblem(await putSet('couch', { type: 'equivalent', terms: ['couch', 'settee'] }, { 'If-Match': '"0"' }), 412, 'If-Match');
    const second = await putSet('couch', { type: 'equivalent', terms: ['couch', 'settee'] }, { 'If-Match': '"1"', 'X-Admin-User': 'merch-ben' });
    expect(second.status).toBe(200);
    expect(((await second.json()) as { version: number }).version).toBe(2);

    const audit = (await (await inventory.request('/v1/admin/synonyms/audit?limit=10')).json()) as {
      items: { actor: string; action: string; id: string; before: { terms?: string[] } | null; after: { terms?: string[] } | null }[];
    };
    const couch = audit.items.filter((e) => e.id === 'couch');
    expect(couch.map((e) => [e.action, e.actor])).toEqual([['update', 'merch-ben'], ['create', 'merch-anna']]);
    expect(couch[0]?.before?.terms).toEqual(['couch', 'loveseat']);
    expect(couch[0]?.after?.terms).toEqual(['couch', 'settee']);
  });

  it('bad sets are 400s naming the field, without a token 401', async () => {
    await expectProblem(await putSet('x', { type: 'equivalent', terms: ['only-one'] }), 400, 'terms');
    await expectProblem(await putSet('x', { type: 'sideways', terms: ['a', 'b'] }), 400, 'type');
    await expectProblem(await putSet('Bad Id', { type: 'equivalent', terms: ['a', 'b'] }), 400, 'id');
    expect((await inventory.request('/v1/admin/synonyms', { token: null })).status).toBe(401);
  });

  it.each([['55 inch tv'], ['55in television'], ['55" tv'], ['55-inch tv']])('units: %s finds the 55" television first', async (q) => {
    expect((await search(q)).body.hits[0]?.title).toBe('Samsung 55" QLED 4K Smart Television');
  });
});
