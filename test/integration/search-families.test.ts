import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { categoryPaths, familiesAlias, familyKey, Rule, RuleInput, SearchResponse, type Product } from '@catalog/contract';
import { staticRuleSource } from '../../search-api/src/rules/rule-source';
import { shownInCategoryFacet } from '../../search-api/src/search/category-facet';
import { PRICE_RANGES } from '../../search-api/src/search/facets';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedProducts } from './search-fixtures';

// Issue 17: grouped search over a catalog of real families, every count checked against a brute force over the catalog.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias });

let n = 0;
const at = (i: number) => new Date(Date.UTC(2025, 0, 1) + i * 86_400_000).toISOString();
function variant(groupId: string | undefined, title: string, brand: string, categories: string[], attributes: Record<string, string>, varying: string[]): Product {
  n++;
  return {
    id: `V-${String(n).padStart(4, '0')}`,
    title,
    description: `${title}.`,
    brand,
    categories,
    price: 10 + ((n * 37) % 90),
    currency: 'EUR',
    stock: n % 3 === 0 ? 0 : n % 7,
    rating: ((n * 7) % 50) / 10,
    reviewCount: n % 40,
    popularity: (n * 13) % 50,
    attributes,
    ...(groupId !== undefined ? { groupId, variantAttributes: varying } : {}),
    createdAt: at(n),
    updatedAt: at(n + 400),
  };
}

/** Tees (colour × size), phones (storage × colour) and products of their own. */
function familyCatalog(): Product[] {
  n = 0;
  const products: Product[] = [];
  for (const [f, brand] of ['Acme', 'Globex', 'Acme', 'Initech'].entries()) {
    for (const color of ['Red', 'Blue', 'Black']) {
      for (const size of ['S', 'M', 'L']) {
        products.push(variant(`TEE-${f}`, `${brand} Cotton Tee ${f} ${color} ${size}`, brand, ['Apparel', f % 2 ? 'Shirts' : 'Tops'], { color, size, material: 'cotton' }, ['color', 'size']));
      }
    }
  }
  for (const [f, brand] of ['Globex', 'Initech', 'Globex'].entries()) {
    for (const storage of ['128GB', '256GB']) {
      for (const color of ['Blue', 'Black', 'Silver']) {
        products.push(variant(`PHONE-${f}`, `${brand} Phone ${f} ${storage} ${color}`, brand, ['Electronics', 'Phones'], { storage, color }, ['storage', 'color']));
      }
    }
  }
  for (let i = 0; i < 8; i++) {
    products.push(variant(undefined, `Acme Desk Lamp ${i}`, i % 2 ? 'Acme' : 'Stark', ['Home', 'Lighting'], { color: ['Red', 'Blue'][i % 2] ?? 'Red' }, []));
  }
  return products;
}

const catalog = familyCatalog();
function groupBy<T>(items: readonly T[], key: (t: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) groups.set(key(item), [...(groups.get(key(item)) ?? []), item]);
  return groups;
}
type Family = { key: string; members: Product[]; primary: Product; paths: string[] };
const families: Family[] = [...groupBy(catalog, (p) => familyKey(p))].map(([key, members]) => {
  const primary = [...members].sort((a, b) => b.popularity - a.popularity || (a.id < b.id ? -1 : 1))[0] as Product;
  return { key, members, primary, paths: [...new Set(members.flatMap((m) => categoryPaths(m.categories)))] };
});

type Filters = { brand?: string[]; category?: string[]; price_min?: number; price_max?: number; rating_min?: number; in_stock?: boolean; attr?: Record<string, string[]> };
/** A variant satisfies every variant filter but `except` (price, stock, attributes). */
const variantOk = (v: Product, f: Filters, except?: string) =>
  (except === 'price' || ((f.price_min === undefined || v.price >= f.price_min) && (f.price_max === undefined || v.price <= f.price_max))) &&
  (except === 'inStock' || f.in_stock === undefined || v.stock > 0 === f.in_stock) &&
  Object.entries(f.attr ?? {}).every(([name, values]) => except === `attr.${name}` || values.includes(v.attributes?.[name] ?? ''));
/** A family passes every filter but `except`: its own (brand, category, rating) and one variant satisfying the variant ones. */
const familyOk = (fam: Family, f: Filters, except?: string) =>
  (except === 'brand' || !f.brand || f.brand.includes(fam.primary.brand)) &&
  (except === 'category' || !f.category || f.category.some((c) => fam.paths.includes(c))) &&
  (except === 'rating' || f.rating_min === undefined || fam.primary.rating >= f.rating_min) &&
  fam.members.some((v) => variantOk(v, f, except));
/** Families passing every filter but `except` that have a variant passing them with `has`. */
const familiesWith = (f: Filters, except: string, has: (v: Product) => boolean) =>
  families.filter((fam) => familyOk(fam, f, except) && fam.members.some((v) => variantOk(v, f, except) && has(v))).length;
const countBy = (values: string[]) => new Map([...groupBy(values, (v) => v)].map(([v, list]) => [v, list.length]));
const asMap = (buckets: { value: string; count: number }[]) => new Map(buckets.map((b) => [b.value, b.count]));

function toQuery(f: Filters, extra = ''): string {
  const qs = new URLSearchParams();
  for (const b of f.brand ?? []) qs.append('brand', b);
  for (const c of f.category ?? []) qs.append('category', c);
  for (const key of ['price_min', 'price_max', 'rating_min', 'in_stock'] as const) if (f[key] !== undefined) qs.set(key, String(f[key]));
  for (const [name, values] of Object.entries(f.attr ?? {})) for (const v of values) qs.append(`attr.${name}`, v);
  qs.set('per_page', '100');
  return `${qs.toString()}${extra}`;
}
const search = async (qs: string) => {
  const res = await api.app.request(`/v1/products/search?${qs}`);
  expect(res.status).toBe(200);
  return SearchResponse.parse(await res.json());
};

beforeAll(async () => {
  await seedProducts(es, alias, catalog);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

const CASES: [string, Filters][] = [
  ['no filter', {}],
  ['Blue', { attr: { color: ['Blue'] } }],
  ['Blue and M: one variant both', { attr: { color: ['Blue'], size: ['M'] } }],
  ['two colours in stock', { attr: { color: ['Blue', 'Red'] }, in_stock: true }],
  ['out of stock', { in_stock: false }],
  ['price range', { price_min: 30, price_max: 60 }],
  ['brand and colours', { brand: ['Globex'], attr: { color: ['Black', 'Silver'] } }],
  ['category and rating', { category: ['Apparel > Tops'], rating_min: 2 }],
  ['everything', { brand: ['Acme', 'Globex'], category: ['Apparel', 'Electronics'], price_min: 20, price_max: 90, rating_min: 1, in_stock: true, attr: { color: ['Blue', 'Black'], size: ['S', 'L'] } }],
];

/** The answer's total, hits and every facet count are the brute force's over the catalog. */
async function expectBruteForceCounts(f: Filters): Promise<SearchResponse> {
  const body = await search(toQuery(f));
  const matching = families.filter((fam) => familyOk(fam, f));
    expect(body.total).toBe(matching.length);
    expect(body.hits.map((h) => familyKey({ id: h.id, ...(h.groupId ? { groupId: h.groupId } : {}) })).sort()).toEqual(matching.map((m) => m.key).sort());

    expect(asMap(body.facets.brand)).toEqual(countBy(families.filter((fam) => familyOk(fam, f, 'brand')).map((fam) => fam.primary.brand)));
    const shown = (v: string) => shownInCategoryFacet(v, f.category ?? []);
    expect(asMap(body.facets.category)).toEqual(countBy(families.filter((fam) => familyOk(fam, f, 'category')).flatMap((fam) => fam.paths.filter(shown))));
    expect(body.facets.rating).toEqual([4, 3, 2, 1].map((min) => ({ min, count: families.filter((fam) => familyOk(fam, f, 'rating') && fam.primary.rating >= min).length })));
    const stock = [true, false].map((value) => ({ value, count: familiesWith(f, 'inStock', (v) => v.stock > 0 === value) })).filter((b) => b.count > 0);
    expect(new Map(body.facets.inStock.map((b) => [b.value, b.count]))).toEqual(new Map(stock.map((b) => [b.value, b.count])));
    expect(body.facets.price.map((b) => b.count)).toEqual(
      PRICE_RANGES.map((r) => familiesWith(f, 'price', (v) => v.price >= (r.from ?? -Infinity) && v.price < (r.to ?? Infinity))),
    );
    for (const name of ['color', 'size', 'storage', 'material']) {
      const values = [...new Set(catalog.flatMap((p) => p.attributes?.[name] ?? []))];
      const counts = values.map((value): [string, number] => [value, familiesWith(f, `attr.${name}`, (v) => v.attributes?.[name] === value)]);
      const expected = new Map(counts.filter(([, c]) => c !== 0));
      expect(asMap(body.facets.attributes?.[name] ?? []), name).toEqual(expected);
    }
  return body;
}

describe('grouped counts = brute force over the catalog (families, disjunctive)', () => {
  it.each(CASES)('%s', async (_, f) => {
    const body = await expectBruteForceCounts(f);
    for (const h of body.hits) {
      const fam = families.find((x) => x.members.some((m) => m.id === h.id)) as Family;
      const ok = fam.members.filter((v) => variantOk(v, f));
      // The representative satisfies the variant filters; every variant says whether it does; the range is theirs.
      expect(ok.map((v) => v.id)).toContain(h.id);
      expect(h.variants?.[0]?.id).toBe(h.id);
      expect(h.variants?.filter((v) => v.matches).map((v) => v.id).sort()).toEqual(ok.map((v) => v.id).sort());
      expect(h.priceRange).toEqual({ min: Math.min(...ok.map((v) => v.price)), max: Math.max(...ok.map((v) => v.price)) });
      expect(h.variantCount).toBe(fam.members.length);
      if (f.in_stock === true) expect(h.variants?.some((v) => v.matches && v.inStock)).toBe(true);
    }
  });
});

describe('families in results', () => {
  it('one hit per family; the Blue filter makes a Blue variant represent it, with only the varying attributes listed', async () => {
    const all = await search('per_page=100');
    expect(all.total).toBe(families.length);
    const blue = await search('attr.color=Blue&per_page=100');
    for (const h of blue.hits) {
      expect(catalog.find((p) => p.id === h.id)?.attributes?.color).toBe('Blue');
      if (h.groupId?.startsWith('TEE')) expect(Object.keys(h.variants?.[0]?.attributes ?? {}).sort()).toEqual(['color', 'size']);
    }
  });

  it.each([
    ['price_asc', (h: { priceRange?: { min: number } }) => h.priceRange?.min ?? NaN, 1],
    ['price_desc', (h: { priceRange?: { max: number } }) => h.priceRange?.max ?? NaN, -1],
  ] as const)('%s sorts by the matching variants’ lowest / highest price', async (sort, key, sign) => {
    const f: Filters = { attr: { color: ['Black'] }, in_stock: true };
    const body = await search(toQuery(f, `&sort=${sort}`));
    const expected = families
      .filter((fam) => familyOk(fam, f))
      .map((fam) => fam.members.filter((v) => variantOk(v, f)).map((v) => v.price))
      .map((prices) => (sign === 1 ? Math.min(...prices) : Math.max(...prices)))
      .sort((a, b) => sign * (a - b));
    expect(body.hits.map(key)).toEqual(expected);
  });

  it('a text query finds a family by a variant’s words (variantText) and shows the best-matching variant', async () => {
    const blue = await search('q=tee+blue&per_page=100');
    const tees = blue.hits.filter((h) => h.groupId?.startsWith('TEE'));
    expect(tees).toHaveLength(4);
    expect(tees.every((h) => / Blue [SML]$/.test(h.title) && h.highlight?.title?.includes('<em>Blue</em>')), JSON.stringify(tees.map((h) => h.highlight))).toBe(true);
    const redL = await search('q=cotton+tee+red+l&per_page=100');
    expect(redL.hits.filter((h) => h.groupId?.startsWith('TEE')).every((h) => / Red L$/.test(h.title))).toBe(true);
  });

  it('a pinned variant brings its family to the pin’s position, represented by it, once; a hidden variant hides its family', async () => {
    const tee = families.find((f) => f.key === 'g:TEE-1') as Family;
    const pinned = tee.members.find((m) => m.id !== tee.primary.id) as Product;
    const hidden = families.find((f) => f.key === 'g:TEE-2')?.members.at(-1) as Product;
    const input = RuleInput.parse({ condition: { anchoring: 'is', pattern: 'cotton tee' }, consequence: { pins: [{ id: pinned.id, position: 1 }], hide: [hidden.id] } });
    const rule = Rule.parse({ ...input, id: 'pin-tee', version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
    const merch = searchApiFor({ alias, rules: staticRuleSource([rule]) });
    try {
      const res = await merch.app.request('/v1/products/search?q=cotton+tee&per_page=100');
      const body = SearchResponse.parse(await res.json());
      expect(body.hits[0]).toMatchObject({ id: pinned.id, groupId: 'TEE-1' });
      expect(body.hits.filter((h) => h.groupId === 'TEE-1')).toHaveLength(1);
      expect(body.hits.some((h) => h.groupId === 'TEE-2')).toBe(false);
      expect(body.total).toBe(3);
    } finally {
      await merch.recorder.close();
    }
  });

  it('a rule filtering color:Blue makes a Blue variant represent each family, marks the matching variants and counts facets, as attr.color=Blue does', async () => {
    const input = RuleInput.parse({ condition: { anchoring: 'is', pattern: 'cotton tee' }, consequence: { filter: { attr: { color: ['Blue'] } } } });
    const rule = Rule.parse({ ...input, id: 'blue-tees', version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
    const merch = searchApiFor({ alias, rules: staticRuleSource([rule]) });
    try {
      const res = await merch.app.request('/v1/products/search?q=cotton+tee&per_page=100');
      const byRule = SearchResponse.parse(await res.json());
      const byRequest = await search('q=cotton+tee&attr.color=Blue&per_page=100');
      expect(byRule.rules?.applied).toEqual(['blue-tees']);
      expect(byRule.total).toBe(4);
      const view = (hits: typeof byRule.hits) => hits.map((h) => [h.id, h.priceRange, h.variants?.map((v) => [v.id, v.matches])]);
      expect(view(byRule.hits)).toEqual(view(byRequest.hits));
      expect(byRule.hits.every((h) => catalog.find((p) => p.id === h.id)?.attributes?.color === 'Blue')).toBe(true);
      // Variant-level facets count the Blue variants too (the colour facet differs: a request filter is disjunctive, a rule's is not).
      const facets = (r: typeof byRule) => ({ ...r.facets, attributes: { ...r.facets.attributes, color: undefined } });
      expect(facets(byRule)).toEqual(facets(byRequest));
      expect(byRule.facets.attributes?.color?.map((b) => b.value)).toEqual(['Blue']);
    } finally {
      await merch.recorder.close();
    }
  });

  it('a rule filtering color:Black sorts by price over the Black variants, as attr.color=Black does', async () => {
    const input = RuleInput.parse({ condition: { anchoring: 'is', pattern: '' }, consequence: { filter: { attr: { color: ['Black'] } } } });
    const merch = searchApiFor({ alias, rules: staticRuleSource([Rule.parse({ ...input, id: 'black', version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' })]) });
    try {
      for (const sort of ['price_asc', 'price_desc']) {
        const byRule = SearchResponse.parse(await (await merch.app.request(`/v1/products/search?in_stock=true&sort=${sort}&per_page=100`)).json());
        const byRequest = await search(toQuery({ attr: { color: ['Black'] }, in_stock: true }, `&sort=${sort}`));
        expect(byRule.rules?.applied).toEqual(['black']);
        expect(byRule.hits.map((h) => [h.id, h.priceRange])).toEqual(byRequest.hits.map((h) => [h.id, h.priceRange]));
      }
    } finally {
      await merch.recorder.close();
    }
  });

  it('group=false returns the variants, as before', async () => {
    const body = await search('group=false&per_page=100');
    expect(body.total).toBe(catalog.length);
    expect(body.hits.every((h) => h.variants === undefined && h.groupId === undefined)).toBe(true);
  });
});

describe('families indexed before anyVariant (issue 18)', () => {
  it('count the same: the facets read anyVariant where a family document has it and the nested variants where not', async () => {
    // Half the family documents as an indexer before issue 18 wrote them: without anyVariant.
    const index = familiesAlias(alias);
    const all = await es.search({ index, size: 100, query: { match_all: {} } });
    const older = all.hits.hits.filter((_, i) => i % 2 === 0);
    expect(older.length).toBeGreaterThan(5);
    await es.bulk({
      refresh: true,
      operations: older.flatMap((h) => {
        const { anyVariant: _gone, ...source } = z.record(z.string(), z.unknown()).parse(h._source);
        return [{ index: { _index: index, _id: h._id } }, source];
      }),
    });
    expect((await es.count({ index, query: { bool: { must_not: [{ exists: { field: 'anyVariant.price' } }] } } })).count).toBe(older.length);
    for (const [, f] of CASES) await expectBruteForceCounts(f);
  });
});
