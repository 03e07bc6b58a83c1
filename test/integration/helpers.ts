import { randomBytes } from 'node:crypto';
import { Client } from '@elastic/elasticsearch';
import { createPubSubClient } from '@catalog/contract/pubsub';

/** A short random suffix so that each test file has its own topics, subscriptions and indices. */
export const randomSuffix = (): string => `t${randomBytes(4).toString('hex')}`;

/** Clients for the stack the global setup provided (its env). */
export function stackClients() {
  const es = new Client({ node: process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200', requestTimeout: 30_000 });
  const pubsub = createPubSubClient({
    PUBSUB_PROJECT_ID: process.env.PUBSUB_PROJECT_ID ?? 'catalog-local',
    PUBSUB_EMULATOR_HOST: process.env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085',
  });
  return { es, pubsub };
}

/** Poll `probe` until it returns a value other than undefined, or fail with the last observation. */
export async function eventually<T>(probe: () => Promise<T | undefined>, timeoutMs = 20_000, everyMs = 200): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await probe();
      if (value !== undefined) return value;
    } catch (err) {
      lastError = err;
    }
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
  throw new Error(`condition not met within ${timeoutMs} ms`, { cause: lastError });
}

/** A free TCP port on the loopback interface. */
export async function freePort(): Promise<number> {
  const { createServer } = await import('node:net');
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/**
 * Drop every index of `alias`: its product and families indices (`<alias>-v…`, `<alias>-families-v…`) and the ones
 * the services name after it (`<alias>-queries`, `-query-bans`, `-insights-…`, `-rules`, `-synonyms`, `-merch-audit`).
 */
export async function dropAliasIndices(es: Client, alias: string): Promise<void> {
  // Wildcard deletes are refused by default (action.destructive_requires_name): resolve the names first.
  const indices = Object.keys(await es.indices.get({ index: `${alias}-*`, allow_no_indices: true }));
  if (indices.length > 0) await es.indices.delete({ index: indices }, { ignore: [404] });
}
