import { createHash } from 'node:crypto';
import type { Client, estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import type { Metrics } from '../metrics';
import { timedEsCall } from './timed-call';

type Body = Omit<estypes.SearchRequest, 'index'>;

/**
 * One client's searches of one query on one UTC day, as stored: `id` derives from the three, so a client that
 * repeats a query a thousand times stores one document. `client` is the day-salted hash, never the address.
 */
export type SearchRecord = { id: string; query: string; hits: number; client: string; day: string; at: string };

/** A query an admin banned from popular lists and suggestions (normalised, as recorded). */
export type QueryBan = { query: string; bannedAt: string };

/** The analytics side of Elasticsearch: recorded queries, their retention, and banned queries. */
export interface AnalyticsStore {
  /** Writes records; one already stored (same id) is success, not a conflict. */
  record(records: SearchRecord[]): Promise<void>;
  /** A search of the recorded queries (no index yet = no hits). */
  top(body: Body): Promise<unknown>;
  /** Deletes records older than `hours`: the store holds the analytics window and nothing more. */
  purgeOlderThan(hours: number): Promise<void>;
  listBans(max: number): Promise<QueryBan[]>;
  putBan(ban: QueryBan): Promise<void>;
  /** False when the query was not banned. */
  deleteBan(query: string): Promise<boolean>;
}

/** Mapping of the recorded queries: one small document per client, query and day. */
export const ANALYTICS_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    query: { type: 'keyword', ignore_above: 200 },
    hits: { type: 'integer' },
    client: { type: 'keyword' },
    day: { type: 'keyword' },
    at: { type: 'date' },
  },
};
const BAN_MAPPINGS: estypes.MappingTypeMapping = { dynamic: 'strict', properties: { query: { type: 'keyword' }, bannedAt: { type: 'date' } } };

/** Index of the recorded queries of a products alias (`-queries`: the per-request `-searches` of old is not read). */
export const analyticsIndexName = (alias: string): string => `${alias}-queries`;
/** Index of the banned queries of a products alias. */
export const queryBansIndexName = (alias: string): string => `${alias}-query-bans`;

const banId = (query: string) => createHash('sha256').update(query).digest('base64url');
const Bans = z.object({ hits: z.object({ hits: z.array(z.object({ _source: z.object({ query: z.string(), bannedAt: z.string() }) })) }) });

export type AnalyticsStoreOptions = { client: Client; alias: string; metrics?: Metrics };

/** The analytics store over Elasticsearch: failures become HTTP problems by the one classification (`toHttpProblem`). */
export function createAnalyticsStore(options: AnalyticsStoreOptions): AnalyticsStore {
  const { client, metrics } = options;
  const index = analyticsIndexName(options.alias);
  const bansIndex = queryBansIndexName(options.alias);
  const ready = new Set<string>();

  const timed = <T>(operation: string, fn: () => Promise<T>): Promise<T> => timedEsCall(metrics, operation, fn);

  async function ensure(name: string, mappings: estypes.MappingTypeMapping): Promise<void> {
    if (ready.has(name)) return;
    if (!(await client.indices.exists({ index: name }))) {
      // Several instances may race here; "already exists" is success.
      await client.indices.create({ index: name, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings }, { ignore: [400] });
    }
    ready.add(name);
  }

  return {
    record: (records) =>
      timed('analytics_record', async () => {
        if (records.length === 0) return;
        await ensure(index, ANALYTICS_MAPPINGS);
        const r = await client.bulk({ index, operations: records.flatMap(({ id, ...doc }) => [{ create: { _id: id } }, doc]) });
        const failed = r.items.filter((i) => i.create?.error && i.create.status !== 409);
        if (failed.length > 0) throw new Error(`analytics bulk: ${failed.length} items failed`, { cause: failed[0]?.create?.error });
      }),
    top: (body) => timed('analytics_top', () => client.search({ index, ignore_unavailable: true, ...body })),
    purgeOlderThan: (hours) =>
      timed('analytics_purge', async () => {
        await client.deleteByQuery(
          { index, query: { range: { at: { lt: `now-${hours}h` } } }, conflicts: 'proceed', ignore_unavailable: true },
          { ignore: [404] },
        );
      }),
    listBans: (max) =>
      timed('analytics_bans', async () => {
        const r = await client.search({ index: bansIndex, ignore_unavailable: true, size: max, sort: [{ bannedAt: 'desc' }] });
        return Bans.parse(r).hits.hits.map((h) => h._source);
      }),
    putBan: (ban) =>
      timed('analytics_bans', async () => {
        await ensure(bansIndex, BAN_MAPPINGS);
        await client.index({ index: bansIndex, id: banId(ban.query), document: ban, refresh: true });
      }),
    deleteBan: (query) =>
      timed('analytics_bans', async () => {
        const r = await client.delete({ index: bansIndex, id: banId(query), refresh: true }, { ignore: [404] });
        return r.result === 'deleted';
      }),
  };
}
