import { describe, expect, it } from 'vitest';
import { VARIANT_LIMITS, type Product } from '@catalog/contract';
import { toProductDocument } from '../bulk/to-bulk-operation';
import { familyDocumentsFor, familyKeyOf, toFamilyDocument } from './to-family-document';

const base: Product = {
  id: 'TEE-M-BLUE',
  title: 'Cotton Tee Blue M',
  description: 'A tee',
  brand: 'Acme',
  categories: ['Apparel', 'Shirts'],
  price: 20,
  currency: 'EUR',
  stock: 3,
  rating: 4.2,
  reviewCount: 10,
  popularity: 5,
  attributes: { color: 'blue', size: 'm', material: 'cotton' },
  groupId: 'TEE',
  variantAttributes: ['color', 'size'],
  createdAt: '2026-01-01T00:00:00.000Z',
  updatedAt: '2026-01-02T00:00:00.000Z',
};
const doc = (p: Partial<Product>, version = 1) => toProductDocument({ ...base, ...p }, { version, occurredAt: base.updatedAt }, new Date('2026-01-03T00:00:00Z'));
const tombstone = (id: string) => ({ id, deleted: true as const, version: 9 });

describe('toFamilyDocument', () => {
  it('a product without a group is a family of one: its own document plus variants[self] and the family fields', () => {
    const single = doc({ id: 'SOLO', groupId: undefined, variantAttributes: undefined });
    const family = toFamilyDocument('p:SOLO', [single]);
    expect(family).toEqual({
      ...single,
      familyKey: 'p:SOLO',
      memberIds: ['SOLO'],
      variantText: [],
      variants: [
        {
          id: 'SOLO', title: single.title, price: 20, currency: 'EUR', stock: 3, inStock: true, rating: 4.2, popularity: 5,
          attributes: { color: 'blue', size: 'm', material: 'cotton' }, attributePairs: single.attributePairs, variantAttributes: [],
        },
      ],
      anyVariant: { price: [20], inStock: [true], attributePairs: single.attributePairs },
    });
  });

  it('takes the top level from the most popular member (tie: lowest id) and unions categories and varying values', () => {
    const a = doc({ id: 'B', popularity: 9, attributes: { color: 'red', size: 's' }, categories: ['Apparel', 'Tops'] });
    const b = doc({ id: 'A', popularity: 9, attributes: { color: 'blue', size: 'm' } });
    const c = doc({ id: 'C', popularity: 1, attributes: { color: 'blue', size: 'l' }, stock: 0 });
    const family = toFamilyDocument('g:TEE', [c, a, b]);
    expect(family).toMatchObject({ id: 'A', title: b.title, groupId: 'TEE', familyKey: 'g:TEE', memberIds: ['A', 'B', 'C'] });
    expect(family?.categoryPaths).toEqual(['Apparel', 'Apparel > Shirts', 'Apparel > Tops']);
    expect(family?.variantText).toEqual(['blue', 'm', 'red', 's', 'l']);
    expect(family?.variants.map((v) => [v.id, v.inStock])).toEqual([['A', true], ['B', true], ['C', false]]);
  });

  it('says what any variant has, each value once: the facets count a family once per value from it', () => {
    const a = doc({ id: 'A', price: 10, attributes: { color: 'red', size: 's' } });
    const b = doc({ id: 'B', price: 10, attributes: { color: 'blue', size: 's' }, stock: 0 });
    const c = doc({ id: 'C', price: 12, attributes: { color: 'blue', size: 'm' } });
    expect(toFamilyDocument('g:TEE', [a, b, c])?.anyVariant).toEqual({
      price: [10, 12],
      inStock: [true, false],
      attributePairs: ['color=red', 'size=s', 'color=blue', 'size=m'],
    });
  });

  it('leaves out tombstones, members of other families and duplicates; no member left = no document', () => {
    const moved = doc({ id: 'X', groupId: 'OTHER' });
    const stays = doc({ id: 'Y' });
    expect(toFamilyDocument('g:TEE', [moved, stays, stays, tombstone('Z')])?.memberIds).toEqual(['Y']);
    expect(toFamilyDocument('g:TEE', [moved, tombstone('Y')])).toBeUndefined();
    expect(toFamilyDocument('p:X', [moved])).toBeUndefined();
  });

  it('keeps every member id but at most familySize variants, the first by id', () => {
    const members = Array.from({ length: VARIANT_LIMITS.familySize + 5 }, (_, i) => doc({ id: `V${String(i).padStart(4, '0')}` }));
    const family = toFamilyDocument('g:TEE', members.reverse());
    expect(family?.memberIds).toHaveLength(VARIANT_LIMITS.familySize + 5);
    expect(family?.variants).toHaveLength(VARIANT_LIMITS.familySize);
    expect(family?.variants.at(-1)?.id).toBe(`V${String(VARIANT_LIMITS.familySize - 1).padStart(4, '0')}`);
  });

  it('does not depend on the order of its candidates', () => {
    const docs = ['A', 'B', 'C', 'D'].map((id, i) => doc({ id, popularity: i % 2, attributes: { color: id } }));
    expect(toFamilyDocument('g:TEE', [...docs].reverse())).toEqual(toFamilyDocument('g:TEE', docs));
  });
});

describe('familyDocumentsFor', () => {
  it('groups documents by family key, sorted, and ignores tombstones', () => {
    const docs = [doc({ id: 'A' }), doc({ id: 'S', groupId: undefined }), doc({ id: 'B' }), tombstone('T')];
    expect(familyDocumentsFor(docs).map((f) => [f.familyKey, f.memberIds])).toEqual([
      ['g:TEE', ['A', 'B']],
      ['p:S', ['S']],
    ]);
    expect(familyKeyOf(tombstone('T'))).toBeUndefined();
  });
});
