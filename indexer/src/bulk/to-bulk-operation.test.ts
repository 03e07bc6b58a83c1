import { describe, expect, it } from 'vitest';
import type { Product, ProductEvent } from '@catalog/contract';
import { toBulkOperation } from './to-bulk-operation';

const product: Product = {
  id: 'SKU-1',
  title: 'Sony WH-1000XM4 Wireless Headphones',
  description: 'Noise cancelling',
  brand: 'Sony',
  categories: ['Electronics', 'Audio', 'Headphones'],
  price: 279.99,
  currency: 'USD',
  stock: 0,
  rating: 4.7,
  reviewCount: 1200,
  popularity: 950,
  attributes: { color: 'Black' },
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const now = new Date('2026-01-03T00:00:00.000Z');
const base = { eventId: '6f1c1a3e-8a2b-4c5d-9e0f-1a2b3c4d5e6f', productId: 'SKU-1', occurredAt: '2026-01-02T00:00:00.000Z' };

describe('toBulkOperation', () => {
  it('indexes an upsert with the event version as an external version and derived facet fields', () => {
    const event: ProductEvent = { ...base, type: 'product.upserted', version: 7, product };
    const op = toBulkOperation(event, 'products', now);
    expect(op.action).toEqual({ index: { _index: 'products', _id: 'SKU-1', version: 7, version_type: 'external' } });
    expect(op.document).toMatchObject({
      inStock: false,
      categoryPaths: ['Electronics', 'Electronics > Audio', 'Electronics > Audio > Headphones'],
      categoryLeaf: 'Electronics > Audio > Headphones',
      attributePairs: ['color=Black'],
      deleted: false,
      version: 7,
    });
    expect(op.document).toMatchObject(product);
  });

  it('keeps the same derived fields whatever optional product fields are present (one document shape per product shape)', () => {
    const bare: Product = { ...product, attributes: undefined, imageUrl: undefined, groupId: 'FAM-1', variantAttributes: ['color'] };
    const event: ProductEvent = { ...base, type: 'product.upserted', version: 2, product: bare };
    const document = toBulkOperation(event, 'products', now).document;
    expect(document).toMatchObject({ attributePairs: [], familyKey: 'g:FAM-1', categoryLeaf: 'Electronics > Audio > Headphones', inStock: false });
    expect(document['indexedAt']).toBe(now.toISOString());
  });

  it('turns a deletion into a versioned tombstone, so a late older upsert gets a 409 forever', () => {
    const event: ProductEvent = { ...base, type: 'product.deleted', version: 8 };
    const op = toBulkOperation(event, 'products', now);
    expect(op.action.index).toMatchObject({ _id: 'SKU-1', version: 8, version_type: 'external' });
    expect(op.document).toMatchObject({ id: 'SKU-1', deleted: true, version: 8 });
    expect(op.document).not.toHaveProperty('title');
  });
});
