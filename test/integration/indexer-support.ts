/** Shared helpers of the indexer integration tests (test/integration/indexer-*.test.ts). */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import type { Client } from '@elastic/elasticsearch';
import type { PubSub } from '@google-cloud/pubsub';
import { pino } from 'pino';
import { eventAttributes, topologyNames, type Product, type ProductEvent, type TopologyNames } from '@catalog/contract';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { ensureTopology, deleteTopology } from '../../stack/src/pubsub-topology';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { createEsClient } from '../../indexer/src/adapters/clients';
import { loadIndexerConfig, type IndexerConfig } from '../../indexer/src/config';
import type { Settlement } from '../../indexer/src/consume/consumer';
import { createIndexerMetrics } from '../../indexer/src/metrics';
import { createIndexerService } from '../../indexer/src/service';

export const ES_URL = process.env.ELASTICSEARCH_URL || 'http://127.0.0.1:9200';
export const EMULATOR = process.env.PUBSUB_EMULATOR_HOST || '127.0.0.1:8085';
export const ADMIN_TOKEN = 'integration-test-admin-token';
export const repoRoot = new URL('../../', import.meta.url).pathname;

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** One test file's private world: topics, subscriptions, alias and dead-letter index with a random suffix. */
export type World = {
  suffix: string;
  names: TopologyNames;
  alias: string;
  deadLetterIndex: string;
  es: Client;
  pubsub: PubSub;
  env: Record<string, string>;
  cleanup: () => Promise<void>;
};

export async function createWorld(name: string, options: { esUrl?: string; createIndex?: boolean } = {}): Promise<World> {
  const suffix = `${name}-${randomUUID().slice(0, 8)}`;
  const names = topologyNames(suffix);
  const alias = `it-products-${suffix}`;
  const deadLetterIndex = `it-dead-letters-${suffix}`;
  const esUrl = options.esUrl ?? ES_URL;
  const es = createEsClient({ ELASTICSEARCH_URL: esUrl }, 30_000);
  const pubsub = createPubSubClient({ PUBSUB_PROJECT_ID: 'catalog-local', PUBSUB_EMULATOR_HOST: EMULATOR });
  await ensureTopology(pubsub, names);
  if (options.createIndex !== false) await retrying(() => ensureProductIndex(es, alias));
  const env = {
    ELASTICSEARCH_URL: esUrl,
    PUBSUB_EMULATOR_HOST: EMULATOR,
    PUBSUB_PROJECT_ID: 'catalog-local',
    PUBSUB_NAME_SUFFIX: suffix,
    INDEX_ALIAS: alias,
    DEAD_LETTER_INDEX: deadLetterIndex,
    ADMIN_TOKEN,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL || 'warn',
  };
  return {
    suffix,
    names,
    alias,
    deadLetterIndex,
    es,
    pubsub,
    env,
    cleanup: async () => {
      await deleteTopology(pubsub, names).catch(() => undefined);
      await deleteProductIndices(es, alias).catch(() => undefined);
      await es.indices.delete({ index: deadLetterIndex }, { ignore: [404] }).catch(() => undefined);
      await pubsub.close();
      await es.close();
    },
  };
}

/** An indexer service in this process (no socket); `app.request()` reaches its HTTP API. */
export function startInProcess(world: World, overrides: Record<string, string> = {}, onSettled?: (s: Settlement) => void) {
  const config: IndexerConfig = loadIndexerConfig({ ...world.env, ...overrides });
  const log = pino({ level: config.LOG_LEVEL, base: { service: 'indexer-test' } });
  const metrics = createIndexerMetrics();
  const service = createIndexerService({
    config,
    topology: world.names,
    es: world.es,
    pubsub: world.pubsub,
    memcached: undefined,
    metrics,
    log,
    ...(onSettled ? { onSettled } : {}),
  });
  return { service, metrics, config, started: service.start() };
}

/** An indexer as a child process (`node --import tsx indexer/src/main.ts`). */
export function spawnIndexer(world: World, overrides: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', 'indexer/src/main.ts'], {
    cwd: repoRoot,
    env: { ...process.env, ...world.env, LOG_LEVEL: 'info', ...overrides },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  return {
    child,
    exited,
    output: () => output,
    /** Resolves once the process pulls from its subscription. */
    ready: () => waitFor(() => output.includes('"msg":"pulling"'), 30_000, () => `indexer never started:\n${output}`),
  };
}

export const killed = (p: ChildProcess, signal: NodeJS.Signals) => p.kill(signal);

/**
 * Poll `check` until it returns true. A check that throws counts as "not yet": the shared stack's
 * Elasticsearch may be restarted by another suite for a few seconds, which must not fail this one.
 */
export async function waitFor(check: () => boolean | Promise<boolean>, timeoutMs: number, describe: () => string = () => 'condition'): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown;
  for (;;) {
    try {
      if (await check()) return;
    } catch (err) {
      lastError = err;
    }
    if (Date.now() > deadline) {
      throw new Error(`timed out after ${timeoutMs} ms waiting for ${describe()}`, { cause: lastError });
    }
    await sleep(250);
  }
}

/** Run `op`, retrying while the cluster is briefly unreachable (see waitFor). */
export async function retrying<T>(op: () => Promise<T>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await op();
    } catch (err) {
      if (Date.now() > deadline) throw err;
      await sleep(500);
    }
  }
}

/** A valid product whose title carries its version, so the test can tell versions apart. */
export function product(id: string, version: number, extra: Partial<Product> = {}): Product {
  return {
    id,
    title: `Product ${id} v${version}`,
    description: `Version ${version} of ${id}`,
    brand: 'Acme',
    categories: ['Electronics', 'Audio'],
    price: 10 + version,
    currency: 'EUR',
    stock: version % 3,
    rating: 4,
    reviewCount: version,
    popularity: version,
    createdAt: '2026-01-01T00:00:00.000Z',
    updatedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, version)).toISOString(),
    ...extra,
  };
}

export const upsert = (id: string, version: number, extra: Partial<Product> = {}): ProductEvent => ({
  type: 'product.upserted',
  eventId: randomUUID(),
  productId: id,
  version,
  occurredAt: new Date().toISOString(),
  product: product(id, version, extra),
});

export const remove = (id: string, version: number): ProductEvent => ({
  type: 'product.deleted',
  eventId: randomUUID(),
  productId: id,
  version,
  occurredAt: new Date().toISOString(),
});

/** Publish events (as the simulator does: JSON data + routing attributes); resolves when all are accepted. */
export async function publishEvents(pubsub: PubSub, topic: string, events: readonly ProductEvent[]): Promise<void> {
  const t = pubsub.topic(topic, { batching: { maxMessages: 500, maxMilliseconds: 10 } });
  const chunk = 2000;
  for (let i = 0; i < events.length; i += chunk) {
    await Promise.all(events.slice(i, i + chunk).map((e) => t.publishMessage({ data: Buffer.from(JSON.stringify(e)), attributes: eventAttributes(e) })));
  }
}

/** Publish raw bytes (poison messages). */
export async function publishRaw(pubsub: PubSub, topic: string, data: string, attributes: Record<string, string> = {}): Promise<string> {
  return pubsub.topic(topic).publishMessage({ data: Buffer.from(data), attributes });
}

/** What the index must hold for each product: the highest version's state. */
export type ExpectedDoc = { version: number; deleted: boolean; title?: string };

export function expectedState(events: readonly ProductEvent[]): Map<string, ExpectedDoc> {
  const state = new Map<string, ExpectedDoc>();
  for (const e of events) {
    const current = state.get(e.productId);
    if (current && current.version >= e.version) continue;
    state.set(
      e.productId,
      e.type === 'product.deleted' ? { version: e.version, deleted: true } : { version: e.version, deleted: false, title: e.product.title },
    );
  }
  return state;
}

/** Every document of an index or alias as id → state (scroll through a point in time). */
export async function readIndex(es: Client, index: string): Promise<Map<string, ExpectedDoc>> {
  await es.indices.refresh({ index });
  const out = new Map<string, ExpectedDoc>();
  const pit = await es.openPointInTime({ index, keep_alive: '1m' });
  let after: (string | number)[] | undefined;
  try {
    for (;;) {
      const page = await es.search<{ deleted?: boolean; title?: string }>({
        pit: { id: pit.id, keep_alive: '1m' },
        size: 5000,
        sort: ['_shard_doc'],
        version: true,
        _source: ['deleted', 'title'],
        ...(after ? { search_after: after } : {}),
      });
      const hits = page.hits.hits;
      if (hits.length === 0) break;
      for (const h of hits) {
        if (!h._id || h._version === undefined) continue;
        const deleted = h._source?.deleted === true;
        out.set(h._id, deleted ? { version: h._version, deleted } : { version: h._version, deleted, title: h._source?.title ?? '' });
      }
      after = hits.at(-1)?.sort as (string | number)[] | undefined;
    }
  } finally {
    await es.closePointInTime({ id: pit.id }).catch(() => undefined);
  }
  return out;
}

/** Differences between expected and actual, at most `max` lines (empty = equal). */
export function diffState(expected: Map<string, ExpectedDoc>, actual: Map<string, ExpectedDoc>, max = 10): string[] {
  const diffs: string[] = [];
  for (const [id, want] of expected) {
    const got = actual.get(id);
    if (!got || got.version !== want.version || got.deleted !== want.deleted || (!want.deleted && got.title !== want.title)) {
      diffs.push(`${id}: want ${JSON.stringify(want)} got ${JSON.stringify(got)}`);
    }
  }
  for (const id of actual.keys()) if (!expected.has(id)) diffs.push(`${id}: unexpected`);
  return diffs.slice(0, max);
}

/** Wait until the index equals the expected state exactly. */
export async function waitForState(es: Client, alias: string, expected: Map<string, ExpectedDoc>, timeoutMs: number): Promise<void> {
  let last: string[] = [];
  await waitFor(
    async () => {
      last = diffState(expected, await readIndex(es, alias));
      return last.length === 0;
    },
    timeoutMs,
    () => `index ${alias} to equal the expected state; differences: ${last.join('; ')}`,
  );
}

/** Shuffle in place (Fisher–Yates) with a seeded generator, so failures reproduce. */
export function shuffle<T>(items: T[], seed = 42): T[] {
  let s = seed >>> 0;
  const rnd = () => ((s = (s * 1664525 + 1013904223) >>> 0) / 2 ** 32);
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [items[i], items[j]] = [items[j] as T, items[i] as T];
  }
  return items;
}

/**
 * Versions 1..maxVersion of `count` products, some ending deleted, then shuffled, and a share of them
 * duplicated: exactly what an at-least-once, unordered broker may deliver.
 */
export function messyHistory(prefix: string, count: number, maxVersion: number, seed = 7): ProductEvent[] {
  const events: ProductEvent[] = [];
  for (let p = 0; p < count; p++) {
    const id = `${prefix}-${p}`;
    for (let v = 1; v <= maxVersion; v++) {
      // Every 5th product's last version is a deletion; every 7th is deleted mid-history and re-created.
      const isDelete = (p % 5 === 0 && v === maxVersion) || (p % 7 === 0 && v === 2);
      events.push(isDelete ? remove(id, v) : upsert(id, v));
    }
  }
  const duplicated = [...events, ...events.filter((_, i) => i % 3 === 0)];
  return shuffle(duplicated, seed);
}

export const silentLogger = pino({ level: 'silent' });
