import { spawn, type ChildProcess } from 'node:child_process';
import type { Client, estypes } from '@elastic/elasticsearch';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { z } from 'zod';
import { familiesAlias, type Product } from '@catalog/contract';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { familyDocumentsFor, familyKeyOf, ProductSource } from '../../indexer/src/families/to-family-document';
import { toProductDocument } from '../../indexer/src/bulk/to-bulk-operation';
import { createSearchApp, type SearchAppDeps } from '../../search-api/src/app';
import { createDaySalt } from '../../search-api/src/analytics/day-salt';
import { BanList } from '../../search-api/src/analytics/query-bans';
import { SearchRecorder } from '../../search-api/src/analytics/search-recorder';
import { DEFAULT_SUGGESTION_RULES } from '../../search-api/src/analytics/suggestion-rules';
import type { Cache } from '../../search-api/src/cache/cache';
import { createMemoryCache } from '../../search-api/src/cache/memory-cache';
import { createAnalyticsStore } from '../../search-api/src/es/analytics-store';
import { createEsClient } from '../../search-api/src/es/es-client';
import { createEsGateway } from '../../search-api/src/es/es-gateway';
import { createMetrics } from '../../search-api/src/metrics';
import type { SearchServiceSettings } from '../../search-api/src/search-service';

/** A search document exactly as the indexer writes it (its own pure function), for tests that index directly. */
export function toFixtureDoc(p: Product, version = 1): Record<string, unknown> {
  return toProductDocument(p, { version, occurredAt: p.updatedAt }, new Date(p.updatedAt));
}

/** A tombstone as the indexer writes it for a deleted product. */
export const tombstoneDoc = (id: string, version: number) => ({ id, deleted: true, version, updatedAt: '2025-06-01T00:00:00Z' });

let n = 0;
function product(title: string, brand: string, categories: string[], extra: Partial<Product> = {}): Product {
  n++;
  return {
    id: `SKU-${String(n).padStart(4, '0')}`,
    title,
    description: extra.description ?? `${title} by ${brand}.`,
    brand,
    categories,
    price: extra.price ?? 10 + ((n * 37) % 900),
    currency: 'EUR',
    stock: extra.stock ?? (n % 4 === 0 ? 0 : n % 13),
    rating: extra.rating ?? Math.round(((n * 7) % 50) + 1) / 10,
    reviewCount: extra.reviewCount ?? (n * 11) % 300,
    popularity: extra.popularity ?? (n * 13) % 100,
    attributes: extra.attributes ?? { color: ['black', 'white', 'red'][n % 3] ?? 'black', ...(n % 2 ? { size: 'm' } : {}) },
    createdAt: new Date(Date.UTC(2024, 0, 1) + n * 86_400_000).toISOString(),
    updatedAt: new Date(Date.UTC(2025, 0, 1) + n * 86_400_000).toISOString(),
    ...(extra.imageUrl ? { imageUrl: extra.imageUrl } : {}),
  };
}

const TV = ['Electronics', 'TV & Video', 'Televisions'];
const AUDIO = ['Electronics', 'Audio', 'Headphones'];
const LAPTOPS = ['Electronics', 'Computers', 'Laptops'];
const KITCHEN = ['Home', 'Kitchen', 'Cookware'];
const SHOES = ['Sports', 'Running', 'Shoes'];

/** The fixture catalog: the relevance cases of issues 5 and 9 plus filler for facets, sorts and paging. */
export function fixtureCatalog(): Product[] {
  n = 0;
  const named = [
    product('Samsung 55" QLED 4K Smart Television', 'Samsung', TV, { popularity: 50 }),
    product('Sony WH-1000XM4 Wireless Noise Cancelling Headphones', 'Sony', AUDIO, { popularity: 80, price: 279 }),
    product('Sony WH-CH520 On-Ear Headphones', 'Sony', AUDIO, { popularity: 90 }),
    product('Dell XPS 13 Laptop', 'Dell', LAPTOPS, { popularity: 70 }),
    product('Lenovo ThinkPad Notebook Sleeve', 'Lenovo', ['Electronics', 'Computers', 'Laptop Accessories'], { popularity: 5 }),
    product('Crème Brûlée Torch for Café Kitchens', 'Iwatani', KITCHEN, { popularity: 10 }),
    product('Trail Running Shoes', 'Salomon', SHOES, { popularity: 20 }),
    product('Apple iPhone 15 Smartphone', 'Apple', ['Electronics', 'Phones'], { popularity: 95 }),
    product('Bose QuietComfort Earbuds', 'Bose', AUDIO, { popularity: 60 }),
    product('Logitech MX Keys Keyboard', 'Logitech', ['Electronics', 'Computers', 'Accessories'], { popularity: 40 }),
    product('Running Shoes', 'Nike', SHOES, { popularity: 1 }),
  ];
  const brands = ['Acme', 'Globex', 'Initech', 'Umbrella', 'Stark'];
  const kinds: [string, string[]][] = [
    ['Blender', KITCHEN],
    ['Frying Pan', KITCHEN],
    ['Desk Lamp', ['Home', 'Lighting']],
    ['Bluetooth Speaker', ['Electronics', 'Audio', 'Speakers']],
    ['Yoga Mat', ['Sports', 'Fitness']],
    ['Office Chair', ['Home', 'Furniture']],
  ];
  const filler: Product[] = [];
  for (let i = 0; i < 48; i++) {
    const [kind, cats] = kinds[i % kinds.length] ?? ['Thing', ['Misc']];
    const brand = brands[i % brands.length] ?? 'Acme';
    filler.push(product(`${brand} ${kind} ${['Pro', 'Mini', 'Max', 'Lite'][i % 4]} ${i}`, brand, cats));
  }
  return [...named, ...filler];
}

/** Index documents with the ids as `_id` and refresh, so assertions see them; their families follow (`syncFamilies`). */
export async function indexDocs(es: Client, alias: string, docs: { id: string; doc: Record<string, unknown> }[]): Promise<void> {
  const r = await es.bulk({ refresh: true, operations: docs.flatMap(({ id, doc }) => [{ index: { _index: alias, _id: id } }, doc]) });
  if (r.errors) throw new Error(`fixture bulk failed: ${JSON.stringify(r.items.find((i) => i.index?.error))}`);
  await syncFamilies(es, alias, docs.map((d) => ProductSource.parse(d.doc)));
}

/** A fresh products (and families) index behind `alias` holding `products` (version 1), refreshed. */
export async function seedProducts(es: Client, alias: string, products: readonly Product[]): Promise<void> {
  await ensureProductIndex(es, alias);
  await indexDocs(es, alias, products.map((p) => ({ id: p.id, doc: toFixtureDoc(p) })));
}

/** A fresh products (and families) index behind `alias` holding the fixture catalog. */
export const seedFixtureCatalog = (es: Client, alias: string): Promise<void> => seedProducts(es, alias, fixtureCatalog());

/** Most documents one `syncFamilies` read may return. */
const FIXTURE_MAX_DOCS = 10_000;
const Hits = z.object({ hits: z.object({ total: z.object({ value: z.number() }), hits: z.array(z.object({ _id: z.string(), _source: z.unknown().optional() })) }) });

/**
 * The families (issue 17) of product documents just written to a fixture's products index, as the indexer derives
 * them (`familyDocumentsFor`): their old and new families recomputed from the products index, emptied ones deleted,
 * refreshed. For tests that write product documents themselves (grouped search, the default, reads the families).
 */
export async function syncFamilies(es: Client, alias: string, written: readonly ProductSource[]): Promise<void> {
  const index = familiesAlias(alias);
  const read = async (target: string, query: estypes.QueryDslQueryContainer, source: boolean) => {
    const hits = Hits.parse(await es.search({ index: target, size: FIXTURE_MAX_DOCS, track_total_hits: true, _source: source, query })).hits;
    if (hits.total.value > FIXTURE_MAX_DOCS) throw new Error(`syncFamilies reads at most ${FIXTURE_MAX_DOCS} documents`);
    return hits.hits;
  };
  const listing = await read(index, { terms: { memberIds: written.map((d) => d.id) } }, false);
  const keys = [...new Set([...listing.map((h) => h._id), ...written.flatMap((d) => familyKeyOf(d) ?? [])])];
  if (keys.length === 0) return;
  const members = await read(alias, { terms: { familyKey: keys } }, true);
  const families = familyDocumentsFor(members.map((h) => ProductSource.parse(h._source)));
  const emptied = keys.filter((key) => !families.some((f) => f.familyKey === key));
  const operations = [...families.flatMap((f) => [{ index: { _index: index, _id: f.familyKey } }, f]), ...emptied.map((id) => ({ delete: { _index: index, _id: id } }))];
  const r = await es.bulk({ refresh: true, operations });
  if (r.errors) throw new Error(`family fixture bulk failed: ${JSON.stringify(r.items.find((i) => i.index?.error ?? (i.delete?.status !== 404 && i.delete?.error)))}`);
}

export const FIXTURE_SETTINGS: SearchServiceSettings = {
  searchTtlSeconds: 60,
  productTtlSeconds: 60,
  admissionMinHits: 2,
  admissionWindowMs: 60_000,
  admissionMaxKeys: 10_000,
  generationRefreshMs: 0,
  lockTtlSeconds: 2,
  lockWaitMs: 200,
  staleMaxMs: 0,
  refreshAfterMs: 0,
  refreshAheadPerSecond: 0,
  refreshAheadMaxKeys: 1000,
  analyticsWindowHours: 24,
};

/** The search app over the real Elasticsearch of the stack (or `esUrl`), with the given cache. */
export function searchApiFor(
  o: { alias: string; cache?: Cache; settings?: Partial<SearchServiceSettings>; esUrl?: string; requestTimeoutMs?: number } & Pick<
    Partial<SearchAppDeps>,
    'rateLimiter' | 'clientAddress' | 'adminToken' | 'insights' | 'synonyms' | 'rules'
  > & { minClients?: number; bansRefreshMs?: number },
) {
  const registry = new Registry();
  const metrics = createMetrics(registry);
  const client = createEsClient(
    { ELASTICSEARCH_URL: o.esUrl ?? process.env.ELASTICSEARCH_URL ?? 'http://127.0.0.1:9200' },
    { requestTimeoutMs: o.requestTimeoutMs ?? 5_000, maxRetries: 0 },
  );
  const backend = createEsGateway({ client, alias: o.alias, metrics });
  const cache = o.cache ?? createMemoryCache();
  const analytics = createAnalyticsStore({ client, alias: o.alias, metrics });
  const bans = new BanList({ store: analytics, refreshEveryMs: o.bansRefreshMs ?? 5_000 });
  const recorder = new SearchRecorder({
    sink: (r) => analytics.record(r),
    daySalt: createDaySalt({ cache, alias: o.alias }),
    rules: DEFAULT_SUGGESTION_RULES,
    maxQueriesPerClientDay: 200,
    maxTrackedPairs: 10_000,
    flushEveryMs: 60_000,
    maxBatch: 500,
    maxBuffer: 5_000,
  });
  const app = createSearchApp({
    backend,
    cache,
    alias: o.alias,
    log: pino({ level: process.env.TEST_LOG_LEVEL ?? 'silent' }),
    registry,
    metrics,
    settings: { ...FIXTURE_SETTINGS, ...o.settings },
    corsOrigins: ['*'],
    isAccepting: () => true,
    onSearch: (q, hits, address) => recorder.record(q, hits, address),
    rateLimiter: o.rateLimiter,
    clientAddress: o.clientAddress,
    adminToken: o.adminToken,
    insights: o.insights,
    synonyms: o.synonyms,
    rules: o.rules,
    suggestions: { store: analytics, bans, rules: DEFAULT_SUGGESTION_RULES, minClients: o.minClients ?? 3, windowHours: 24 },
  });
  return { app, backend, client, registry, recorder, analytics, bans };
}

/** A private memcached on `port` (so stopping it disturbs no other test). */
export async function startMemcached(port: number): Promise<{ stop: () => Promise<void>; proc: ChildProcess }> {
  const args = ['-l', '127.0.0.1', '-p', String(port), '-U', '0', '-m', '32', ...(process.getuid?.() === 0 ? ['-u', 'nobody'] : [])];
  const proc = spawn('memcached', args, { stdio: 'ignore' });
  const { portOpen } = await import('../../stack/src/probes');
  const deadline = Date.now() + 5_000;
  while (!(await portOpen('127.0.0.1', port))) {
    if (Date.now() > deadline || proc.exitCode !== null) throw new Error(`memcached did not start on ${port}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    proc,
    stop: () =>
      new Promise<void>((resolve) => {
        if (proc.exitCode !== null) return resolve();
        proc.once('exit', () => resolve());
        proc.kill('SIGTERM');
      }),
  };
}

/** Issue 9's language-analysis cases: query → the title that must rank first on the fixture catalog. */
export const ANALYSIS_RELEVANCE_CASES: [query: string, first: string][] = [
  ['tv', 'Samsung 55" QLED 4K Smart Television'],
  ['laptops', 'Dell XPS 13 Laptop'],
  ['cafe', 'Crème Brûlée Torch for Café Kitchens'],
  ['creme brulee', 'Crème Brûlée Torch for Café Kitchens'],
  ['wh1000xm4', 'Sony WH-1000XM4 Wireless Noise Cancelling Headphones'],
  ['WH-1000XM4', 'Sony WH-1000XM4 Wireless Noise Cancelling Headphones'],
  ['shoe run', 'Trail Running Shoes'],
  ['running shoes', 'Running Shoes'],
];
