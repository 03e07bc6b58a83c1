/**
 * The search side at a million products (issue 18 goal 5), on a private stack (`bench/chaos/private-stack.ts`: its own
 * Elasticsearch with a bigger heap and its own Memcached, nothing shared is touched). The catalog is written straight
 * with `helpers.bulk` (the pipeline's own million run is `bench/chaos/million.ts`; its figures are read from
 * `.local/chaos/million-report.json` when it ran). Then: index size and heap, uncached search p50/p99 on distinct
 * queries of the mix (and the same requests raw), cached search on the weighted mix, autocomplete, and the resident
 * memory of every process; failures are counted, not hidden.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { stackPaths } from '../stack/src/paths';
import { measureApiOverhead, type ApiOverheadResult } from './api-overhead';
import { quantile } from './bench-stats';
import { indexGeneratedCatalog, startProcess } from './bench-support';
import { cacheCounts } from './cache-hit';
import { rssMb } from './chaos/probes';
import { startPrivateStack } from './chaos/private-stack';
import { load, timeEach, type LoadResult } from './load';
import { num, table, type Section } from './report';
import { distinctQueries, loadQueries, weightedSearchRequests } from './search-catalog';
import { freePort } from '../test/integration/helpers';

export type MillionOptions = { count: number; esHeapMb: number; distinct: number; concurrency: number; connections: number; seconds: number; queriesTsv: string };

type Percentiles = { p50: number; p99: number; failed: number };
export type MillionResult = {
  count: number;
  seed: { seconds: number; docsPerSecond: number };
  index: { storeMb: number; segments: number; heapUsedMb: number; heapMaxMb: number };
  uncached: ApiOverheadResult & { p99: number };
  cached: LoadResult & { hitRatio: number };
  autocomplete: Percentiles;
  rssMb: Record<string, number | undefined>;
  peakEsRssMb: number;
  pipeline?: PipelineFigures | undefined;
};

const PipelineFigures = z.object({
  count: z.number(),
  seconds: z.number(),
  docsPerSecond: z.number(),
  peakRssMb: z.record(z.string(), z.number()),
  seedSeconds: z.number().optional(),
  emulatorJvm: z.string().optional(),
});
type PipelineFigures = z.infer<typeof PipelineFigures>;

/** The pipeline's million run (`bench/chaos/million.ts`), when its report exists. */
export function readPipelineFigures(path = join(stackPaths.local, 'chaos', 'million-report.json')): PipelineFigures | undefined {
  if (!existsSync(path)) return undefined;
  const parsed = PipelineFigures.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  return parsed.success ? parsed.data : undefined;
}

const mb = (bytes: number | undefined) => Math.round((bytes ?? 0) / 2 ** 20);

export async function measureMillion(o: MillionOptions): Promise<MillionResult> {
  const stack = await startPrivateStack({ name: 'million-search', esPort: 9296, emulatorPort: 8092, memcachedPort: 11226, esHeapMb: o.esHeapMb });
  const es = createElasticsearchClient({ ELASTICSEARCH_URL: stack.env.ELASTICSEARCH_URL ?? '' }, { requestTimeoutMs: 300_000 });
  const children: { stop: () => void }[] = [];
  let peakEsRssMb = 0;
  const sampler = setInterval(() => (peakEsRssMb = Math.max(peakEsRssMb, rssMb(stack.pid('elasticsearch')) ?? 0)), 2000);
  try {
    const alias = 'products';
    const seeded = await indexGeneratedCatalog(es, alias, { count: o.count });
    const stats = await es.indices.stats({ index: alias, metric: ['store', 'segments'] });
    const jvm = Object.values((await es.nodes.stats({ metric: ['jvm'] })).nodes)[0]?.jvm?.mem;

    const api = async (env: Record<string, string>) => {
      const p = await freePort();
      const child = await startProcess('search-api', 'search-api/src/main.ts', p, { ...stack.env, INDEX_ALIAS: alias, RATE_LIMIT_ENABLED: 'false', ANALYTICS_ENABLED: 'false', ...env });
      const handle = { url: `http://127.0.0.1:${p}`, pid: child.pid, stop: () => void child.kill('SIGTERM') };
      children.push(handle);
      return handle;
    };
    const queries = loadQueries(o.queriesTsv);
    const picked = distinctQueries(queries, o.distinct + 30, mulberry32(11));

    // Uncached: each distinct query once through the API and raw (the overhead benchmark's method), p99 of the API side.
    let apiMs: number[] = [];
    const uncached = await measureApiOverhead({
      esUrl: stack.env.ELASTICSEARCH_URL ?? '',
      alias,
      queries: picked.slice(0, o.distinct),
      warmup: picked.slice(o.distinct),
      concurrency: o.concurrency,
      startApi: (esUrl) => api({ ELASTICSEARCH_URL: esUrl, CACHE_ENABLED: 'false' }),
      onApiLatencies: (ms) => (apiMs = ms),
    });

    // Autocomplete on an uncached process: the first three letters of distinct queries.
    const plain = await api({ CACHE_ENABLED: 'false' });
    const prefixes = [...new Set(picked.map((q) => q.slice(0, 3).toLowerCase()))];
    await timeEach(prefixes.slice(0, 20).map((q) => `${plain.url}/v1/products/autocomplete?q=${encodeURIComponent(q)}`), o.concurrency);
    const ac = await timeEach(prefixes.map((q) => `${plain.url}/v1/products/autocomplete?q=${encodeURIComponent(q)}`), o.concurrency);

    // Cached: fresh weighted draws of the mix for every request, warmed, then measured (closed loop).
    const cachedApi = await api({});
    const random = mulberry32(7);
    const requests = () => weightedSearchRequests(queries, random);
    await load('warm-up', { url: cachedApi.url, connections: o.connections, seconds: o.seconds, requests: requests() });
    const before = await cacheCounts(cachedApi.url);
    const cached = await load('cached search, weighted mix', { url: cachedApi.url, connections: o.connections, seconds: o.seconds, requests: requests() });
    const after = await cacheCounts(cachedApi.url);

    const rss = {
      elasticsearch: rssMb(stack.pid('elasticsearch')),
      memcached: rssMb(stack.pid('memcached')),
      'search-api (cache)': rssMb(cachedApi.pid),
      'search-api (no cache)': rssMb(plain.pid),
      'bench process': Math.round(process.memoryUsage.rss() / 2 ** 20),
    };
    return {
      count: o.count,
      seed: { seconds: seeded.seconds, docsPerSecond: o.count / Math.max(seeded.seconds, 1e-9) },
      index: {
        storeMb: mb(stats._all.primaries?.store?.size_in_bytes),
        segments: stats._all.primaries?.segments?.count ?? 0,
        heapUsedMb: mb(jvm?.heap_used_in_bytes),
        heapMaxMb: mb(jvm?.heap_max_in_bytes),
      },
      uncached: { ...uncached, p99: quantile(apiMs, 0.99) },
      cached: { ...cached, hitRatio: (after.hit - before.hit) / Math.max(after.all - before.all, 1) },
      autocomplete: { p50: quantile(ac.ms, 0.5), p99: quantile(ac.ms, 0.99), failed: ac.failed },
      rssMb: rss,
      peakEsRssMb,
      // Only a run of the same size: the chaos folder may hold a smaller trial run's report.
      pipeline: ((f) => (f?.count === o.count ? f : undefined))(readPipelineFigures()),
    };
  } finally {
    clearInterval(sampler);
    for (const c of children) c.stop();
    await es.close();
    await stack.stop({ remove: true });
  }
}

export function millionSection(r: MillionResult, o: Pick<MillionOptions, 'esHeapMb' | 'connections' | 'seconds'>): Section {
  const p = r.pipeline;
  return {
    title: `A million products (goal 5)`,
    summary: [
      {
        goal: '5',
        measure: `${r.count.toLocaleString('en-US')} products: uncached search p50 / p99 (distinct queries), not answered`,
        value: `${num(r.uncached.api.p50)} / ${num(r.uncached.p99)} ms, ${r.uncached.failures.length} of ${r.uncached.queries}`,
        target: 'reported',
      },
      { goal: '5', measure: 'cached search p50 / p99 (weighted mix), hit ratio', value: `${num(r.cached.p50)} / ${num(r.cached.p99)} ms, ${num(r.cached.hitRatio)}`, target: 'reported' },
      { goal: '5', measure: 'autocomplete p50 / p99 (3-letter prefixes, uncached)', value: `${num(r.autocomplete.p50)} / ${num(r.autocomplete.p99)} ms`, target: 'reported' },
      ...(p ? [{ goal: '5', measure: `seed → searchable through the pipeline (\`bench/chaos/million.ts\`)`, value: `${num(p.seconds)} s, ${num(p.docsPerSecond)} docs/s`, target: 'reported' }] : []),
    ],
    body: [
      `A private Elasticsearch (${o.esHeapMb} MB heap) and Memcached; ${r.count.toLocaleString('en-US')} generated products written with \`helpers.bulk\` in`,
      `${num(r.seed.seconds)} s (${num(r.seed.docsPerSecond)} docs/s, not the pipeline). ${p ? `Through the pipeline (inventory → Pub/Sub → indexer, \`bench/chaos/million.ts\`): ${p.count.toLocaleString('en-US')} products searchable ${num(p.seconds)} s after the seed started${p.seedSeconds === undefined ? '' : ` (the seed itself ${num(p.seedSeconds)} s)`}, ${num(p.docsPerSecond)} docs/s${p.emulatorJvm === undefined ? '' : `, emulator JVM \`${p.emulatorJvm}\``}; peak RSS MB ${Object.entries(p.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')}.` : 'The pipeline run (`bench/chaos/million.ts`) had not written its report when this ran.'}`,
      '',
      table(
        ['measure', 'value'],
        [
          ['index size (primary store)', `${num(r.index.storeMb)} MB in ${r.index.segments} segments`],
          ['Elasticsearch heap after seeding', `${num(r.index.heapUsedMb)} of ${num(r.index.heapMaxMb)} MB`],
          [
            `uncached search, ${r.uncached.queries} distinct queries, ${r.uncached.concurrency} concurrent`,
            `p50 ${num(r.uncached.api.p50)} ms, p90 ${num(r.uncached.api.p90)} ms, p99 ${num(r.uncached.p99)} ms of those answered; ${r.uncached.failures.length} not answered 2xx${r.uncached.failures.length > 0 ? ` (e.g. ${r.uncached.failures.slice(0, 3).map((q) => JSON.stringify(q)).join(', ')}: past \`ES_SEARCH_TIMEOUT_MS\`, a 503)` : ''}`,
          ],
          ['the same requests raw', `p50 ${num(r.uncached.raw.p50)} ms, p90 ${num(r.uncached.raw.p90)} ms (API / raw mean ${num(r.uncached.ratioMean)})`],
          [`cached search, a fresh weighted draw per request, ${o.connections} connections, ${o.seconds} s after as long a warm-up`, `p50 ${num(r.cached.p50)} ms, p99 ${num(r.cached.p99)} ms, ${num(r.cached.rps)} req/s, hit ratio ${num(r.cached.hitRatio)}, ${r.cached.failed} failed`],
          ['autocomplete, uncached', `p50 ${num(r.autocomplete.p50)} ms, p99 ${num(r.autocomplete.p99)} ms, ${r.autocomplete.failed} failed`],
          ['resident memory (MB) at the end', Object.entries(r.rssMb).map(([k, v]) => `${k} ${v ?? '–'}`).join(', ')],
          ['Elasticsearch peak RSS while seeding and searching', `${num(r.peakEsRssMb)} MB`],
        ],
      ),
    ].join('\n'),
  };
}
