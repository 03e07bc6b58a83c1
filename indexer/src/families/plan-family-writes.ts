import { toFamilyDocument, type FamilyDocument, type ProductSource } from './to-family-document';

/** A family document as read (realtime) before rewriting it: its concurrency token and members. */
export type FamilyState = { key: string; found: false } | { key: string; found: true; seqNo: number; primaryTerm: number; memberIds: string[] };

/** A product the batch wrote (or found already written): its id and the family its event puts it in (none: deleted). */
export type FamilyChange = { id: string; key: string | undefined };

/** One write to the families index, guarded by the state it was computed from. */
export type FamilyWrite =
  | { op: 'create'; key: string; doc: FamilyDocument }
  | { op: 'index'; key: string; doc: FamilyDocument; seqNo: number; primaryTerm: number }
  | { op: 'delete'; key: string; seqNo: number; primaryTerm: number };

/** The products to read to recompute a family: its listed members and the batch's products that now name it. */
export function candidateIds(state: FamilyState, changes: readonly FamilyChange[]): string[] {
  const listed = state.found ? state.memberIds : [];
  return [...new Set([...listed, ...changes.filter((c) => c.key === state.key).map((c) => c.id)])];
}

/**
 * The write that makes family `state.key` what its candidates say now (pure): create when it did not exist,
 * overwrite or delete (no member left) guarded by its sequence number, nothing when it neither exists nor has members.
 */
export function planFamilyWrite(state: FamilyState, candidates: readonly ProductSource[]): FamilyWrite | undefined {
  const doc = toFamilyDocument(state.key, candidates);
  if (!state.found) return doc ? { op: 'create', key: state.key, doc } : undefined;
  const guard = { seqNo: state.seqNo, primaryTerm: state.primaryTerm };
  return doc ? { op: 'index', key: state.key, doc, ...guard } : { op: 'delete', key: state.key, ...guard };
}

/** `_bulk` lines of a family write to `index` (optimistic concurrency: if_seq_no / if_primary_term, or create). */
export function familyBulkLines(write: FamilyWrite, index: string): unknown[] {
  switch (write.op) {
    case 'create':
      return [{ create: { _index: index, _id: write.key } }, write.doc];
    case 'index':
      return [{ index: { _index: index, _id: write.key, if_seq_no: write.seqNo, if_primary_term: write.primaryTerm } }, write.doc];
    case 'delete':
      return [{ delete: { _index: index, _id: write.key, if_seq_no: write.seqNo, if_primary_term: write.primaryTerm } }];
  }
}
