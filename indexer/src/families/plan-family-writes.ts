import { toFamilyDocument, type FamilyDocument, type ProductSource } from './to-family-document';

/** A family document as read (realtime) before rewriting it: its concurrency token and members. */
export type FamilyState = { key: string; found: false } | { key: string; found: true; seqNo: number; primaryTerm: number; memberIds: string[] };

/**
 * A product the batch wrote (or found already written): its id and the family its event puts it in (none: deleted).
 * `created`: this write created the product (version 1 accepted, so the index held no document of it, not even a
 * tombstone): no family can list it yet, so no family index search is needed to find where it was listed.
 */
export type FamilyChange = { id: string; key: string | undefined; created?: boolean; written?: WrittenProduct };

/**
 * A product document this batch wrote, as sent (`_source`, indexedAt included) under its external `version`: the first
 * pass of its families reads it from here instead of Elasticsearch. The validation after the family write still reads
 * the product's version, so a newer version written meanwhile recomputes the family from the index.
 */
export type WrittenProduct = { version: number; source: unknown };

/** A family as a search of the families index found it (after a refresh): its concurrency token and members. */
export type ListedFamily = { key: string; seqNo: number; primaryTerm: number; memberIds: string[] };

/** One write to the families index, guarded by the state it was computed from. */
export type FamilyWrite =
  | { op: 'create'; key: string; doc: FamilyDocument }
  | { op: 'index'; key: string; doc: FamilyDocument; seqNo: number; primaryTerm: number }
  | { op: 'delete'; key: string; seqNo: number; primaryTerm: number };

/** The products of a batch by the family each one names now (pure): built once per batch, read once per family. */
export function idsByNamedKey(changes: readonly FamilyChange[]): Map<string, string[]> {
  const byKey = new Map<string, string[]>();
  for (const c of changes) {
    if (c.key === undefined) continue;
    const ids = byKey.get(c.key);
    if (ids) ids.push(c.id);
    else byKey.set(c.key, [c.id]);
  }
  return byKey;
}

/** The newest document the batch wrote per product (pure): the one source a round need not read back. */
export function writtenById(changes: readonly FamilyChange[]): Map<string, WrittenProduct> {
  const byId = new Map<string, WrittenProduct>();
  for (const c of changes) {
    if (c.written && c.written.version > (byId.get(c.id)?.version ?? 0)) byId.set(c.id, c.written);
  }
  return byId;
}

/**
 * The products to read to recompute a family: its listed members and the batch's products that now name it
 * (`idsByNamedKey`: a lookup, so a round of thousands of families does not scan every change once per family).
 */
export function candidateIds(state: FamilyState, named: ReadonlyMap<string, readonly string[]>): string[] {
  const listed = state.found ? state.memberIds : [];
  return [...new Set([...listed, ...(named.get(state.key) ?? [])])];
}

/**
 * The products that may be listed in a family other than the one their event names (pure): every change except the
 * products this batch created. Empty: the families to recompute are just the named ones, no search needed.
 */
export function listedElsewhereIds(changes: readonly FamilyChange[]): string[] {
  return [...new Set(changes.filter((c) => c.created !== true).map((c) => c.id))];
}

/** The families the changes name now (deleted products name none), sorted. */
export function namedKeys(changes: readonly FamilyChange[]): string[] {
  return [...new Set(changes.flatMap((c) => c.key ?? []))].sort();
}

/**
 * The families to recompute, with their state, from a refreshed search for the named families and the ones listing a
 * changed product (pure): every family found, and every named one not found as not existing, sorted by key. A search
 * result may be older than the document (written after the refresh); the write's guard (if_seq_no, create) catches it.
 */
export function statesFromListing(named: readonly string[], listed: readonly ListedFamily[]): FamilyState[] {
  const states = new Map<string, FamilyState>(named.map((key) => [key, { key, found: false }]));
  for (const f of listed) states.set(f.key, { key: f.key, found: true, seqNo: f.seqNo, primaryTerm: f.primaryTerm, memberIds: f.memberIds });
  return [...states.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
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
