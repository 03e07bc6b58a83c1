import { afterEach, describe, expect, it, vi } from 'vitest';
import { generateProduct } from './catalog/generator';
import { expectProblem, makeApp, productInput } from './app.test-helpers';

const input = productInput;
let ctx = makeApp();
afterEach(() => {
  ctx.simulator.stop();
  ctx.store.close();
  ctx = makeApp();
});

describe('happy', () => {
  it('PUT, PATCH, GET, DELETE a product with increasing versions', async () => {
    const p = input(0);
    const put = await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PUT', json: p });
    expect(put.status).toBe(202);
    expect(await put.json()).toMatchObject({ productId: p.id, version: 1 });
    const patch = await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PATCH', json: { price: 9.99, stock: 0 } });
    expect(await patch.json()).toMatchObject({ version: 2 });
    const got = await ctx.request(`/v1/admin/products/${p.id}`);
    expect(await got.json()).toMatchObject({ price: 9.99, stock: 0, version: 2, title: p.title });
    expect((await ctx.request(`/v1/admin/products/${p.id}`, { method: 'DELETE' })).status).toBe(202);
    expect(ctx.store.pendingCount()).toBe(3);
    expect(ctx.accepted()).toBe(3);
  });

  it('lists products page by page with filters', async () => {
    ctx.store.upsertMany(Array.from({ length: 30 }, (_, i) => generateProduct(9, i)));
    const first = (await (await ctx.request('/v1/admin/products?limit=20')).json()) as { items: unknown[]; nextCursor: string };
    expect(first.items).toHaveLength(20);
    const rest = (await (await ctx.request(`/v1/admin/products?limit=20&cursor=${first.nextCursor}`)).json()) as { items: unknown[]; nextCursor?: string };
    expect(rest.items).toHaveLength(10);
    expect(rest.nextCursor).toBeUndefined();
    const brand = generateProduct(9, 0).brand;
    const byBrand = (await (await ctx.request(`/v1/admin/products?brand=${encodeURIComponent(brand)}`)).json()) as { items: { product: { brand: string } }[] };
    expect(byBrand.items.length).toBeGreaterThan(0);
    expect(byBrand.items.every((i) => i.product.brand === brand)).toBe(true);
  });

  it('imports NDJSON with a report of rejected lines', async () => {
    const body = [JSON.stringify(input(1)), JSON.stringify({ ...input(2), rating: 7 }), JSON.stringify(input(3))].join('\n');
    const res = await ctx.request('/v1/admin/imports', { method: 'POST', body, headers: { 'Content-Type': 'application/x-ndjson' } });
    expect(res.status).toBe(202);
    expect(await res.json()).toEqual({
      accepted: 2,
      rejectedCount: 1,
      rejected: [{ line: 2, errors: [expect.objectContaining({ path: 'rating' })], errorCount: 1 }],
      rejectedByKind: [{ kind: 'invalid rating', lines: 1 }],
    });
    expect(ctx.store.counts().live).toBe(2);
  });

  it('imports CSV', async () => {
    const csv = 'id,title,brand,categories,price,currency,stock,rating,reviewCount,popularity\nSKU-X1,Insignia 55" TV,Insignia,TV & Home Theater > TVs,299.99,USD,3,4.1,10,2\n';
    const res = await ctx.request('/v1/admin/imports', { method: 'POST', body: csv, headers: { 'Content-Type': 'text/csv' } });
    expect(await res.json()).toEqual({ accepted: 1, rejected: [], rejectedCount: 0, rejectedByKind: [] });
    expect(ctx.store.get('SKU-X1')?.product.title).toBe('Insignia 55" TV');
  });

  it('starts, reports and stops a simulation; recent events show what it wrote', async () => {
    ctx.store.upsertMany(Array.from({ length: 50 }, (_, i) => generateProduct(9, i)));
    const start = await ctx.request('/v1/admin/simulation/start', { method: 'POST', json: { rate: 500, durationSeconds: 30 } });
    expect(start.status).toBe(202);
    expect(await start.json()).toMatchObject({ running: true, options: { rate: 500 } });
    // Wait for the condition (events written), not for a guess of how long that takes.
    await vi.waitFor(() => expect(ctx.simulator.status().published.total).toBeGreaterThan(0), { timeout: 5000, interval: 20 });
    const stop = (await (await ctx.request('/v1/admin/simulation/stop', { method: 'POST' })).json()) as { running: boolean; published: { total: number } };
    expect(stop.running).toBe(false);
    expect(stop.published.total).toBeGreaterThan(0);
    const events = (await (await ctx.request('/v1/admin/events?limit=5')).json()) as { items: unknown[]; pending: number; products: { live: number } };
    expect(events.items).toHaveLength(5);
    expect(events.pending).toBe(50 + stop.published.total);
  });

  it('serves the admin page without a token', async () => {
    const page = await ctx.app.request('/admin');
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<h1>Inventory admin</h1>');
    expect((await ctx.app.request('/admin/admin.js')).headers.get('content-type')).toContain('javascript');
  });
});

describe('errors', () => {
  it.each([
    [{ price: -1 }, 'price'],
    [{ price: 1.234 }, 'price'],
    [{ stock: 1.5 }, 'stock'],
    [{ rating: 6 }, 'rating'],
    [{ currency: 'dollars' }, 'currency'],
    [{ categories: [] }, 'categories'],
    [{ attributes: { 'Bad Name': 'x' } }, 'attributes.Bad Name'],
    [{ unknownField: 1 }, 'unknownField'],
  ])('PUT %j → 400 naming %s, nothing stored', async (change, path) => {
    const p = { ...input(0), ...change };
    await expectProblem(await ctx.request(`/v1/admin/products/${p.id}`, { method: 'PUT', json: p }), 400, path);
    expect(ctx.store.pendingCount()).toBe(0);
  });

  it('names the id, the body and the content type', async () => {
    await expectProblem(await ctx.request('/v1/admin/products/bad%20id'), 400, 'id');
    await expectProblem(await ctx.request('/v1/admin/products/SKU-1', { method: 'PUT', body: '{', headers: { 'Content-Type': 'application/json' } }), 400, '(body)');
    await expectProblem(await ctx.request('/v1/admin/products/SKU-1', { method: 'PUT', body: '{}' }), 415);
    await expectProblem(await ctx.request('/v1/admin/products/SKU-1', { method: 'PUT', json: { ...input(0), id: 'SKU-2' } }), 400, 'id');
    await expectProblem(await ctx.request('/v1/admin/products/NOPE', { method: 'PATCH', json: { price: 1 } }), 404);
    await expectProblem(await ctx.request('/v1/admin/products/NOPE', { method: 'DELETE' }), 404);
  });

  it.each([
    ['limit=0', 'limit'], ['limit=501', 'limit'], ['deleted=maybe', 'deleted'], ['cursor=%25%25', 'cursor'], ['sort=price', 'sort'],
  ])('list ?%s → 400 naming %s', async (query, path) => {
    await expectProblem(await ctx.request(`/v1/admin/products?${query}`), 400, path);
  });

  it('refuses bodies over the limit with 413', async () => {
    ctx = makeApp({ maxBodyBytes: 2048, maxImportBytes: 4096 });
    const big = { ...input(0), description: 'x'.repeat(4000) };
    await expectProblem(await ctx.request(`/v1/admin/products/${big.id}`, { method: 'PUT', json: big }), 413);
    const upload = `${JSON.stringify(input(1))}\n`.repeat(20);
    await expectProblem(await ctx.request('/v1/admin/imports', { method: 'POST', body: upload, headers: { 'Content-Type': 'application/x-ndjson' } }), 413);
    expect(ctx.store.counts().live).toBe(0);
  });

  it('import: nothing valid → 400 naming line and field; all-or-nothing writes nothing; bad type → 415', async () => {
    const bad = JSON.stringify({ ...input(1), price: 'free' });
    const json = { 'Content-Type': 'application/x-ndjson' };
    await expectProblem(await ctx.request('/v1/admin/imports', { method: 'POST', body: bad, headers: json }), 400, 'line.1.price');
    const mixed = `${JSON.stringify(input(2))}\n${bad}`;
    await expectProblem(await ctx.request('/v1/admin/imports?mode=all-or-nothing', { method: 'POST', body: mixed, headers: json }), 400, 'line.2.price');
    await expectProblem(await ctx.request('/v1/admin/imports', { method: 'POST', body: '', headers: json }), 400);
    await expectProblem(await ctx.request('/v1/admin/imports', { method: 'POST', body: 'a,b', headers: { 'Content-Type': 'text/csv' } }), 400, 'line.1');
    await expectProblem(await ctx.request('/v1/admin/imports', { method: 'POST', body: mixed, headers: { 'Content-Type': 'application/json' } }), 415);
    await expectProblem(await ctx.request('/v1/admin/imports?mode=yolo', { method: 'POST', body: mixed, headers: json }), 400, 'mode');
    expect(ctx.store.pendingCount()).toBe(0);
  });

  it('simulation: bad options name the field, a second start is a 409', async () => {
    await expectProblem(await ctx.request('/v1/admin/simulation/start', { method: 'POST', json: { rate: 0 } }), 400, 'rate');
    await expectProblem(await ctx.request('/v1/admin/simulation/start', { method: 'POST', json: { rate: 5, durationSeconds: -1 } }), 400, 'durationSeconds');
    expect((await ctx.request('/v1/admin/simulation/start', { method: 'POST', json: { rate: 1 } })).status).toBe(202);
    await expectProblem(await ctx.request('/v1/admin/simulation/start', { method: 'POST', json: { rate: 1 } }), 409);
    await expectProblem(await ctx.request('/v1/admin/events?limit=none'), 400, 'limit');
  });
});

describe('auth', () => {
  it.each([
    ['PUT', '/v1/admin/products/SKU-0000001'],
    ['PATCH', '/v1/admin/products/SKU-0000001'],
    ['DELETE', '/v1/admin/products/SKU-0000001'],
    ['GET', '/v1/admin/products/SKU-0000001'],
    ['GET', '/v1/admin/products'],
    ['POST', '/v1/admin/imports'],
    ['POST', '/v1/admin/simulation/start'],
    ['POST', '/v1/admin/simulation/stop'],
    ['GET', '/v1/admin/events'],
  ])('%s %s without a valid token → 401 and nothing changes', async (method, path) => {
    ctx.store.upsert(generateProduct(9, 0));
    const body = method === 'GET' || method === 'DELETE' ? undefined : JSON.stringify(input(0));
    for (const token of [null, 'wrong-token-0123456789abcdef', '']) {
      const res = await ctx.request(path, { method, body, token, headers: { 'Content-Type': 'application/json' } });
      await expectProblem(res, 401);
      expect(res.headers.get('www-authenticate')).toContain('Bearer');
    }
    expect(ctx.store.pendingCount()).toBe(1);
    expect(ctx.store.get('SKU-0000001')?.version).toBe(1);
    expect(ctx.simulator.status().running).toBe(false);
  });
});

describe('admin page script', () => {
  it('parses', async () => {
    // ES modules (admin-merch.js imports from admin.js): checked by node as .mjs files.
    const { spawnSync } = await import('node:child_process');
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'admin-page-'));
    for (const path of ['/admin/admin.js', '/admin/admin-merch.js']) {
      const file = join(dir, path.split('/').at(-1)?.replace(/\.js$/, '.mjs') ?? 'x.mjs');
      writeFileSync(file, await (await ctx.app.request(path)).text());
      const check = spawnSync(process.execPath, ['--check', file], { encoding: 'utf8' });
      expect(check.status, `${path}: ${check.stderr}`).toBe(0);
    }
  });
});
