import { errors, type Client } from '@elastic/elasticsearch';
import { z } from 'zod';
import { merchAuditIndexName, SynonymSet, synonymIndexName, type SynonymSetInput } from '@catalog/contract';

/** The stored set's version did not match `If-Match` (or another admin wrote it at the same moment). */
export class SynonymVersionConflictError extends Error {
  constructor(id: string, options?: { cause?: unknown }) {
    super(`synonym set ${id} is not at the version named in If-Match`, options);
    this.name = 'SynonymVersionConflictError';
  }
}

/** One merchandising change: who, when, what, and the set before and after. */
export const AuditEntry = z.object({
  at: z.string(),
  actor: z.string(),
  kind: z.literal('synonym'),
  id: z.string(),
  action: z.enum(['create', 'update', 'delete']),
  before: SynonymSet.nullable(),
  after: SynonymSet.nullable(),
});
export type AuditEntry = z.infer<typeof AuditEntry>;

export interface SynonymStore {
  list(): Promise<SynonymSet[]>;
  get(id: string): Promise<SynonymSet | undefined>;
  /** Creates or replaces the set; `ifMatch` = the version it must be at (0 = must not exist). */
  put(id: string, input: SynonymSetInput, o: { actor: string; ifMatch?: number }): Promise<{ set: SynonymSet; created: boolean }>;
  /** Deletes the set; false when there was none. */
  delete(id: string, o: { actor: string; ifMatch?: number }): Promise<boolean>;
  /** The newest audit entries of synonym changes, newest first. */
  audit(limit: number): Promise<AuditEntry[]>;
}

const SET_MAPPINGS = {
  dynamic: 'strict' as const,
  properties: {
    id: { type: 'keyword' as const },
    type: { type: 'keyword' as const },
    terms: { type: 'keyword' as const },
    from: { type: 'keyword' as const },
    to: { type: 'keyword' as const },
    version: { type: 'integer' as const },
    updatedAt: { type: 'date' as const },
    updatedBy: { type: 'keyword' as const },
  },
};
const AUDIT_MAPPINGS = {
  dynamic: false as const,
  properties: { at: { type: 'date' as const }, actor: { type: 'keyword' as const }, kind: { type: 'keyword' as const }, id: { type: 'keyword' as const }, action: { type: 'keyword' as const } },
};

const isStatus = (err: unknown, status: number) => err instanceof errors.ResponseError && err.statusCode === status;

/**
 * Synonym sets in `<alias>-synonyms` (search-api reads them all with a short TTL) and every change, with who made
 * it and the set before and after, in `<alias>-merch-audit`. Writes are conditional on Elasticsearch's sequence
 * number, so two admins saving at once cannot both win; each write is visible to searches on return (`wait_for`).
 */
export function createSynonymStore(o: { client: Client; alias: string; now?: () => Date }): SynonymStore {
  const index = synonymIndexName(o.alias);
  const auditIndex = merchAuditIndexName(o.alias);
  const now = o.now ?? (() => new Date());
  let ensured = false;

  async function ensure(): Promise<void> {
    if (ensured) return;
    for (const [name, mappings] of [[index, SET_MAPPINGS], [auditIndex, AUDIT_MAPPINGS]] as const) {
      try {
        await o.client.indices.create({ index: name, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings });
      } catch (err) {
        if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception')) throw err;
      }
    }
    ensured = true;
  }

  async function current(id: string): Promise<{ set: SynonymSet; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const r = await o.client.get({ index, id });
      if (!r.found) return undefined;
      return { set: SynonymSet.parse(r._source), seqNo: r._seq_no ?? 0, primaryTerm: r._primary_term ?? 0 };
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  async function audit(entry: AuditEntry): Promise<void> {
    await o.client.index({ index: auditIndex, document: entry, refresh: 'wait_for' });
  }

  return {
    async list() {
      const r = await o.client.search({ index, size: 2_000, sort: [{ id: 'asc' }], query: { match_all: {} } }, { ignore: [404] });
      return (r.hits?.hits ?? []).map((h) => SynonymSet.parse(h._source));
    },
    async get(id) {
      return (await current(id))?.set;
    },
    async put(id, input, { actor, ifMatch }) {
      await ensure();
      const before = await current(id);
      if (ifMatch !== undefined && ifMatch !== (before?.set.version ?? 0)) throw new SynonymVersionConflictError(id);
      const set = SynonymSet.parse({ ...input, id, version: (before?.set.version ?? 0) + 1, updatedAt: now().toISOString(), updatedBy: actor });
      try {
        await o.client.index({
          index,
          id,
          document: set,
          refresh: 'wait_for',
          ...(before ? { if_seq_no: before.seqNo, if_primary_term: before.primaryTerm } : { op_type: 'create' as const }),
        });
      } catch (err) {
        if (isStatus(err, 409)) throw new SynonymVersionConflictError(id, { cause: err });
        throw err;
      }
      await audit({ at: set.updatedAt, actor, kind: 'synonym', id, action: before ? 'update' : 'create', before: before?.set ?? null, after: set });
      return { set, created: !before };
    },
    async delete(id, { actor, ifMatch }) {
      const before = await current(id);
      if (ifMatch !== undefined && ifMatch !== (before?.set.version ?? 0)) throw new SynonymVersionConflictError(id);
      if (!before) return false;
      try {
        await o.client.delete({ index, id, refresh: 'wait_for', if_seq_no: before.seqNo, if_primary_term: before.primaryTerm });
      } catch (err) {
        if (isStatus(err, 409)) throw new SynonymVersionConflictError(id, { cause: err });
        if (isStatus(err, 404)) return false;
        throw err;
      }
      await audit({ at: now().toISOString(), actor, kind: 'synonym', id, action: 'delete', before: before.set, after: null });
      return true;
    },
    async audit(limit) {
      const r = await o.client.search({ index: auditIndex, size: limit, sort: [{ at: 'desc' }], query: { term: { kind: 'synonym' } } }, { ignore: [404] });
      return (r.hits?.hits ?? []).map((h) => AuditEntry.parse(h._source));
    },
  };
}
