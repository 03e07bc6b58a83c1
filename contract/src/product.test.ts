import { describe, expect, it } from 'vitest';
import { Product, ProductId } from './product';

const valid = {
  id: 'SKU-1',
  title: 'Tee',
  brand: 'Acme',
  categories: ['Apparel', 'Tees'],
  price: 19.99,
  currency: 'EUR',
  stock: 3,
  rating: 4.5,
  reviewCount: 10,
  popularity: 2,
  createdAt: '2026-01-01T00:00:00Z',
  updatedAt: '2026-01-01T00:00:00Z',
};
const issuesOf = (change: Record<string, unknown>) => {
  const parsed = Product.safeParse({ ...valid, ...change });
  return parsed.success ? [] : parsed.error.issues.map((i) => i.path.join('.'));
};

describe('Product: what the index accepts', () => {
  it.each<[string, Record<string, unknown>]>([
    ['int32 max stock and reviewCount', { stock: 2 ** 31 - 1, reviewCount: 2 ** 31 - 1 }],
    ['-0 as a number', { price: -0, stock: -0, rating: -0, popularity: -0 }],
    ['the largest double as popularity', { popularity: Number.MAX_VALUE }],
    ['9 fraction digits and ±18:00', { createdAt: '2026-01-01T00:00:00.123456789+18:00', updatedAt: '0000-01-01T00:00:00-18:00' }],
    ['astral characters and tabs in a description', { title: 'Tee 😀 𝔘', description: 'line\tone\r\nline two' }],
    ['attribute names that are Object.prototype members', { attributes: JSON.parse('{"__proto__":"a","constructor":"b","tostring":"c"}') }],
  ])('accepts %s', (_, change) => expect(issuesOf(change)).toEqual([]));

  it.each<[string, Record<string, unknown>, string]>([
    ['stock above int32', { stock: 2 ** 31 }, 'stock'],
    ['reviewCount above int32', { reviewCount: 2 ** 31 }, 'reviewCount'],
    ['U+0000 in a title', { title: 'a\u0000b' }, 'title'],
    ['U+001E in a brand', { brand: 'a\u001eb' }, 'brand'],
    ['U+001F in a category', { categories: ['a\u001fb'] }, 'categories.0'],
    ['a C1 control in an attribute value', { attributes: { color: 'red\u0085' } }, 'attributes.color'],
    ['an unpaired surrogate', { title: 'a\ud800b' }, 'title'],
    ['NUL in a description', { description: 'a\u0000' }, 'description'],
    ['10 fraction digits', { createdAt: '2026-01-01T00:00:00.1234567891Z' }, 'createdAt'],
    ['an offset beyond +18:00', { updatedAt: '2026-01-01T00:00:00+18:01' }, 'updatedAt'],
    ['a javascript: image URL', { imageUrl: 'javascript:alert(1)' }, 'imageUrl'],
    ['31 attributes', { attributes: Object.fromEntries(Array.from({ length: 31 }, (_, i) => [`a${i}`, 'x'])) }, 'attributes'],
    ['a dotted attribute name', { attributes: { 'a.b': 'x' } }, 'attributes.a.b'],
  ])('rejects %s naming the field', (_, change, path) => expect(issuesOf(change)).toContain(path));

  it.each(['.', '..'])('refuses the id %s, which no URL can address', (id) => expect(ProductId.safeParse(id).success).toBe(false));

  it('keeps __proto__ as an own attribute on a null-prototype object, never as a prototype', () => {
    const parsed = Product.parse({ ...valid, attributes: JSON.parse('{"__proto__":"red","constructor":"oak"}') });
    expect(Object.getPrototypeOf(parsed.attributes)).toBeNull();
    expect(Object.entries(parsed.attributes ?? {})).toEqual([['__proto__', 'red'], ['constructor', 'oak']]);
    expect(JSON.parse(JSON.stringify(parsed)).attributes).toEqual(JSON.parse('{"__proto__":"red","constructor":"oak"}'));
  });
});
