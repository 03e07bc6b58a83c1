import type { Client, estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { toHttpProblem } from './es-errors';

/** A stored insights document: a tracked search (its `queryID` and query) or an event. */
export type InsightsDoc = Record<string, unknown> & { type: 'search' | 'click' | 'conversion' | 'view'; at: string };

/** Daily insights indices of a products alias: old days are dropped whole (no delete-by-query needed). */
export const insightsIndexPattern = (alias: string): string => `${alias}-insights-*`;
export const insightsIndexName = (alias: string, at: string): string => `${alias}-insights-${at.slice(0, 10).replaceAll('-', '.')}`;

/** Mapping of the insights indices: one small document per tracked search or event. */
export const INSIGHTS_MAPPINGS: estypes.MappingTypeMapping = {
  dynamic: 'strict',
  properties: {
    type: { type: 'keyword' },
    subtype: { type: 'keyword' },
    eventName: { type: 'keyword', ignore_above: 64 },
    index: { type: 'keyword', ignore_above: 200 },
    userToken: { type: 'keyword' },
    queryID: { type: 'keyword' },
    query: { type: 'keyword', ignore_above: 200 },
    nbHits: { type: 'integer' },
    objectIDs: { type: 'keyword' },
    positions: { type: 'integer' },
    filters: { type: 'keyword', ignore_above: 300 },
    value: { type: 'double' },
    currency: { type: 'keyword' },
    at: { type: 'date' },
  },
};

/** The only module that reads and writes the insights indices. */
export interface InsightsStore {
  write(docs: InsightsDoc[]): Promise<void>;
  /** The query of each tracked search among `queryIDs` that is already stored. */
  queriesOf(queryIDs: string[]): Promise<Map<string, string>>;
  metrics(body: Omit<estypes.SearchRequest, 'index'>): Promise<unknown>;
  /** Drop the daily indices older than `days` days. */
  dropOlderThan(days: number, now?: Date): Promise<string[]>;
}

const Hits = z.object({ hits: z.object({ hits: z.array(z.object({ _source: z.object({ queryID: z.string(), query: z.string() }).optional() })) }) });

export function createInsightsStore(o: { client: Client; alias: string }): InsightsStore {
  const { client, alias } = o;
  const created = new Set<string>();
  const pattern = insightsIndexPattern(alias);

  async function ensure(index: string): Promise<void> {
    if (created.has(index)) return;
    // Several instances may race at midnight; "already exists" (400) is success.
    await client.indices.create({ index, settings: { number_of_shards: 1, number_of_replicas: 0 }, mappings: INSIGHTS_MAPPINGS }, { ignore: [400] });
    created.add(index);
  }

  return {
    async write(docs) {
      if (docs.length === 0) return;
      try {
        const byIndex = new Map<string, InsightsDoc[]>();
        // One push per document (copying the list per document made a flush quadratic in its size).
        for (const d of docs) {
          const index = insightsIndexName(alias, d.at);
          const list = byIndex.get(index);
          if (list) list.push(d);
          else byIndex.set(index, [d]);
        }
        for (const index of byIndex.keys()) await ensure(index);
        const operations = [...byIndex].flatMap(([index, list]) => list.flatMap((doc) => [{ create: { _index: index } }, doc]));
        const r = await client.bulk({ operations });
        if (r.errors) throw new Error(`insights bulk: ${r.items.filter((i) => i.create?.error).length} items failed`);
      } catch (err) {
        throw toHttpProblem(err);
      }
    },
    async queriesOf(queryIDs) {
      if (queryIDs.length === 0) return new Map();
      try {
        const r = await client.search({
          index: pattern,
          ignore_unavailable: true,
          allow_no_indices: true,
          size: queryIDs.length,
          _source: ['queryID', 'query'],
          query: { bool: { filter: [{ term: { type: 'search' } }, { terms: { queryID: queryIDs } }] } },
        });
        const parsed = Hits.parse(r);
        return new Map(parsed.hits.hits.flatMap((h) => (h._source ? [[h._source.queryID, h._source.query] as const] : [])));
      } catch (err) {
        throw toHttpProblem(err);
      }
    },
    async metrics(body) {
      try {
        return await client.search({ index: pattern, ignore_unavailable: true, allow_no_indices: true, ...body });
      } catch (err) {
        throw toHttpProblem(err);
      }
    },
    async dropOlderThan(days, now = new Date()) {
      const oldest = insightsIndexName(alias, new Date(now.getTime() - days * 86_400_000).toISOString());
      const listed = await client.cat.indices({ index: pattern, format: 'json', h: 'index' }, { ignore: [404] });
      const old = (Array.isArray(listed) ? listed : []).flatMap((i) => (i.index && i.index < oldest ? [i.index] : []));
      for (const index of old) await client.indices.delete({ index }, { ignore: [404] });
      return old;
    },
  };
}
