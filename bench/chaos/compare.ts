/**
 * The chaos run's verdict: the inventory master against the index, product by product. Pure.
 */
import type { Product } from '@catalog/contract';

/** A master record: the highest version of a product and its state. */
export type MasterEntry = { version: number; deleted: boolean; product?: Product };
/** What the index holds for an id: its external version, whether it is a tombstone, and its source. */
export type IndexEntry = { version: number; deleted: boolean; source: Record<string, unknown> };

export type Divergence = { id: string; kind: 'lost' | 'stale' | 'wrong' | 'resurrected' | 'unexpected'; detail: string };

export type Comparison = {
  products: number;
  lost: number;
  stale: number;
  wrong: number;
  resurrected: number;
  unexpected: number;
  /** The first few divergences, for the report. */
  examples: Divergence[];
};

/** Fields of a product whose indexed value must equal the master's (the document adds derived fields). */
const COMPARED: readonly (keyof Product)[] = [
  'title', 'description', 'brand', 'categories', 'price', 'currency', 'stock', 'rating', 'reviewCount', 'popularity', 'imageUrl', 'attributes', 'createdAt', 'updatedAt',
];

const same = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

/** Which compared fields differ between a master product and an indexed source. */
export function differingFields(product: Product, source: Record<string, unknown>): string[] {
  return COMPARED.filter((field) => !same(product[field], source[field]));
}

/**
 * Classifies every id:
 * - lost: the master has it (live or deleted) and the index has nothing;
 * - stale: the index holds a lower version than the master;
 * - wrong: same version, but a live document whose fields differ from the master (or a tombstone where the
 *   master is live at that version);
 * - resurrected: the master deleted it, the index shows it live;
 * - unexpected: the index has an id the master never had.
 */
export function compareMasterToIndex(master: ReadonlyMap<string, MasterEntry>, index: ReadonlyMap<string, IndexEntry>, maxExamples = 10): Comparison {
  const result: Comparison = { products: master.size, lost: 0, stale: 0, wrong: 0, resurrected: 0, unexpected: 0, examples: [] };
  const note = (d: Divergence) => {
    result[d.kind] += 1;
    if (result.examples.length < maxExamples) result.examples.push(d);
  };
  for (const [id, want] of master) {
    const got = index.get(id);
    if (!got) {
      note({ id, kind: 'lost', detail: `master v${want.version}${want.deleted ? ' (deleted)' : ''}, index has nothing` });
    } else if (want.deleted && !got.deleted) {
      note({ id, kind: 'resurrected', detail: `master deleted at v${want.version}, index live at v${got.version}` });
    } else if (got.version < want.version) {
      note({ id, kind: 'stale', detail: `master v${want.version}, index v${got.version}` });
    } else if (got.version > want.version) {
      note({ id, kind: 'wrong', detail: `index v${got.version} is ahead of the master's v${want.version}` });
    } else if (!want.deleted && (got.deleted || (want.product && differingFields(want.product, got.source).length > 0))) {
      const fields = got.deleted ? ['deleted'] : want.product ? differingFields(want.product, got.source) : [];
      note({ id, kind: 'wrong', detail: `v${want.version}: ${fields.join(', ')} differ` });
    }
  }
  for (const id of index.keys()) if (!master.has(id)) note({ id, kind: 'unexpected', detail: 'not in the master' });
  return result;
}

/** Whether nothing diverges. */
export const converged = (c: Comparison): boolean => c.lost + c.stale + c.wrong + c.resurrected + c.unexpected === 0;
