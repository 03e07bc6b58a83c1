import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startPipeline, type Pipeline } from './e2e-support';
import { eventually, randomSuffix } from './helpers';
import { ANALYSIS_RELEVANCE_CASES, fixtureCatalog } from './search-fixtures';

// The walking skeleton: the three real processes on the real stack, a product in through the inventory
// admin API and out through the search API.
const suffix = randomSuffix();
let pipeline: Pipeline;
let token = '';
let inventory = '';
let search = '';

const product = {
  title: `Aurora Trailblazer ${suffix} Hiking Backpack 40L`,
  description: 'A light 40 litre pack with a rain cover.',
  brand: 'Aurora',
  categories: ['Sports', 'Hiking', 'Backpacks'],
  price: 129.5,
  currency: 'EUR',
  stock: 12,
  rating: 4.4,
  reviewCount: 87,
  popularity: 310,
  attributes: { color: 'green' },
};

const admin = (method: string, id: string, body?: unknown) =>
  fetch(`${inventory}/v1/admin/products/${id}`, {
    method,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: body === undefined ? undefined : JSON.stringify(body),
  });

const searchFor = async (q: string) => {
  const res = await fetch(`${search}/v1/products/search?q=${encodeURIComponent(q)}`);
  expect(res.status).toBe(200);
  return (await res.json()) as { total: number; hits: { id: string; title: string; price: number; inStock: boolean }[] };
};

beforeAll(async () => {
  pipeline = await startPipeline({ suffix, label: 'e2e' });
  ({ token, inventory, search } = pipeline);
}, 180_000);

afterAll(async () => {
  const codes = await pipeline?.stop();
  expect(codes?.every((code) => code === 0)).toBe(true);
});

describe('end to end: inventory admin → Pub/Sub → indexer → Elasticsearch → search API', () => {
  const id = `E2E-${suffix}`;

  it('a product PUT through the admin API becomes searchable in the contract shape', async () => {
    const put = await admin('PUT', id, product);
    expect(put.status).toBe(202);
    expect(await put.json()).toMatchObject({ productId: id, version: 1 });

    const found = await eventually(async () => {
      const body = await searchFor(`trailblazer ${suffix}`);
      return body.hits.find((h) => h.id === id);
    });
    expect(found).toMatchObject({ id, title: product.title, price: 129.5, inStock: true });
  });

  it('a price change reaches search results', async () => {
    expect((await admin('PATCH', id, { price: 99.99, stock: 0 })).status).toBe(202);
    const hit = await eventually(async () => {
      const body = await searchFor(`trailblazer ${suffix}`);
      return body.hits.find((h) => h.id === id && h.price === 99.99);
    });
    expect(hit.inStock).toBe(false);
  });

  it('a deleted product disappears from search and its detail answers 404', async () => {
    expect((await admin('DELETE', id)).status).toBe(202);
    await eventually(async () => ((await searchFor(`trailblazer ${suffix}`)).total === 0 ? true : undefined));
    expect((await fetch(`${search}/v1/products/${id}`)).status).toBe(404);
  });

  it('a cached search shows an update made through the pipeline within the 5 s staleness bound', async () => {
    const cachedId = `E2E-CACHE-${suffix}`;
    expect((await admin('PUT', cachedId, { ...product, title: `Aurora Summit ${suffix} Daypack` })).status).toBe(202);
    const url = `${search}/v1/products/search?q=${encodeURIComponent(`summit ${suffix}`)}`;
    await eventually(async () => ((await searchFor(`summit ${suffix}`)).total === 1 ? true : undefined));
    // Seen often enough to be admitted, then served from Memcached.
    const cache = await eventually(async () => {
      const res = await fetch(url);
      return res.headers.get('x-cache') === 'HIT' ? 'HIT' : undefined;
    }, 10_000, 50);
    expect(cache).toBe('HIT');

    expect((await admin('PATCH', cachedId, { price: 42 })).status).toBe(202);
    const accepted = Date.now();
    await eventually(async () => {
      const body = (await (await fetch(url)).json()) as { hits: { price: number }[] };
      return body.hits[0]?.price === 42 ? true : undefined;
    }, 10_000, 100);
    expect(Date.now() - accepted).toBeLessThan(5_000);
  });

  it('without the bearer token nothing changes', async () => {
    const res = await fetch(`${inventory}/v1/admin/products/${id}`, { method: 'PUT', body: JSON.stringify(product) });
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect((await admin('GET', id)).status).toBe(404);
  });
});

describe('language analysis through the real pipeline (issue 9)', () => {
  const catalog = fixtureCatalog();

  beforeAll(async () => {
    const ndjson = catalog.map(({ updatedAt: _u, ...p }) => JSON.stringify(p)).join('\n');
    const res = await fetch(`${inventory}/v1/admin/imports?mode=all-or-nothing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-ndjson' },
      body: ndjson,
    });
    expect(res.status).toBe(202);
    await eventually(async () => ((await searchFor('')).total >= catalog.length ? true : undefined), 30_000);
  });

  it.each(ANALYSIS_RELEVANCE_CASES)('published products: "%s" finds "%s" first', async (q, first) => {
    const body = await searchFor(q);
    expect(body.hits[0]?.title, body.hits.map((h) => h.title).join(' | ')).toBe(first);
  });
});
