import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CATEGORY_SEPARATOR, type Product } from '@catalog/contract';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { analyticsIndexName } from '../../search-api/src/es/analytics-store';
import { shownInCategoryFacet } from '../../search-api/src/search/category-facet';
import { dropAliasIndices, freePort, randomSuffix, stackClients } from './helpers';
import { ANALYSIS_RELEVANCE_CASES, fixtureCatalog, indexDocs, searchApiFor, toFixtureDoc, tombstoneDoc } from './search-fixtures';

type Hit = { id: string; title: string; brand: string; price: number; rating: number; inStock: boolean; highlight?: { title?: string } };
type Body = {
  total: number;
  totalPages: number;
  page: number;
  hits: Hit[];
  facets: {
    brand: { value: string; count: number }[];
    category: { value: string; count: number }[];
    price: { from?: number; to?: number; count: number }[];
    rating: { min: number; count: number }[];
    inStock: { value: boolean; count: number }[];
    attributes: Record<string, { value: string; count: number }[]>;
  };
};

const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const catalog = fixtureCatalog();
const deleted = catalog[catalog.length - 1] as Product;
const live = catalog.filter((p) => p.id !== deleted.id);
const api = searchApiFor({ alias });

const get = async (path: string) => {
  const res = await api.app.request(path);
  return { status: res.status, body: (await res.json()) as Body };
};
const search = async (qs: string) => {
  const { status, body } = await get(`/v1/products/search?${qs}`);
  expect(status, JSON.stringify(body)).toBe(200);
  return body;
};
const titles = (b: Body) => b.hits.map((h) => h.title);

beforeAll(async () => {
  await ensureProductIndex(es, alias);
  await indexDocs(es, alias, [
    ...live.map((p) => ({ id: p.id, doc: toFixtureDoc(p) })),
    { id: deleted.id, doc: tombstoneDoc(deleted.id, 2) },
  ]);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('relevance', () => {
  it.each([
    ...ANALYSIS_RELEVANCE_CASES,
    ['television', 'Samsung 55" QLED 4K Smart Television'],
    ['Sony WH-CH520 On-Ear Headphones', 'Sony WH-CH520 On-Ear Headphones'],
    ['samsnug', 'Samsung 55" QLED 4K Smart Television'],
    ['keyboad', 'Logitech MX Keys Keyboard'],
    ['keyb', 'Logitech MX Keys Keyboard'],
    ['sony wire', 'Sony WH-1000XM4 Wireless Noise Cancelling Headphones'],
    ['cell phone', 'Apple iPhone 15 Smartphone'],
  ])('%s → %s first', async (q, first) => {
    const body = await search(`q=${encodeURIComponent(q)}`);
    expect(titles(body)[0], titles(body).join(' | ')).toBe(first);
  });

  it('typos only where needed: a word found as typed in enough products adds no typo matches, a thin one does', async () => {
    // "max" is in 12 filler titles as typed; "MX" (Logitech MX Keys) is one edit away.
    const asTyped = await search('q=max&per_page=100');
    expect(asTyped.total).toBe(12);
    expect(titles(asTyped).every((t) => / Max /.test(t)), titles(asTyped).join(' | ')).toBe(true);
    // "maxi" finds nothing as typed: the typo pass finds the "Max" products (one edit), not the "Mini" ones (two).
    const typo = await search('q=maxi&per_page=100');
    expect(titles(typo).filter((t) => / Max /.test(t))).toHaveLength(12);
    expect(titles(typo).filter((t) => / Mini /.test(t))).toEqual([]);
  });

  it('the typo pass never lets a stop word alone carry the query: every description says "by", yet "zzqxv by" finds nothing', async () => {
    expect((await search('q=zzqxv%20by')).total).toBe(0);
    expect((await search('q=keyboard%20by')).total).toBe((await search('q=keyboard')).total);
    expect(titles(await search('q=keyboad%20by'))[0]).toBe('Logitech MX Keys Keyboard');
  });

  it('multi-word synonyms: "notebook computer" finds the laptop', async () => {
    expect(titles(await search('q=notebook%20computer'))).toContain('Dell XPS 13 Laptop');
  });

  it('synonyms widen: "earphones" finds headphones and earbuds', async () => {
    const found = titles(await search('q=earphones'));
    expect(found).toEqual(expect.arrayContaining(['Sony WH-CH520 On-Ear Headphones', 'Bose QuietComfort Earbuds']));
  });

  it('highlights the matched title words', async () => {
    const body = await search('q=television');
    expect(body.hits[0]?.highlight?.title).toContain('<em>Television</em>');
  });

  it('finds nothing for nonsense, with empty facets counts', async () => {
    const body = await search('q=zzqxv');
    expect(body.total).toBe(0);
    expect(body.hits).toEqual([]);
  });

  it('never returns the tombstone: search, product detail, autocomplete', async () => {
    const word = deleted.title.split(' ')[0] ?? '';
    const body = await search(`q=${encodeURIComponent(deleted.title)}`);
    expect(body.hits.map((h) => h.id)).not.toContain(deleted.id);
    expect((await search('per_page=100')).total).toBe(live.length);
    expect((await api.app.request(`/v1/products/${deleted.id}`)).status).toBe(404);
    const ac = (await (await api.app.request(`/v1/products/autocomplete?q=${word}&limit=20`)).json()) as { suggestions: { id?: string }[] };
    expect(ac.suggestions.map((s) => s.id)).not.toContain(deleted.id);
  });
});

// Brute force over the fixture catalog: what each facet must count.
type Filters = { brand?: string[]; category?: string[]; price_min?: number; price_max?: number; rating_min?: number; in_stock?: boolean; attr?: Record<string, string[]> };
const paths = (p: Product) => p.categories.map((_, i) => p.categories.slice(0, i + 1).join(CATEGORY_SEPARATOR));
function matches(p: Product, f: Filters, except?: string): boolean {
  if (except !== 'brand' && f.brand && !f.brand.includes(p.brand)) return false;
  if (except !== 'category' && f.category && !f.category.some((c) => paths(p).includes(c))) return false;
  if (except !== 'price' && f.price_min !== undefined && p.price < f.price_min) return false;
  if (except !== 'price' && f.price_max !== undefined && p.price > f.price_max) return false;
  if (except !== 'rating' && f.rating_min !== undefined && p.rating < f.rating_min) return false;
  if (except !== 'inStock' && f.in_stock !== undefined && p.stock > 0 !== f.in_stock) return false;
  for (const [name, values] of Object.entries(f.attr ?? {})) {
    if (except !== `attr.${name}` && !values.includes(p.attributes?.[name] ?? '')) return false;
  }
  return true;
}
const countBy = (items: string[]) => {
  const m = new Map<string, number>();
  for (const i of items) m.set(i, (m.get(i) ?? 0) + 1);
  return m;
};
const asMap = (buckets: { value: string; count: number }[]) => new Map(buckets.map((b) => [b.value, b.count]));
function toQuery(f: Filters): string {
  const qs = new URLSearchParams();
  for (const b of f.brand ?? []) qs.append('brand', b);
  for (const c of f.category ?? []) qs.append('category', c);
  if (f.price_min !== undefined) qs.set('price_min', String(f.price_min));
  if (f.price_max !== undefined) qs.set('price_max', String(f.price_max));
  if (f.rating_min !== undefined) qs.set('rating_min', String(f.rating_min));
  if (f.in_stock !== undefined) qs.set('in_stock', String(f.in_stock));
  for (const [name, values] of Object.entries(f.attr ?? {})) for (const v of values) qs.append(`attr.${name}`, v);
  qs.set('per_page', '100');
  return qs.toString();
}

describe('disjunctive facets match brute force', () => {
  it.each<[string, Filters]>([
    ['no filter', {}],
    ['one brand', { brand: ['Sony'] }],
    ['two brands in stock', { brand: ['Sony', 'Acme'], in_stock: true }],
    ['category and rating', { category: ['Electronics > Audio'], rating_min: 3 }],
    ['two categories', { category: ['Home', 'Sports > Running'] }],
    ['deep categories', { category: ['Electronics > Audio > Headphones', 'Home > Kitchen'] }],
    ['attribute and price range', { attr: { color: ['black'] }, price_min: 50, price_max: 500 }],
    ['two attributes', { attr: { color: ['black', 'red'], size: ['m'] }, in_stock: false }],
  ])('%s', async (_, f) => {
    const body = await search(toQuery(f));
    expect(body.total).toBe(live.filter((p) => matches(p, f)).length);
    expect(body.hits.every((h) => live.some((p) => p.id === h.id && matches(p, f)))).toBe(true);

    expect(asMap(body.facets.brand)).toEqual(countBy(live.filter((p) => matches(p, f, 'brand')).map((p) => p.brand)));

    // Which paths the facet shows is the search core's own pure statement; Elasticsearch must agree with it.
    const shown = (v: string) => shownInCategoryFacet(v, f.category ?? []);
    const expectedCategories = countBy(live.filter((p) => matches(p, f, 'category')).flatMap(paths).filter(shown));
    expect(asMap(body.facets.category)).toEqual(expectedCategories);

    const inStock = live.filter((p) => matches(p, f, 'inStock'));
    const expectedStock = new Map([[true, inStock.filter((p) => p.stock > 0).length], [false, inStock.filter((p) => p.stock === 0).length]]);
    for (const [value, count] of [...expectedStock]) if (count === 0) expectedStock.delete(value);
    expect(new Map(body.facets.inStock.map((b) => [b.value, b.count]))).toEqual(expectedStock);

    const forRating = live.filter((p) => matches(p, f, 'rating'));
    expect(body.facets.rating).toEqual([4, 3, 2, 1].map((min) => ({ min, count: forRating.filter((p) => p.rating >= min).length })));

    const forPrice = live.filter((p) => matches(p, f, 'price'));
    for (const b of body.facets.price) {
      expect(b.count).toBe(forPrice.filter((p) => p.price >= (b.from ?? -Infinity) && p.price < (b.to ?? Infinity)).length);
    }

    for (const name of ['color', 'size']) {
      const forAttr = live.filter((p) => matches(p, f, `attr.${name}`)).flatMap((p) => (p.attributes?.[name] ? [p.attributes[name]] : []));
      expect(asMap(body.facets.attributes[name] ?? [])).toEqual(countBy(forAttr));
    }
  });
});

describe('sorts and pagination', () => {
  const byId = (a: Product, b: Product) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);
  it.each<[string, (a: Product, b: Product) => number]>([
    ['relevance', (a, b) => b.popularity - a.popularity || byId(a, b)],
    ['price_asc', (a, b) => a.price - b.price || byId(a, b)],
    ['price_desc', (a, b) => b.price - a.price || byId(a, b)],
    ['rating_desc', (a, b) => b.rating - a.rating || b.reviewCount - a.reviewCount || byId(a, b)],
    ['newest', (a, b) => b.createdAt.localeCompare(a.createdAt) || byId(a, b)],
  ])('browse sorted by %s', async (sort, compare) => {
    const body = await search(`sort=${sort}&per_page=100`);
    expect(body.hits.map((h) => h.id)).toEqual([...live].sort(compare).map((p) => p.id));
  });

  it.each(['price_asc', 'price_desc', 'rating_desc', 'newest'])('text search sorted by %s keeps the order and the matches', async (sort) => {
    const body = await search(`q=headphones&sort=${sort}`);
    expect(body.total).toBeGreaterThan(1);
    const values = body.hits.map((h) => (sort.startsWith('price') ? h.price : h.rating));
    if (sort === 'price_asc') expect(values).toEqual([...values].sort((a, b) => a - b));
    if (sort === 'price_desc' || sort === 'rating_desc') expect(values).toEqual([...values].sort((a, b) => b - a));
  });

  it('pages cover every product exactly once, the last page is partial, past the end is empty', async () => {
    const per = 7;
    const first = await search(`per_page=${per}`);
    expect(first.totalPages).toBe(Math.ceil(live.length / per));
    const ids: string[] = [];
    for (let page = 1; page <= first.totalPages; page++) ids.push(...(await search(`per_page=${per}&page=${page}`)).hits.map((h) => h.id));
    expect(ids).toHaveLength(live.length);
    expect(new Set(ids).size).toBe(live.length);
    expect((await search(`per_page=${per}&page=${first.totalPages}`)).hits).toHaveLength(live.length % per || per);
    expect((await search(`per_page=${per}&page=${first.totalPages + 1}`)).hits).toEqual([]);
    expect((await search('per_page=1&page=10000')).hits).toEqual([]);
    expect((await get('/v1/products/search?per_page=1&page=10001')).status).toBe(400);
  });
});

describe('autocomplete, product detail, analytics', () => {
  type Ac = { suggestions: { type: string; text: string; id?: string }[] };
  const ac = async (qs: string) => {
    const res = await api.app.request(`/v1/products/autocomplete?${qs}`);
    expect(res.status).toBe(200);
    return (await res.json()) as Ac;
  };

  it.each([
    ['son', 'brand', 'Sony'],
    ['sony wh', 'product', 'Sony WH-1000XM4 Wireless Noise Cancelling Headphones'],
    ['samsng', 'product', 'Samsung 55" QLED 4K Smart Television'],
    ['headph', 'category', 'Headphones'],
    ['cafe', 'product', 'Crème Brûlée Torch for Café Kitchens'],
  ])('%s suggests %s %s', async (q, type, text) => {
    const { suggestions } = await ac(`q=${encodeURIComponent(q)}`);
    expect(suggestions).toContainEqual(expect.objectContaining({ type, text }));
  });

  it('respects limit and has no duplicates', async () => {
    const { suggestions } = await ac('q=a&limit=5');
    expect(suggestions.length).toBeLessThanOrEqual(5);
    expect(new Set(suggestions.map((s) => `${s.type}:${s.id ?? s.text}`)).size).toBe(suggestions.length);
  });

  it('product detail: the product with inStock, 404 unknown', async () => {
    const p = live[1] as Product;
    const res = await api.app.request(`/v1/products/${p.id}`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ ...p, inStock: p.stock > 0 });
    expect((await api.app.request('/v1/products/NOPE-1')).status).toBe(404);
  });

  it('popular and no-result queries come from recorded searches and feed autocomplete', async () => {
    // Three client networks (the minimum before anyone else sees a query), each searching the same things.
    for (const client of ['198.51.100.1', '198.51.101.1', '198.51.102.1']) {
      for (const q of ['Sony', 'sony ', 'sony headphones', 'qqqnothing']) {
        const res = await api.app.request(`/v1/products/search?q=${encodeURIComponent(q)}`, {}, { incoming: { socket: { remoteAddress: client } } });
        expect(res.status).toBe(200);
      }
    }
    await api.recorder.flush();
    await es.indices.refresh({ index: analyticsIndexName(alias) });
    const popular = (await (await api.app.request('/v1/searches/popular?limit=3')).json()) as { queries: { query: string; count: number }[] };
    expect(popular.queries).toContainEqual({ query: 'sony', count: 3 });
    expect(popular.queries).toContainEqual({ query: 'sony headphones', count: 3 });
    const none = (await (await api.app.request('/v1/searches/no-results')).json()) as { queries: { query: string; count: number }[] };
    expect(none.queries).toContainEqual({ query: 'qqqnothing', count: 3 });
    const { suggestions } = await ac('q=son');
    expect(suggestions[0]).toEqual({ type: 'query', text: 'sony' });
    expect(suggestions).not.toContainEqual(expect.objectContaining({ text: 'qqqnothing' }));
  });
});

describe('Elasticsearch down', () => {
  it('answers 503 problem+json quickly, without Elasticsearch text', async () => {
    const down = searchApiFor({ alias, esUrl: `http://127.0.0.1:${await freePort()}`, requestTimeoutMs: 1000 });
    const started = Date.now();
    const res = await down.app.request('/v1/products/search?q=tv');
    expect(res.status).toBe(503);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(Date.now() - started).toBeLessThan(1500);
    expect(JSON.stringify(await res.json())).not.toMatch(/ECONNREFUSED|127\.0\.0\.1/);
    expect((await down.app.request('/readyz')).status).toBe(503);
    await down.recorder.close();
  });
});
