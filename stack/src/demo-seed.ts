import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { z } from 'zod';
import { familiesAlias } from '@catalog/contract';
import { generateCatalog } from '@catalog/inventory-simulator/catalog';

export type DemoSeedOptions = {
  es: Client;
  alias: string;
  adminUrl: string;
  token: string;
  count: number;
  seed: number;
  log: Logger;
  waitTimeoutMs?: number;
};

const liveCount = async (es: Client, alias: string): Promise<number> =>
  (await es.count({ index: alias, query: { bool: { must_not: { term: { deleted: true } } } } })).count;

const MemberCount = z.object({ aggregations: z.object({ members: z.object({ value: z.number() }) }) });

/** Products that grouped search can find: members of a family document (the indexer writes families after products). */
async function familyMemberCount(es: Client, alias: string): Promise<number> {
  const res = await es.search({ index: familiesAlias(alias), size: 0, aggs: { members: { value_count: { field: 'memberIds' } } } });
  return MemberCount.parse(res).aggregations.members.value;
}

/** Live products that both searches (`group=false` and grouped) find. */
const searchableCount = async (es: Client, alias: string): Promise<number> =>
  Math.min(await liveCount(es, alias), await familyMemberCount(es, alias));

/**
 * Publish a generated demo catalog through the real pipeline (admin API → outbox → Pub/Sub → indexer →
 * Elasticsearch) and wait until it is searchable. Skipped when the index already holds that many
 * products, so a second `npm start` keeps what the first one made (and any edits since).
 */
export async function seedDemoCatalog(o: DemoSeedOptions): Promise<string> {
  const before = await liveCount(o.es, o.alias);
  if (o.count === 0 || before >= o.count) return `catalog has ${before} products`;
  const started = Date.now();
  // NDJSON imports of 1 000 lines: one request and one store transaction per chunk.
  let lines: string[] = [];
  const send = async (): Promise<void> => {
    const res = await fetch(`${o.adminUrl}/v1/admin/imports?mode=all-or-nothing`, {
      method: 'POST',
      headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/x-ndjson' },
      body: lines.join('\n'),
    });
    if (res.status !== 202) throw new Error(`demo import failed: ${res.status} ${(await res.text()).slice(0, 500)}`);
    lines = [];
  };
  for (const { updatedAt: _updatedAt, ...product } of generateCatalog({ seed: o.seed, count: o.count })) {
    lines.push(JSON.stringify(product));
    if (lines.length === 1000) await send();
  }
  if (lines.length > 0) await send();
  o.log.info({ count: o.count, ms: Date.now() - started }, 'demo catalog accepted by the inventory admin');
  const deadline = Date.now() + (o.waitTimeoutMs ?? 180_000);
  let indexed = await searchableCount(o.es, o.alias);
  while (indexed < o.count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    indexed = await searchableCount(o.es, o.alias);
  }
  if (indexed < o.count) throw new Error(`only ${indexed} of ${o.count} demo products indexed in time (see .local/logs/indexer.log)`);
  return `demo catalog of ${o.count} products published and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
