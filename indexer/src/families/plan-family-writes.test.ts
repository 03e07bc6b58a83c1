import { describe, expect, it } from 'vitest';
import type { Product } from '@catalog/contract';
import { toProductDocument } from '../bulk/to-bulk-operation';
import {
  candidateIds, familyBulkLines, idsByNamedKey, listedElsewhereIds, namedKeys, planFamilyWrite, statesFromListing, writtenById, type FamilyState,
} from './plan-family-writes';

const product = (id: string, groupId?: string): Product => ({
  id, title: `Tee ${id}`, description: '', brand: 'Acme', categories: ['Apparel'], price: 10, currency: 'EUR', stock: 1, rating: 4,
  reviewCount: 0, popularity: 1, createdAt: '2026-01-01T00:00:00Z', updatedAt: '2026-01-01T00:00:00Z', ...(groupId ? { groupId } : {}),
});
const doc = (id: string, groupId?: string) => toProductDocument(product(id, groupId), { version: 1, occurredAt: '2026-01-01T00:00:00Z' }, new Date(0));
const listed: FamilyState = { key: 'g:T', found: true, seqNo: 7, primaryTerm: 1, memberIds: ['A', 'B'] };

describe('candidateIds', () => {
  it('is the listed members plus the batch products that name the family now', () => {
    const named = idsByNamedKey([{ id: 'C', key: 'g:T' }, { id: 'D', key: 'g:U' }, { id: 'A', key: undefined }, { id: 'E', key: 'g:T' }]);
    expect(named).toEqual(new Map([['g:T', ['C', 'E']], ['g:U', ['D']]]));
    expect(candidateIds(listed, named)).toEqual(['A', 'B', 'C', 'E']);
    expect(candidateIds({ key: 'g:T', found: false }, idsByNamedKey([{ id: 'C', key: 'g:T' }]))).toEqual(['C']);
    expect(candidateIds({ key: 'g:V', found: false }, named)).toEqual([]);
  });
});

describe('writtenById', () => {
  it('keeps the newest written version of each product; changes without a document add nothing', () => {
    const v = (version: number) => ({ version, source: { version } });
    const changes = [
      { id: 'a', key: 'g:A', written: v(2) }, { id: 'a', key: 'g:B', written: v(3) }, { id: 'a', key: 'g:A', written: v(1) },
      { id: 'b', key: 'g:A' },
    ];
    expect([...writtenById(changes)]).toEqual([['a', v(3)]]);
  });
});

describe('listedElsewhereIds and namedKeys', () => {
  it('looks up every product but the ones created by their write; names each family once', () => {
    const changes = [{ id: 'A', key: 'g:T', created: true }, { id: 'B', key: 'g:T' }, { id: 'B', key: 'g:U' }, { id: 'C', key: undefined }];
    expect(listedElsewhereIds(changes)).toEqual(['B', 'C']);
    expect(listedElsewhereIds([{ id: 'A', key: 'g:T', created: true }])).toEqual([]);
    expect(namedKeys(changes)).toEqual(['g:T', 'g:U']);
  });
});

describe('statesFromListing', () => {
  it('takes every family found, and a named one not found as not existing, sorted by key', () => {
    const found = { key: 'g:OLD', seqNo: 4, primaryTerm: 1, memberIds: ['B'] };
    expect(statesFromListing(['g:U', 'g:T'], [found, { key: 'g:T', seqNo: 9, primaryTerm: 2, memberIds: ['A'] }])).toEqual([
      { key: 'g:OLD', found: true, seqNo: 4, primaryTerm: 1, memberIds: ['B'] },
      { key: 'g:T', found: true, seqNo: 9, primaryTerm: 2, memberIds: ['A'] },
      { key: 'g:U', found: false },
    ]);
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
