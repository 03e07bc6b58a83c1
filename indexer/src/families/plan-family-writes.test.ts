import { describe, expect, it } from 'vitest';
import type { Product } from '@catalog/contract';
import { toProductDocument } from '../bulk/to-bulk-operation';
import { candidateIds, familyBulkLines, planFamilyWrite, type FamilyState } from './plan-family-writes';

const product = (id: string, groupId?: string): Product => ({
  id, title: `Tee ${id}`, description: '', brand: 'Acme', categories: ['Apparel'], price: 10, currency: 'EUR', stock: 1, rating: 4,
  reviewCount: 0, popularity: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...(groupId ? { groupId } : {}),
});
const doc = (id: string, groupId?: string) => toProductDocument(product(id, groupId), { version: 1, occurredAt: '2026-01-01T00:00:00Z' }, new Date(0));
const listed: FamilyState = { key: 'g:T', found: true, seqNo: 7, primaryTerm: 1, memberIds: ['A', 'B'] };

describe('candidateIds', () => {
  it('is the listed members plus the batch products that name the family now', () => {
    expect(candidateIds(listed, [{ id: 'C', key: 'g:T' }, { id: 'D', key: 'g:U' }, { id: 'A', key: undefined }])).toEqual(['A', 'B', 'C']);
    expect(candidateIds({ key: 'g:T', found: false }, [{ id: 'C', key: 'g:T' }])).toEqual(['C']);
  });
});

describe('planFamilyWrite', () => {
  it('creates a family that did not exist, guarded overwrites one that did', () => {
    expect(planFamilyWrite({ key: 'g:T', found: false }, [doc('A', 'T')])).toMatchObject({ op: 'create', key: 'g:T', doc: { memberIds: ['A'] } });
    expect(planFamilyWrite(listed, [doc('A', 'T'), doc('B', 'T')])).toMatchObject({ op: 'index', seqNo: 7, primaryTerm: 1, doc: { memberIds: ['A', 'B'] } });
  });

  it('deletes a family whose members all left or were deleted; nothing when it never existed', () => {
    expect(planFamilyWrite(listed, [doc('A', 'OTHER'), { id: 'B', deleted: true }])).toEqual({ op: 'delete', key: 'g:T', seqNo: 7, primaryTerm: 1 });
    expect(planFamilyWrite({ key: 'g:T', found: false }, [doc('A')])).toBeUndefined();
  });
});

describe('familyBulkLines', () => {
  it('guards every write: create, or if_seq_no/if_primary_term', () => {
    const d = doc('A', 'T');
    const create = planFamilyWrite({ key: 'g:T', found: false }, [d]);
    if (!create) throw new Error('expected a write');
    expect(familyBulkLines(create, 'fam')[0]).toEqual({ create: { _index: 'fam', _id: 'g:T' } });
    expect(familyBulkLines({ op: 'delete', key: 'g:T', seqNo: 3, primaryTerm: 2 }, 'fam')).toEqual([{ delete: { _index: 'fam', _id: 'g:T', if_seq_no: 3, if_primary_term: 2 } }]);
  });
});
