import { errors, type Client, type estypes } from '@elastic/elasticsearch';
import { z } from 'zod';

/** The stored item's version did not match `If-Match` (or another admin wrote it at the same moment). */
export class VersionConflictError extends Error {
  constructor(kind: string, id: string, options?: { cause?: unknown }) {
    super(`${kind} ${id} is not at the version named in If-Match`, options);
    this.name = 'VersionConflictError';
  }
}

/** What every stored merchandising item carries besides its own fields. */
export type Versioned = { id: string; version: number; updatedAt: string; updatedBy: string };

/** One merchandising change: who, when, what, and the item before and after. */
export const auditEntrySchema = <T extends z.ZodType>(item: T) =>
  z.object({
    at: z.string(),
    actor: z.string(),
    kind: z.string(),
    id: z.string(),
    action: z.enum(['create', 'update', 'delete']),
    before: item.nullable(),
    after: item.nullable(),
  });
export type AuditEntry<T> = z.output<ReturnType<typeof auditEntrySchema<z.ZodType<T>>>>;

export interface VersionedStore<I, T extends Versioned> {
  list(): Promise<T[]>;
  get(id: string): Promise<T | undefined>;
  /** Creates or replaces; `ifMatch` = the version it must be at (0 = must not exist). */
  put(id: string, input: I, o: { actor: string; ifMatch?: number }): Promise<{ item: T; created: boolean }>;
  /** Deletes; false when there was none. */
  delete(id: string, o: { actor: string; ifMatch?: number }): Promise<boolean>;
  /** The newest audit entries of this kind, newest first. */
  audit(limit: number): Promise<AuditEntry<T>[]>;
}

const AUDIT_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: false,
  properties: { at: { type: 'date' }, actor: { type: 'keyword' }, kind: { type: 'keyword' }, id: { type: 'keyword' }, action: { type: 'keyword' } },
};

const isStatus = (err: unknown, status: number) => err instanceof errors.ResponseError && err.statusCode === status;

/**
 * Merchandising items (synonym sets, query rules) in their own small index, which search-api reads whole with a
 * short TTL, and every change with who made it and the item before and after in the audit index. Writes are
 * conditional on Elasticsearch's sequence number, so two admins saving at once cannot both win; each write is
 * visible to searches on return. `refresh: true` rather than `wait_for`: these indices are tiny and written at an
 * admin's pace, and waiting for the next scheduled refresh of two indices took 2–6 s on a busy cluster.
 */
export function createVersionedStore<I, T extends Versioned>(o: {
  client: Client;
  index: string;
  auditIndex: string;
  kind: string;
  /** The stored item (input + `Versioned`), validated on every read. */
  schema: z.ZodType<T>;
  /** Mapping of the item index (only what search-api sorts or filters on needs indexing). */
  mappings: estypes.MappingTypeMapping;
  maxItems: number;
  now?: () => Date;
}): VersionedStore<I, T> {
  const now = o.now ?? (() => new Date());
  const Audit = auditEntrySchema(o.schema);
  let ensured = false;

  async function ensure(): Promise<void> {
    if (ensured) return;
    for (const [index, mappings] of [[o.index, o.mappings], [o.auditIndex, AUDIT_MAPPINGS]] as const) {
      try {
        await o.client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings });
      } catch (err) {
        if (!(err instanceof errors.ResponseError && err.body?.error?.type === 'resource_already_exists_exception')) throw err;
      }
    }
    ensured = true;
  }

  async function current(id: string): Promise<{ item: T; seqNo: number; primaryTerm: number } | undefined> {
    try {
      const r = await o.client.get({ index: o.index, id });
      if (!r.found) return undefined;
      return { item: o.schema.parse(r._source), seqNo: r._seq_no ?? 0, primaryTerm: r._primary_term ?? 0 };
    } catch (err) {
      if (isStatus(err, 404)) return undefined;
      throw err;
    }
  }

  const audit = (entry: AuditEntry<T>) => o.client.index({ index: o.auditIndex, document: entry, refresh: true });
  const conflict = (id: string, cause?: unknown) => new VersionConflictError(o.kind, id, { cause });

  return {
    async list() {
      const r = await o.client.search({ index: o.index, size: o.maxItems, sort: [{ id: 'asc' }], query: { match_all: {} } }, { ignore: [404] });
      return (r.hits?.hits ?? []).map((h) => o.schema.parse(h._source));
    },
    async get(id) {
      return (await current(id))?.item;
    },
    async put(id, input, { actor, ifMatch }) {
      await ensure();
      const before = await current(id);
      if (ifMatch !== undefined && ifMatch !== (before?.item.version ?? 0)) throw conflict(id);
      const item = o.schema.parse({ ...input, id, version: (before?.item.version ?? 0) + 1, updatedAt: now().toISOString(), updatedBy: actor });
      try {
        await o.client.index({
          index: o.index,
          id,
          document: item,
          refresh: true,
          ...(before ? { if_seq_no: before.seqNo, if_primary_term: before.primaryTerm } : { op_type: 'create' as const }),
        });
      } catch (err) {
        if (isStatus(err, 409)) throw conflict(id, err);
        throw err;
      }
      await audit({ at: item.updatedAt, actor, kind: o.kind, id, action: before ? 'update' : 'create', before: before?.item ?? null, after: item });
      return { item, created: !before };
    },
    async delete(id, { actor, ifMatch }) {
      const before = await current(id);
      if (ifMatch !== undefined && ifMatch !== (before?.item.version ?? 0)) throw conflict(id);
      if (!before) return false;
      try {
        await o.client.delete({ index: o.index, id, refresh: true, if_seq_no: before.seqNo, if_primary_term: before.primaryTerm });
      } catch (err) {
        if (isStatus(err, 409)) throw conflict(id, err);
        if (isStatus(err, 404)) return false;
        throw err;
      }
      await audit({ at: now().toISOString(), actor, kind: o.kind, id, action: 'delete', before: before.item, after: null });
      return true;
    },
    async audit(limit) {
      const r = await o.client.search(
        { index: o.auditIndex, size: limit, sort: [{ at: 'desc' }], query: { term: { kind: o.kind } } },
        { ignore: [404] },
      );
      return (r.hits?.hits ?? []).map((h) => Audit.parse(h._source));
    },
  };
}
