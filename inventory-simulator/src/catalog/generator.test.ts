import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Product } from '@catalog/contract';
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
