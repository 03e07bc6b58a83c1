import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ruleIndexName } from '@catalog/contract';
import { makeApp } from '../../inventory-simulator/src/app.test-helpers';
import { createRuleStore } from '../../inventory-simulator/src/merch/rule-store';
import { createRuleSource } from '../../search-api/src/rules/rule-source';
import { dropAliasIndices, eventually, randomSuffix, stackClients } from './helpers';
import { fixtureCatalog, searchApiFor, seedProducts } from './search-fixtures';

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const inventory = makeApp({ rules: createRuleStore({ client: es, alias }) });
// search-api reads the rules at most every 300 ms here (RULES_REFRESH_MS, 5 s by default).
const ADMIN = 'merch-admin-token-0123456789';
const api = searchApiFor({ alias, adminToken: ADMIN, rules: createRuleSource({ client: es, index: ruleIndexName(alias), refreshMs: 300 }) });
const catalog = fixtureCatalog();
const idOf = (title: string) => catalog.find((p) => p.title === title)?.id ?? 'missing';

type Hit = { id: string; title: string; brand: string; price: number };
type Body = { total: number; totalPages: number; hits: Hit[]; rules?: { applied: string[]; redirect?: string; userData: unknown[]; queryAfterRules?: string } };
const search = async (qs: Record<string, string>) => {
  const res = await api.app.request(`/v1/products/search?${new URLSearchParams(qs)}`);
  expect(res.status).toBe(200);
  return { body: (await res.json()) as Body, cache: res.headers.get('x-cache') };
};
const putRule = async (id: string, rule: unknown) => {
  const res = await inventory.request(`/v1/admin/rules/${id}`, { method: 'PUT', json: rule });
  expect(res.status, await res.clone().text()).toBeLessThan(300);
};
/** The first answer in which `id` is applied (rules are read within the refresh). */
const whenApplied = (id: string, qs: Record<string, string>) =>
  eventually(async () => {
    const { body } = await search(qs);
    return body.rules?.applied.includes(id) ? body : undefined;
  }, 5_000, 100);

beforeAll(async () => {
  await seedProducts(es, alias, catalog);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('query rules (issue 16)', () => {
  it('pins products at positions, a product that does not match the text too, fetched in the search’s own round trip; pages hold every product once', async () => {
    const earbuds = idOf('Bose QuietComfort Earbuds');
    const shoes = idOf('Trail Running Shoes');
    await putRule('pin-headphones', { condition: { anchoring: 'is', pattern: 'headphones' }, consequence: { pins: [{ id: earbuds, position: 1 }, { id: shoes, position: 3 }] } });
    const first = await whenApplied('pin-headphones', { q: 'headphones', per_page: '3' });
    expect(first.hits.map((h) => h.id)[0]).toBe(earbuds);
    expect(first.hits.map((h) => h.id)[2]).toBe(shoes);
    const seen: string[] = [];
    for (let page = 1; page <= first.totalPages; page++) seen.push(...(await search({ q: 'headphones', per_page: '3', page: String(page) })).body.hits.map((h) => h.id));
    expect(seen).toHaveLength(first.total);
    expect(new Set(seen).size).toBe(seen.length);
    // Uncached (parameters not asked before; no typo pass): the search and the pinned products go in one _msearch.
    const before = api.backend.calls.search + api.backend.calls.msearch;
    const fresh = await search({ q: 'headphones', per_page: '4', correct: 'false' });
    expect(api.backend.calls.search + api.backend.calls.msearch - before).toBe(1);
    expect(api.backend.calls.msearch).toBeGreaterThan(0);
    expect(fresh.body.hits.map((h) => h.id).slice(0, 3)).toEqual([earbuds, first.hits[1]?.id, shoes]);
    // Another sort is not reordered by pins.
    expect((await search({ q: 'headphones', sort: 'price_asc' })).body.hits.map((h) => h.id)).not.toContain(shoes);
  });

  it('hides products', async () => {
    const hidden = idOf('Sony WH-CH520 On-Ear Headphones');
    expect((await search({ q: 'sony' })).body.hits.map((h) => h.id)).toContain(hidden);
    await putRule('hide-ch520', { condition: { anchoring: 'contains', pattern: 'sony' }, consequence: { hide: [hidden] } });
    const body = await whenApplied('hide-ch520', { q: 'sony' });
    expect(body.hits.map((h) => h.id)).not.toContain(hidden);
    expect(body.hits.length).toBeGreaterThan(0);
  });

  it('boosts one brand to the top and buries another to the bottom', async () => {
    await putRule('boost-stark', {
      condition: { anchoring: 'is', pattern: 'blender' },
      consequence: { boosts: [{ filter: { brand: ['Stark'] }, factor: 50 }, { filter: { brand: ['Acme'] }, factor: 0.01 }] },
    });
    const body = await whenApplied('boost-stark', { q: 'blender', per_page: '50' });
    expect(body.hits[0]?.brand).toBe('Stark');
    expect(body.hits.at(-1)?.brand).toBe('Acme');
  });

  it('applies a filter and removes a word; replaces the query', async () => {
    await putRule('cheap', { condition: { anchoring: 'starts-with', pattern: 'cheap' }, consequence: { query: { remove: ['cheap'] }, filter: { priceMax: 300 } } });
    const cheap = await whenApplied('cheap', { q: 'cheap headphones' });
    expect(cheap.rules?.queryAfterRules).toBe('headphones');
    expect(cheap.hits.length).toBeGreaterThan(0);
    expect(cheap.hits.every((h) => h.price <= 300)).toBe(true);
    await putRule('cans', { condition: { anchoring: 'is', pattern: 'cans' }, consequence: { query: { replace: 'headphones' } } });
    const cans = await whenApplied('cans', { q: 'cans' });
    expect(cans.hits.some((h) => /Headphones/.test(h.title))).toBe(true);
  });

  it('returns a redirect and banner data', async () => {
    await putRule('returns', { condition: { anchoring: 'is', pattern: 'returns' }, consequence: { redirect: 'https://shop.example/returns', userData: { banner: 'Free returns for 30 days' } } });
    const body = await whenApplied('returns', { q: 'returns' });
    expect(body.rules).toMatchObject({ redirect: 'https://shop.example/returns', userData: [{ banner: 'Free returns for 30 days' }] });
  });

  it('a rule limited to a context applies only when the search names it', async () => {
    await putRule('ctx', { condition: { anchoring: 'is', pattern: 'keyboard', context: 'computers' }, consequence: { userData: { section: 'computers' } } });
    await whenApplied('ctx', { q: 'keyboard', context: 'computers' });
    expect((await search({ q: 'keyboard' })).body.rules).toBeUndefined();
    expect((await search({ q: 'keyboard', context: 'audio' })).body.rules).toBeUndefined();
  });

  it('a rule applies only inside its time window', async () => {
    const hour = 3_600_000;
    const iso = (ms: number) => new Date(Date.now() + ms).toISOString();
    await putRule('past', { condition: { anchoring: 'is', pattern: 'lamp', until: iso(-hour) }, consequence: { userData: { w: 'past' } } });
    await putRule('future', { condition: { anchoring: 'is', pattern: 'lamp', from: iso(hour) }, consequence: { userData: { w: 'future' } } });
    await putRule('now', { condition: { anchoring: 'is', pattern: 'lamp', from: iso(-hour), until: iso(hour) }, consequence: { userData: { w: 'now' } } });
    const body = await whenApplied('now', { q: 'lamp' });
    expect(body.rules?.applied).toEqual(['now']);
  });

  it('a cached answer gives way to a new rule within the refresh, and back when it is deleted', async () => {
    for (let i = 0; i < 3; i++) await search({ q: 'yoga mat' });
    expect((await search({ q: 'yoga mat' })).cache).toBe('HIT');
    await putRule('yoga', { condition: { anchoring: 'is', pattern: 'yoga mat' }, consequence: { userData: { banner: 'yoga week' } } });
    await whenApplied('yoga', { q: 'yoga mat' });
    expect((await inventory.request('/v1/admin/rules/yoga', { method: 'DELETE' })).status).toBe(204);
    await eventually(async () => ((await search({ q: 'yoga mat' })).body.rules === undefined ? true : undefined), 5_000, 100);
  });

  it('previews a draft rule and a draft synonym set on a query without publishing them', async () => {
    const shoes = idOf('Running Shoes');
    const res = await api.app.request('/v1/admin/merch/preview', {
      method: 'POST',
      headers: { Authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' },
      body: JSON.stringify({
        q: 'glimmerstick',
        rules: [{ id: 'draft-pin', rule: { condition: { anchoring: 'is', pattern: 'glimmerstick' }, consequence: { pins: [{ id: shoes, position: 1 }] } } }],
        synonyms: [{ type: 'one-way', from: ['glimmerstick'], to: ['desk lamp'] }],
      }),
    });
    expect(res.status).toBe(200);
    const { live, preview } = (await res.json()) as { live: Body; preview: Body };
    expect(live.total).toBe(0);
    expect(preview.hits[0]?.id).toBe(shoes);
    expect(preview.hits.slice(1).every((h) => /Desk Lamp/.test(h.title))).toBe(true);
    expect(preview.rules?.applied).toEqual(['draft-pin']);
    expect((await search({ q: 'glimmerstick' })).body.total).toBe(0);
    expect((await inventory.request('/v1/admin/rules/draft-pin')).status).toBe(404);
    expect((await api.app.request('/v1/admin/merch/preview', { method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('the admin refuses bad rules naming the field', async () => {
    const res = await inventory.request('/v1/admin/rules/bad', { method: 'PUT', json: { condition: { anchoring: 'contains', pattern: 'x' }, consequence: { redirect: 'javascript:alert(1)' } } });
    expect(res.status).toBe(400);
    expect(JSON.stringify(await res.json())).toContain('redirect');
  });
});
