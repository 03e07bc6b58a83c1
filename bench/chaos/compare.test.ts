import { describe, expect, it } from 'vitest';
import type { Product } from '@catalog/contract';
import { compareMasterToIndex, converged, type IndexEntry, type MasterEntry } from './compare';

const product = (id: string, price: number): Product => ({
  id,
  title: `Product ${id}`,
  description: '',
  brand: 'Acme',
  categories: ['Electronics'],
  price,
  currency: 'EUR',
  stock: 1,
  rating: 4,
  reviewCount: 0,
  popularity: 0,
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-01T00:00:00.000Z',
});
const doc = (p: Product, version: number): IndexEntry => ({ version, deleted: false, source: { ...p, inStock: true, version, indexedAt: 'x' } });
const tombstone = (version: number): IndexEntry => ({ version, deleted: true, source: { deleted: true } });

describe('compareMasterToIndex', () => {
  it('counts nothing when the index holds every product at its master version and state', () => {
    const master = new Map<string, MasterEntry>([
      ['a', { version: 3, deleted: false, product: product('a', 10) }],
      ['b', { version: 5, deleted: true }],
    ]);
    const index = new Map([
      ['a', doc(product('a', 10), 3)],
      ['b', tombstone(5)],
    ]);
    const result = compareMasterToIndex(master, index);
    expect(result).toMatchObject({ products: 2, lost: 0, stale: 0, wrong: 0, resurrected: 0, unexpected: 0 });
    expect(converged(result)).toBe(true);
  });

  it('tells lost, stale, wrong, resurrected and unexpected apart', () => {
    const master = new Map<string, MasterEntry>([
      ['lost', { version: 1, deleted: false, product: product('lost', 1) }],
      ['stale', { version: 4, deleted: false, product: product('stale', 4) }],
      ['wrong', { version: 2, deleted: false, product: product('wrong', 2) }],
      ['resurrected', { version: 6, deleted: true }],
      ['stale-delete', { version: 6, deleted: true }],
    ]);
    const index = new Map([
      ['stale', doc(product('stale', 3), 3)],
      ['wrong', doc(product('wrong', 99), 2)],
      ['resurrected', doc(product('resurrected', 5), 5)],
      ['stale-delete', tombstone(4)],
      ['ghost', doc(product('ghost', 1), 1)],
    ]);
    const result = compareMasterToIndex(master, index);
    expect(result).toMatchObject({ lost: 1, stale: 2, wrong: 1, resurrected: 1, unexpected: 1 });
    expect(result.examples.find((d) => d.id === 'wrong')?.detail).toBe('v2: price differ');
    expect(converged(result)).toBe(false);
  });
});
