import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Product } from '@catalog/contract';
import { variantFieldErrors } from '../routes/product-input';
import { AXES, FAMILY_BLOCK, FAMILY_SIZE, type VariantAxis } from './families';
import { expandModel, generateCatalog, generateProduct, shopPrice } from './generator';
import { mulberry32 } from './random';
import { LEAVES } from './taxonomy';

const sample = [...generateCatalog({ seed: 42, count: 5000 })];

describe('generateCatalog', () => {
  it('is deterministic: the same seed gives the same products, another seed others', () => {
    expect([...generateCatalog({ seed: 42, count: 50 })]).toEqual(sample.slice(0, 50));
    expect(generateProduct(43, 0)).not.toEqual(sample[0]);
    expect(generateProduct(42, 1234)).toEqual(sample[1234]);
  });

  it('makes only products that pass the shared Product schema', () => {
    const failures = sample.map((p) => Product.safeParse(p)).filter((r) => !r.success);
    expect(failures).toEqual([]);
  });

  it('gives unique ids and category paths of 3–4 levels', () => {
    expect(new Set(sample.map((p) => p.id)).size).toBe(sample.length);
    for (const p of sample) expect(p.categories.length).toBeGreaterThanOrEqual(3);
    for (const p of sample) expect(p.categories.length).toBeLessThanOrEqual(4);
  });

  it('prices per category are log-normal around the category median', () => {
    for (const leaf of LEAVES.filter((l) => l.weight >= 3)) {
      const prices = sample.filter((p) => p.categories.join(' > ') === leaf.path.join(' > ')).map((p) => p.price).sort((a, b) => a - b);
      const median = prices[Math.floor(prices.length / 2)] ?? 0;
      expect(median, leaf.path.join(' > ')).toBeGreaterThan(leaf.price[0] * 0.7);
      expect(median, leaf.path.join(' > ')).toBeLessThan(leaf.price[0] * 1.4);
    }
  });

  it('ratings skew high, popularity has a long tail, some products are out of stock', () => {
    const rated = sample.filter((p) => p.reviewCount > 0);
    const meanRating = rated.reduce((a, p) => a + p.rating, 0) / rated.length;
    expect(meanRating).toBeGreaterThan(3.9);
    expect(meanRating).toBeLessThan(4.5);
    const pops = sample.map((p) => p.popularity).sort((a, b) => b - a);
    const total = pops.reduce((a, b) => a + b, 0);
    expect(pops.slice(0, sample.length / 5).reduce((a, b) => a + b, 0) / total).toBeGreaterThan(0.5);
    const outOfStock = sample.filter((p) => p.stock === 0).length / sample.length;
    expect(outOfStock).toBeGreaterThan(0.05);
    expect(outOfStock).toBeLessThan(0.2);
  });

  // data/queries-bestbuy.tsv: real shoppers' queries (see data/README.md for its source).
  const queryLog = new URL('../../../data/queries-bestbuy.tsv', import.meta.url);
  it('real shoppers’ queries find real-looking products', () => {
    const titles = sample.map((p) => `${p.title} ${p.brand} ${p.categories.join(' ')}`.toLowerCase());
    const queries = readFileSync(queryLog, 'utf8')
      .split('\n').slice(1, 61).map((l) => l.split('\t')[0] ?? '').filter(Boolean);
    const found = queries.filter((q) => q.split(' ').every((w) => titles.some((t) => t.includes(w.replace(/s$/, '')))));
    // The head of the query log (cooktop, macbook, iphone, chromecast…) matches; junk queries ("this is a tested") need not.
    expect(found.length / queries.length).toBeGreaterThan(0.6);
    // Departments of the query log beyond the first taxonomies (issue 16: "desktops" found nothing).
    const departments = ['desktop', 'car electronics', 'health, fitness', 'musical instruments', 'office & school', 'telephones', 'projector', 'freezer', 'lens'];
    for (const q of ['cooktop', 'macbook', 'iphone', 'samsung', 'chromecast', 'kindle', 'keurig', 'thinkpad', 'mini fridge', ...departments]) {
      expect(titles.some((t) => t.includes(q)), q).toBe(true);
    }
  });
});

describe('helpers', () => {
  it.each([
    [0.3, 0.99], [19.4, 19.99], [349.2, 349.99], [1234, 1229.99], [2196, 2199.99],
  ])('shopPrice(%d) = %d', (raw, expected) => expect(shopPrice(raw)).toBe(expected));

  it('expandModel fills # with digits and @ with letters', () => {
    expect(expandModel(mulberry32(1), 'WH-1000XM#')).toMatch(/^WH-1000XM[1-9]$/);
    expect(expandModel(mulberry32(1), 'QN##@')).toMatch(/^QN[1-9]{2}[A-Z]$/);
  });
});

describe('attributes agree with the category', () => {
  it('wireless headphones are never wired, Switch games are for the Switch', () => {
    const products = [...generateCatalog({ seed: 9, count: 4000 })];
    const leaf = (p: (typeof products)[number]) => p.categories.at(-1);
    const wireless = products.filter((p) => leaf(p) === 'Wireless Headphones');
    const switchGames = products.filter((p) => leaf(p) === 'Nintendo Switch');
    expect(wireless.length).toBeGreaterThan(0);
    expect(switchGames.length).toBeGreaterThan(0);
    expect(wireless.every((p) => p.attributes?.connectivity?.startsWith('Bluetooth'))).toBe(true);
    expect(switchGames.every((p) => p.attributes?.platform === 'Nintendo Switch')).toBe(true);
  });
});

describe('product families (issue 17)', () => {
  const families = new Map<string, Product[]>();
  for (const p of sample) if (p.groupId) families.set(p.groupId, [...(families.get(p.groupId) ?? []), p]);
  const inFamilies = [...families.values()].reduce((n, f) => n + f.length, 0);
  const indexOf = (p: Product) => Number(p.id.slice(4)) - 1;
  // The description without the variant's own specification values ("storage: 256GB" → "storage").
  const specless = (p: Product) =>
    Object.entries(p.attributes ?? {}).reduce((d, [k, v]) => d.replace(`${k.replaceAll('_', ' ')}: ${v}`, k), p.description);

  it(`puts about 26 % of the products in families of ${FAMILY_SIZE.min}–${FAMILY_SIZE.max} variants, each an aligned run of indices`, () => {
    expect(inFamilies / sample.length).toBeGreaterThan(0.22);
    expect(inFamilies / sample.length).toBeLessThan(0.31);
    const sizes = [...families.values()].map((f) => f.length);
    expect(Math.min(...sizes)).toBe(FAMILY_SIZE.min);
    expect(Math.max(...sizes)).toBe(FAMILY_SIZE.max);
    for (const family of families.values()) {
      const first = indexOf(family[0] as Product);
      expect(first % FAMILY_BLOCK).toBe(0);
      expect(family.map(indexOf)).toEqual(family.map((_, i) => first + i));
    }
    for (const p of sample.filter((q) => !q.groupId)) expect(p.variantAttributes).toBeUndefined();
    // What the admin API and imports accept: each varying attribute is one the variant has.
    expect(sample.flatMap(variantFieldErrors)).toEqual([]);
  });

  it('variants share brand, category, name, description text and reviews; differ in the varying attributes, named in the title', () => {
    for (const [groupId, family] of families) {
      const [first] = family as [Product, ...Product[]];
      const varying = first.variantAttributes ?? [];
      expect(varying.length, groupId).toBeGreaterThan(0);
      for (const p of family) {
        expect(p.variantAttributes, p.id).toEqual(varying);
        expect([p.brand, p.categories, p.title.split(' - ')[0], specless(p), p.rating, p.reviewCount], p.id)
          .toEqual([first.brand, first.categories, first.title.split(' - ')[0], specless(first), first.rating, first.reviewCount]);
        for (const [key, value] of Object.entries(p.attributes ?? {})) {
          if (varying.includes(key)) expect(p.title.split(' - '), p.id).toContain(value);
          else expect(value, `${p.id} ${key}`).toBe(first.attributes?.[key]);
        }
      }
      const combos = family.map((p) => varying.map((key) => p.attributes?.[key]).join('/'));
      expect(new Set(combos).size, groupId).toBe(family.length);
      expect(new Set(family.map((p) => p.title)).size, groupId).toBe(family.length);
    }
  });

  it('a bigger value of a priced axis (storage, screen size, pack…) costs more, everything else equal', () => {
    let compared = 0;
    for (const family of families.values()) {
      const varying = (family[0]?.variantAttributes ?? []) as VariantAxis[];
      for (const axis of varying.filter((a) => AXES[a].step > 1)) {
        const others = (p: Product) => varying.filter((a) => a !== axis).map((a) => p.attributes?.[a]).join('/');
        for (const a of family) {
          for (const b of family.filter((q) => others(q) === others(a) && q.id > a.id)) {
            // Variants are listed with the values in list order, so a later variant has the bigger value.
            expect(b.price, `${a.title} < ${b.title}`).toBeGreaterThan(a.price);
            compared += 1;
          }
        }
      }
    }
    expect(compared).toBeGreaterThan(100);
  });

  it('any variant is generated alone, in any order, exactly as in the catalog', () => {
    const variants = sample.filter((p) => p.groupId && indexOf(p) % FAMILY_BLOCK > 0).slice(0, 20);
    expect(variants.length).toBe(20);
    for (const p of [...variants].reverse()) expect(generateProduct(42, indexOf(p))).toEqual(p);
    expect(generateProduct(43, indexOf(variants[0] as Product))).not.toEqual(variants[0]);
  });
});
