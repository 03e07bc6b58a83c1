import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { generateCatalog } from '@catalog/inventory-simulator/catalog';

export type DemoSeedOptions = {
  es: Client;
  alias: string;
  adminUrl: string;
  token: string;
  count: number;
  seed: number;
  log: Logger;
  concurrency?: number;
  waitTimeoutMs?: number;
};

const liveCount = async (es: Client, alias: string): Promise<number> =>
  (await es.count({ index: alias, query: { bool: { must_not: { term: { deleted: true } } } } })).count;

/**
 * Publish a generated demo catalog through the real pipeline (admin API → outbox → Pub/Sub → indexer →
 * Elasticsearch) and wait until it is searchable. Skipped when the index already holds that many
 * products, so a second `npm start` keeps what the first one made (and any edits since).
 */
export async function seedDemoCatalog(o: DemoSeedOptions): Promise<string> {
  const before = await liveCount(o.es, o.alias);
  if (o.count === 0 || before >= o.count) return `catalog has ${before} products`;
  const products = generateCatalog({ seed: o.seed, count: o.count });
  const put = async (): Promise<void> => {
    for (let next = products.next(); !next.done; next = products.next()) {
      const { id, createdAt: _c, updatedAt: _u, ...body } = next.value;
      const res = await fetch(`${o.adminUrl}/v1/admin/products/${encodeURIComponent(id)}`, {
        method: 'PUT',
        headers: { authorization: `Bearer ${o.token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      if (res.status !== 202) throw new Error(`seeding ${id} failed: ${res.status} ${await res.text()}`);
    }
  };
  const started = Date.now();
  await Promise.all(Array.from({ length: o.concurrency ?? 16 }, put));
  o.log.info({ count: o.count, ms: Date.now() - started }, 'demo catalog accepted by the inventory admin');
  const deadline = Date.now() + (o.waitTimeoutMs ?? 180_000);
  let indexed = await liveCount(o.es, o.alias);
  while (indexed < o.count && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    indexed = await liveCount(o.es, o.alias);
  }
  if (indexed < o.count) throw new Error(`only ${indexed} of ${o.count} demo products indexed in time (see .local/logs/indexer.log)`);
  return `demo catalog of ${o.count} products published and indexed in ${((Date.now() - started) / 1000).toFixed(1)} s`;
}
