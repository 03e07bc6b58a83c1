import { describe, expect, it } from 'vitest';
import { parseCachedProductView, toProductView } from './map-product';

const product = {
  id: 'SKU-1', title: 'TV', description: '', brand: 'LG', categories: ['Electronics'], price: 10, currency: 'EUR',
  stock: 2, rating: 4, reviewCount: 3, popularity: 1, createdAt: '2025-01-01T00:00:00Z', updatedAt: '2025-01-01T00:00:00Z',
};

describe('toProductView', () => {
  it('returns the product with inStock, without index-only fields', () => {
    const view = toProductView({ ...product, inStock: true, categoryPaths: ['Electronics'], version: 3, suggest: {} });
    expect(view).toEqual({ ...product, inStock: true });
  });
  it('derives inStock when the document lacks it', () => expect(toProductView({ ...product, stock: 0 })?.inStock).toBe(false));
  it.each([[undefined], [{ id: 'SKU-1', deleted: true, version: 4, updatedAt: '2025-01-01T00:00:00Z' }]])(
    'is undefined for %j',
    (source) => expect(toProductView(source)).toBeUndefined(),
  );
  it('reads a document indexed under older write rules, leaving out what must not be rendered', () => {
    const legacy = { ...product, description: 'a\u0000b', imageUrl: 'javascript:alert(1)', attributes: { color: 'red\u001e' } };
    expect(toProductView(legacy)).toEqual({ ...product, description: 'a\u0000b', inStock: true });
  });
  it('reads back a cached view of such a document, and a cached absence', () => {
    const view = toProductView({ ...product, description: 'a\u0000b' });
    expect(parseCachedProductView(JSON.stringify(view))).toEqual(view);
    expect(parseCachedProductView('null')).toBeNull();
  });
  it('throws for a document that is not a product', () => expect(() => toProductView({ id: 'x' })).toThrow());
});
