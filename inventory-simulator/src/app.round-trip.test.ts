import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { checkApiDocs } from '@catalog/contract/http';
import { expectProblem, makeApp, productInput } from './app.test-helpers';
import { MasterStore } from './store/master-store';

const input = productInput;
let ctx = makeApp();
afterEach(() => {
  ctx.store.close();
  ctx = makeApp();
});

const put = (id: string, json: unknown, headers: Record<string, string> = {}) => ctx.request(`/v1/admin/products/${id}`, { method: 'PUT', json, headers });
const get = async (id: string, headers: Record<string, string> = {}) => ctx.request(`/v1/admin/products/${id}`, { headers });
const record = async (id: string) => (await (await get(id)).json()) as Record<string, unknown>;

describe('round trip: GET → edit → PUT', () => {
  it('accepts the record GET returned, ignoring the server-owned fields', async () => {
    const p = input(0);
    await put(p.id, { ...p, createdAt: '2020-01-01T00:00:00Z' });
    const got = await record(p.id);
    expect(got).toMatchObject({ version: 1, inStock: p.stock > 0, createdAt: '2020-01-01T00:00:00Z' });
    const res = await put(p.id, { ...got, title: 'Edited title', version: 99, inStock: false, updatedAt: '1999-01-01T00:00:00Z', createdAt: '2024-05-05T00:00:00Z' });
    expect(res.status).toBe(202);
    expect(await res.json()).toMatchObject({ version: 2 });
    const after = await record(p.id);
    // The master's createdAt stands, versions are counted by the master, updatedAt is the server's clock.
    expect(after).toMatchObject({ title: 'Edited title', version: 2, createdAt: '2020-01-01T00:00:00Z', inStock: p.stock > 0 });
    expect(after.updatedAt).not.toBe('1999-01-01T00:00:00Z');
  });

  it('still refuses unknown keys, naming each', async () => {
    const p = input(0);
    await put(p.id, p);
    const body = await expectProblem(await put(p.id, { ...(await record(p.id)), colour: 'red', _links: {} }), 400, 'colour');
    expect(body.errors?.map((e) => e.path)).toContain('_links');
    expect(ctx.store.get(p.id)?.version).toBe(1);
  });

  it('PATCH accepts server-owned fields too and ignores them', async () => {
    const p = input(0);
    await put(p.id, p);
    const res = await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { price: 5, version: 1, inStock: true, updatedAt: '2020-01-01T00:00:00Z' } });
    expect(res.status).toBe(202);
    expect(await record(p.id)).toMatchObject({ price: 5, version: 2 });
  });
});

describe('product families (issue 17)', () => {
  const variant = () => ({ ...input(0), attributes: { size: 'M', color: 'Red' }, groupId: 'FAM-1', variantAttributes: ['size', 'color'] });

  it('PUT keeps groupId and variantAttributes; GET returns them; a PATCH moves the product to another family', async () => {
    const p = variant();
    expect((await put(p.id, p)).status).toBe(202);
    expect(await record(p.id)).toMatchObject({ groupId: 'FAM-1', variantAttributes: ['size', 'color'] });
    const res = await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { groupId: 'FAM-2', variantAttributes: ['color'] } });
    expect(res.status).toBe(202);
    expect(await record(p.id)).toMatchObject({ groupId: 'FAM-2', variantAttributes: ['color'], version: 2 });
  });

  it.each([
    ['a varying attribute the product lacks', { variantAttributes: ['size', 'fit'] }, 'variantAttributes.1'],
    ['varying attributes without a family', { groupId: undefined }, 'variantAttributes'],
    ['a groupId that is no id', { groupId: 'FAM 1' }, 'groupId'],
    ['the same name twice', { variantAttributes: ['size', 'size'] }, 'variantAttributes'],
    ['six varying attributes', { variantAttributes: ['a', 'b', 'c', 'd', 'e', 'f'] }, 'variantAttributes'],
    ['an attribute name with upper case', { variantAttributes: ['Color'] }, 'variantAttributes.0'],
  ])('PUT with %s: a 400 naming %s, nothing stored', async (_name, change, path) => {
    const p = { ...variant(), ...change };
    const body = await expectProblem(await put(p.id, p), 400, path);
    expect(body.errors?.map((e) => e.path)).toEqual([path]);
    expect(ctx.store.get(p.id)).toBeUndefined();
  });

  it('PATCH that names a varying attribute of a product without a family: a 400 naming variantAttributes', async () => {
    const { groupId: _g, variantAttributes: _v, ...p } = input(0);
    await put(p.id, p);
    await expectProblem(await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { variantAttributes: ['color'] } }), 400, 'variantAttributes');
    expect(ctx.store.get(p.id)?.version).toBe(1);
  });
});

describe('ETag and conditional requests', () => {
  it('GET sends the version as ETag; If-None-Match with it is a 304', async () => {
    const p = input(0);
    await put(p.id, p);
    const res = await get(p.id);
    expect(res.headers.get('etag')).toBe('"1"');
    const again = await get(p.id, { 'If-None-Match': '"1"' });
    expect(again.status).toBe(304);
    expect(again.headers.get('etag')).toBe('"1"');
    expect((await get(p.id, { 'If-None-Match': 'W/"0", "7"' })).status).toBe(200);
  });

  it.each([
    ['PUT', () => ({ method: 'PUT', json: { ...input(0), price: 1 } })],
    ['PATCH', () => ({ method: 'PATCH', json: { price: 1 } })],
    ['DELETE', () => ({ method: 'DELETE' })],
  ])('%s with a stale If-Match → 412 problem and nothing changes; the current one proceeds', async (_, init) => {
    const p = input(0);
    await put(p.id, p);
    await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { stock: 7 } });
    const pending = ctx.store.pendingCount();
    const stale = await ctx.request(`/v1/admin/products/${p.id}`, { ...init(), headers: { 'If-Match': '"1"' } });
    await expectProblem(stale, 412, 'If-Match');
    expect(ctx.store.pendingCount()).toBe(pending);
    expect(await record(p.id)).toMatchObject({ version: 2, stock: 7 });
    const current = await ctx.request(`/v1/admin/products/${p.id}`, { ...init(), headers: { 'If-Match': '"2"' } });
    expect(current.status).toBe(202);
    expect(current.headers.get('etag')).toBe('"3"');
  });

  it('proceeds without If-Match; If-Match on a product that does not exist is a 412', async () => {
    const p = input(0);
    expect((await put(p.id, p)).status).toBe(202);
    expect((await put(p.id, p)).status).toBe(202);
    await expectProblem(await put('SKU-NEW', { ...p, id: 'SKU-NEW' }, { 'If-Match': '*' }), 412, 'If-Match');
    expect(ctx.store.get('SKU-NEW')).toBeUndefined();
  });

  it.each(['1', '"1', 'W/1'])('a malformed If-Match %j is a 400 naming it', async (header) => {
    const p = input(0);
    await put(p.id, p);
    await expectProblem(await put(p.id, p, { 'If-Match': header }), 400, 'If-Match');
    expect(ctx.store.get(p.id)?.version).toBe(1);
  });
});

describe('user-controlled keys never touch prototypes', () => {
  const hostile = JSON.parse('{"__proto__":"red","constructor":"oak","hasownproperty":"yes","tostring":"x"}') as Record<string, string>;

  it('attributes named __proto__ and constructor round-trip through PUT → GET and PATCH', async () => {
    const p = input(0);
    // input(0) is a variant (issue 17): its varying attributes go with the attributes this test replaces.
    const body = `{${JSON.stringify({ ...p, attributes: undefined, variantAttributes: undefined }).slice(1, -1)},"attributes":${JSON.stringify(hostile)}}`;
    const res = await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PUT', body, headers: { 'Content-Type': 'application/json' } });
    expect(res.status).toBe(202);
    const got = await (await get(p.id)).text();
    expect(JSON.parse(got).attributes).toEqual(hostile);
    expect(got).toContain('"__proto__":"red"');
    await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { price: 3 } });
    expect(JSON.parse(await (await get(p.id)).text()).attributes).toEqual(hostile);
    expect(({} as Record<string, unknown>).red).toBeUndefined();
  });

  it.each([
    ['GET', '/v1/admin/products?__proto__=1', undefined, '__proto__'],
    ['GET', '/v1/admin/events?constructor=1', undefined, 'constructor'],
    ['PUT', '/v1/admin/products/SKU-1', `{"__proto__":{"polluted":1},${JSON.stringify(input(0)).slice(1)}`, '__proto__'],
    ['PATCH', '/v1/admin/products/SKU-1', '{"constructor":{"prototype":{"polluted":1}}}', 'constructor'],
    ['POST', '/v1/admin/simulation/start', '{"__proto__":{"rate":1},"rate":1}', '__proto__'],
  ])('%s %s: a key named like an Object.prototype member is an unknown field, never a prototype', async (method, path, body, name) => {
    const headers = { 'Content-Type': 'application/json' };
    await expectProblem(await ctx.request(path, { method, ...(body ? { body, headers } : {}) }), 400, name);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(ctx.store.pendingCount()).toBe(0);
  });

  it('CSV columns attr.__proto__ and attr.constructor become attributes', async () => {
    const csv = 'id,title,brand,categories,price,currency,stock,rating,reviewCount,popularity,attr.__proto__,attr.constructor\nSKU-P1,Oak chair,Acme,Home > Chairs,20,EUR,1,4,1,1,red,oak\n';
    const res = await ctx.request('/v1/admin/imports', { method: 'POST', body: csv, headers: { 'Content-Type': 'text/csv' } });
    expect(res.status).toBe(202);
    expect(JSON.parse(await (await get('SKU-P1')).text()).attributes).toEqual(JSON.parse('{"__proto__":"red","constructor":"oak"}'));
  });
});

describe('API documentation', () => {
  it('serves /openapi.json (OpenAPI 3, every admin route, bearer scheme) and /docs with same-origin assets', async () => {
    const problems = await checkApiDocs((path) => ctx.app.request(path), {
      operations: [
        'GET /v1/admin/products', 'GET /v1/admin/products/{id}', 'PUT /v1/admin/products/{id}', 'PATCH /v1/admin/products/{id}',
        'DELETE /v1/admin/products/{id}', 'POST /v1/admin/imports', 'GET /v1/admin/simulation', 'POST /v1/admin/simulation/start',
        'POST /v1/admin/simulation/stop', 'GET /v1/admin/events',
      ],
      bearer: ['PUT /v1/admin/products/{id}', 'POST /v1/admin/imports', 'GET /v1/admin/events'],
    });
    expect(problems).toEqual([]);
  });

  it('documents the ETag, If-Match and the 412', async () => {
    const doc = JSON.stringify(await (await ctx.app.request('/openapi.json')).json());
    expect(doc).toContain('"if-match"');
    expect(doc).toContain('"412"');
    expect(doc).toContain('"ETag"');
  });

  it('documents groupId and variantAttributes of PUT and PATCH with the rules between them (issue 17)', async () => {
    const doc = z
      .object({ components: z.object({ schemas: z.record(z.string(), z.object({ properties: z.record(z.string(), z.object({ description: z.string().optional() }).loose()).optional() }).loose()) }) })
      .parse(await (await ctx.app.request('/openapi.json')).json());
    for (const name of ['ProductInput', 'ProductPatch']) {
      const properties = doc.components.schemas[name]?.properties ?? {};
      expect(properties.groupId?.description, name).toMatch(/Family/);
      expect(properties.variantAttributes?.description, name).toMatch(/variantAttributes\.<i>.*groupId/);
    }
  });
});

describe('records stored under older rules (before an upgrade tightened the schema)', () => {
  it('GET names what to fix (409), the list still pages, a PUT repairs it, and its pending event still leaves the outbox', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-old-'));
    try {
      const path = join(dir, 'db.sqlite');
      const p = input(0);
      const store = new MasterStore(path);
      store.upsert({ ...p, createdAt: '2020-01-01T00:00:00Z', updatedAt: '2020-01-01T00:00:00Z' });
      // What an older version accepted: a stock past the index's integer, in the record and its pending event.
      const raw = new Database(path);
      raw.prepare(`UPDATE products SET data = json_set(data, '$.stock', 3000000000)`).run();
      raw.prepare(`UPDATE outbox SET data = json_set(data, '$.product.stock', 3000000000)`).run();
      raw.close();
      ctx.store.close();
      ctx = makeApp({ store });

      await expectProblem(await get(p.id), 409, 'stock');
      const list = (await (await ctx.request('/v1/admin/products')).json()) as { items: { id: string; invalid?: boolean }[] };
      expect(list.items).toEqual([expect.objectContaining({ id: p.id, invalid: true })]);
      const [pending] = store.pending(10);
      expect(JSON.parse(pending?.data ?? '{}')).toMatchObject({ productId: p.id, product: { stock: 3000000000 } });
      expect(pending?.attributes).toEqual({ type: 'product.upserted', productId: p.id, version: '1' });

      expect((await put(p.id, { ...p, stock: 3 })).status).toBe(202);
      expect(await record(p.id)).toMatchObject({ stock: 3, version: 2, createdAt: '2020-01-01T00:00:00Z' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
