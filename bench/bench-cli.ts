/**
 * `npm run bench`: the performance benchmarks of issue 18 in one run, written to `bench/REPORT.md` (machine, commit,
 * every ratio against its target) and the README's benchmark table.
 *
 *   npm run bench -- [--catalog 100000] [--alias <alias>] [--only query-cost,grouping-cost,cache-hit,api-overhead,hit-ratio,indexer] [--reuse] [--keep]
 *                    [--seconds 5] [--rounds 5] [--connections 16] [--distinct 300] [--draws 200] [--grouping-draws 100] [--reps 3] [--warmup 30]
 *                    [--measure 30] [--sweep] [--hit-ratio-variants 50:3000:1000,…] [--indexer-count 20000] [--million [--million-count 1000000] [--es-heap-mb 2048]]
 *                    [--no-readme] [--out bench/REPORT.md]
 *
 * Each run seeds its own catalog behind `bench-report-<catalog>-<random>` (its cache-hit and hit-ratio aliases are
 * named after it) and drops it at the end, so two runs at once never reseed or measure each other's; `--keep` keeps it
 * and prints its alias, `--reuse --alias <that alias>` measures it again without seeding and keeps it (see
 * `bench/run-alias.ts`).
 *
 * The default run takes about twelve minutes on two shared cores; `--sweep` adds staleness bounds of 5 and 10 s to
 * the hit-ratio runs (0, the default and 30 s always run; `--hit-ratio-variants` replaces them with
 * `updates/s:CACHE_STALE_MAX_MS:CACHE_REFRESH_AFTER_MS[:connections[:CACHE_REFRESH_AHEAD_PER_S[:offered req/s]]]`), larger `--catalog`, `--distinct`, `--indexer-count` make the big runs, and `--million` adds the
 * search side at a million products on a private stack (`bench/million-search.ts`, ~30 minutes more).
 */
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { cpus, loadavg, totalmem } from 'node:os';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { CommonEnv, familiesAlias, loadConfig } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { runMain } from '@catalog/contract/process';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { SearchApiEnv } from '../search-api/src/config';
import { analyticsIndexName } from '../search-api/src/es/analytics-store';
import { apiOverheadSection, measureApiOverhead } from './api-overhead';
import { indexGeneratedCatalog, startProcess } from './bench-support';
import { cacheHitSection, measureCacheHit } from './cache-hit';
import { hitRatioSection, measureHitRatio, parseHitRatioPlan, type HitRatioSetting, type HitRatioVariant } from './hit-ratio';
import { indexerSection, parseIndexerBench } from './indexer-report';
import { measureMillion, millionSection } from './million-search';
import { groupingCostSection, measureGroupingCost } from './grouping-cost';
import { measureQueryCost, QUERIES_TSV, queryCostSection } from './query-cost';
import { renderReport, withReadmeSummary, type RunInfo, type Section } from './report';
import { asSection, mergeSections, readStoredSections, SECTION_KEYS, storedReportJson, type SectionKey } from './report-store';
import { aliasNotice, runAlias } from './run-alias';
import { distinctQueries, loadQueries } from './search-catalog';
import { freePort } from '../test/integration/helpers';

const DEFAULT_SECTIONS = SECTION_KEYS.filter((s) => s !== 'million');

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string', default: '100000' },
    alias: { type: 'string' },
    only: { type: 'string', default: DEFAULT_SECTIONS.join(',') },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    seconds: { type: 'string', default: '5' },
    rounds: { type: 'string', default: '5' },
    connections: { type: 'string', default: '16' },
    distinct: { type: 'string', default: '300' },
    concurrency: { type: 'string', default: '4' },
    draws: { type: 'string', default: '200' },
    'grouping-draws': { type: 'string', default: '100' },
    reps: { type: 'string', default: '3' },
    warmup: { type: 'string', default: '30' },
    measure: { type: 'string', default: '30' },
    sweep: { type: 'boolean', default: false },
    'hit-ratio-variants': { type: 'string' },
    'indexer-count': { type: 'string', default: '20000' },
    million: { type: 'boolean', default: false },
    'million-count': { type: 'string', default: '1000000' },
    'es-heap-mb': { type: 'string', default: '2048' },
    'no-readme': { type: 'boolean', default: false },
    out: { type: 'string', default: fileURLToPath(new URL('./REPORT.md', import.meta.url)) },
  },
});

const env = await runMain('bench', () => loadConfig(CommonEnv, process.env));
const defaults = SearchApiEnv.parse({});
const only = new Set([...args.only.split(',').map((s) => s.trim()), ...(args.million ? ['million'] : [])]);
for (const name of only) if (!SECTION_KEYS.some((k) => k === name)) throw new Error(`--only: unknown benchmark ${name} (known: ${SECTION_KEYS.join(', ')})`);
const want = (name: SectionKey) => only.has(name);
const n = (name: keyof typeof args) => Number(args[name]);
const catalog = n('catalog');
// Its own alias per run unless `--alias` names one (`--reuse` needs it): see run-alias.ts.
const alias = await runMain('bench', () => runAlias({ prefix: 'bench-report', count: catalog, alias: args.alias, reuse: args.reuse }), { stack: false });
// A reused catalog stays for the next --reuse (as in `npm run relevance`).
const keep = args.keep || args.reuse;
console.log(aliasNotice(alias, { keep }));
const es = createElasticsearchClient(env, { requestTimeoutMs: 120_000 });
const git = (...a: string[]) => execFileSync('git', a, { encoding: 'utf8' }).trim();
const started = new Date();
const loadStart = loadavg();
/** The sections this run measured; the report keeps the others from `report.json` (see report-store). */
const fresh: { key: SectionKey; section: Section }[] = [];
const add = (key: SectionKey, section: Section) => void fresh.push({ key, section });

/** A search-api on a free port for `indexAlias` (rate limit off: one load generator is one client). */
async function startApi(indexAlias: string, extra: Record<string, string>) {
  const port = await freePort();
  const child = await startProcess('search-api', 'search-api/src/main.ts', port, { INDEX_ALIAS: indexAlias, RATE_LIMIT_ENABLED: 'false', ...extra });
  return { url: `http://127.0.0.1:${port}`, pid: child.pid, stop: () => void child.kill('SIGTERM') };
}

/** Another alias on the bench index (and its families): its own cache keys and generation, the same documents. */
async function extraAlias(name: string): Promise<() => Promise<void>> {
  const pairs = [
    { of: alias, name },
    { of: familiesAlias(alias), name: familiesAlias(name) },
  ];
  const added: { index: string; alias: string }[] = [];
  for (const p of pairs) {
    const [index] = Object.keys(await es.indices.getAlias({ name: p.of }));
    if (!index) throw new Error(`no index behind ${p.of}`);
    added.push({ index, alias: p.name });
  }
  await es.indices.updateAliases({ actions: added.map((a) => ({ add: { ...a, is_write_index: true } })) });
  return async () => {
    for (const a of added) await es.indices.deleteAlias({ index: a.index, name: a.alias }, { ignore: [404] });
    await es.indices.delete({ index: analyticsIndexName(name) }, { ignore: [404] });
  };
}

function runIndexerBench(count: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'bench/indexer-bench.ts', '--count', String(count), '--seconds', '10', '--rate', '50'], { stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (d: Buffer) => {
      out += d.toString();
      process.stdout.write(d);
    });
    child.on('exit', (code) => (code === 0 ? resolve(out) : reject(new Error(`indexer-bench exited with ${code}`))));
  });
}

const queries = loadQueries(QUERIES_TSV);
// `GET /` is not served by the local core-only build: the nodes API names the version.
const elasticsearchVersion = [...new Set(Object.values((await es.nodes.info({ filter_path: 'nodes.*.version' })).nodes ?? {}).map((node) => node.version))].join(', ');
try {
  if (SECTION_KEYS.some((s) => s !== 'indexer' && s !== 'million' && want(s))) {
    const seeded = await indexGeneratedCatalog(es, alias, { count: catalog, reuse: args.reuse });
    console.log(seeded.reused ? `reusing ${alias}` : `seeded ${alias}: ${catalog} products in ${seeded.seconds.toFixed(0)} s`);
  }

  if (want('query-cost')) {
    console.log('\n== query cost (goal 1)');
    const r = await measureQueryCost({ es, alias, draws: n('draws'), reps: n('reps') });
    add('query-cost', queryCostSection(r, catalog));
  }

  if (want('grouping-cost')) {
    console.log('\n== cost of grouping (issue 17)');
    add('grouping-cost', groupingCostSection(await measureGroupingCost({ es, alias, draws: n('grouping-draws'), reps: n('reps') })));
  }

  if (want('cache-hit')) {
    console.log('\n== cache hit vs /healthz (goal 2)');
    const name = `${alias}-hit`;
    const drop = await extraAlias(name);
    const api = await startApi(name, {});
    try {
      const o = { path: '/v1/products/search?q=laptop', connections: n('connections'), seconds: n('seconds'), rounds: n('rounds') };
      add('cache-hit', cacheHitSection(await measureCacheHit({ apiUrl: api.url, apiPid: api.pid, ...o }), o));
    } finally {
      api.stop();
      await drop();
    }
  }

  if (want('hit-ratio')) {
    console.log('\n== hit ratio under a change stream (goal 3)');
    const base = defaults.CACHE_STALE_MAX_MS;
    const refreshAfter = defaults.CACHE_REFRESH_AFTER_MS;
    // What the freshness bound costs: no bound (a MISS after every bump), the default without and with background refresh,
    // and 30 s; --sweep adds 5 and 10 s. Background refresh off = refresh age at the bound.
    const bounds = [0, base, ...(args.sweep ? [5_000, 10_000] : []), 30_000];
    const ahead = defaults.CACHE_REFRESH_AHEAD_PER_S;
    const connections = n('connections');
    const plan: HitRatioSetting[] = args['hit-ratio-variants']
      ? parseHitRatioPlan(args['hit-ratio-variants'], connections)
      : [[0, base, refreshAfter], ...bounds.map((ms) => [50, ms, ms] as const), [50, base, refreshAfter]].map(([u, st, r]) => ({
          updatesPerSecond: u,
          staleMaxMs: st,
          refreshAfterMs: r,
          connections,
          aheadPerSecond: ahead,
          rate: 0,
        }));
    const variants: HitRatioVariant[] = [];
    for (const setting of plan) {
      const { updatesPerSecond, staleMaxMs, refreshAfterMs, aheadPerSecond } = setting;
      const name = `${alias}-hr-${updatesPerSecond}-${staleMaxMs}-${refreshAfterMs}-${setting.connections}-${aheadPerSecond}-${setting.rate}`;
      const drop = await extraAlias(name);
      const api = await startApi(name, {
        ANALYTICS_ENABLED: 'false',
        CACHE_STALE_MAX_MS: String(staleMaxMs),
        CACHE_REFRESH_AFTER_MS: String(refreshAfterMs),
        CACHE_REFRESH_AHEAD_PER_S: String(aheadPerSecond),
      });
      try {
        const result = await measureHitRatio({
          es,
          alias: name,
          apiUrl: api.url,
          memcachedServers: env.MEMCACHED_SERVERS,
          queries,
          catalogSize: catalog,
          connections: setting.connections,
          rate: setting.rate,
          updatesPerSecond,
          warmupSeconds: n('warmup'),
          seconds: n('measure'),
        });
        const observed = result.staleness.length ? `, staleness max ${Math.max(...result.staleness)} ms of ${result.staleness.length}` : '';
        console.log(
          `  ${setting.connections} connections${setting.rate > 0 ? ` at ${setting.rate} req/s` : ''}, ${updatesPerSecond} updates/s, stale ≤ ${staleMaxMs} ms, refresh after ${refreshAfterMs} ms, ahead ≤ ${aheadPerSecond}/s: hit ratio ${result.hitRatio.toFixed(3)}, ${result.rps.toFixed(0)} req/s, p50 ${result.p50} / p99 ${result.p99} ms, ES ${result.esQueriesPerSecond.toFixed(1)} queries/s (ahead ${result.aheadSearchesPerSecond.toFixed(1)}), ${result.failed} failed${observed}`,
        );
        variants.push({ ...setting, result });
      } finally {
        api.stop();
        await drop();
      }
    }
    add('hit-ratio', hitRatioSection(variants, { defaults: { staleMaxMs: base, refreshAfterMs: refreshAfter, aheadPerSecond: ahead }, connections, warmupSeconds: n('warmup'), seconds: n('measure'), catalog, popularities: queries.map((q) => q.popularity) }));
  }

  if (want('api-overhead')) {
    console.log('\n== uncached API vs raw _search (goal 4)');
    const picked = distinctQueries(queries, n('distinct') + 30, mulberry32(11));
    const r = await measureApiOverhead({
      esUrl: env.ELASTICSEARCH_URL,
      alias,
      queries: picked.slice(0, n('distinct')),
      warmup: picked.slice(n('distinct')),
      concurrency: n('concurrency'),
      startApi: (esUrl) => startApi(alias, { ELASTICSEARCH_URL: esUrl, CACHE_ENABLED: 'false', ANALYTICS_ENABLED: 'false' }),
    });
    add('api-overhead', apiOverheadSection(r));
  }

  if (want('million')) {
    console.log('\n== a million products (goal 5), private stack');
    const o = { count: n('million-count'), esHeapMb: n('es-heap-mb'), distinct: n('distinct'), concurrency: n('concurrency'), connections: n('connections'), seconds: 20, queriesTsv: QUERIES_TSV };
    add('million', millionSection(await measureMillion(o), o));
  }

  if (want('indexer')) {
    console.log('\n== indexer vs helpers.bulk (goal 6)');
    add('indexer', indexerSection(parseIndexerBench(await runIndexerBench(n('indexer-count')))));
  }
} finally {
  if (!keep) await deleteProductIndices(es, alias);
  await es.close();
}

const run: RunInfo = {
  startedAt: started.toISOString(),
  seconds: (Date.now() - started.getTime()) / 1000,
  commit: git('rev-parse', '--short', 'HEAD'),
  dirty: git('status', '--porcelain', '--untracked-files=no') !== '',
  machine: {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadStart,
    loadEnd: loadavg(),
    node: process.version,
    elasticsearch: elasticsearchVersion,
  },
  command: `npm run bench${process.argv.length > 2 ? ` -- ${process.argv.slice(2).join(' ')}` : ''}`,
};
const measuredBy = { startedAt: run.startedAt, commit: run.commit, dirty: run.dirty, command: run.command, loadStart: run.machine.loadStart, loadEnd: run.machine.loadEnd };
// The stored sections live in `report.json` beside the report (what report-store and the README name).
const storePath = join(dirname(args.out), 'report.json');
const stored = mergeSections(readStoredSections(storePath), fresh.map(({ key, section }) => ({ key, ...section, measuredBy })));
const sections = stored.map((s) => asSection(s, run.startedAt));
mkdirSync(dirname(storePath), { recursive: true });
writeFileSync(storePath, storedReportJson(stored));
writeFileSync(args.out, renderReport(run, sections));
console.log(`\nwrote ${args.out}`);
if (!args['no-readme']) {
  const readmePath = fileURLToPath(new URL('../README.md', import.meta.url));
  const readme = readFileSync(readmePath, 'utf8');
  const updated = withReadmeSummary(readme, run, sections);
  if (updated !== readme) {
    writeFileSync(readmePath, updated);
    console.log('updated the README benchmark table');
  }
}
