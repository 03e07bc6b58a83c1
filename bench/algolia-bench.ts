/**
 * The Algolia protocol against its peer, in one run: our search-api (the Algolia multi-query endpoint, cache off) and
 * `@searchkit/api` 4.14 (`bench/searchkit-server.ts`) on the same generated catalog, driven by the real
 * algoliasearch-helper through the same UI sessions (open, type, refine two brands, drill two category levels,
 * price range, page 2, sort, facet search). Both reach Elasticsearch through one counting proxy, so the
 * requests and searches per interaction are measured on the wire the same way for both.
 *
 *   npx tsx bench/algolia-bench.ts --catalog 30000 --sessions 40
 */
import type { ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { algoliasearch } from 'algoliasearch';
import algoliasearchHelper, { type SearchParameters, type SearchResults } from 'algoliasearch-helper';
import { CommonEnv, familiesAlias, loadConfig } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { runMain } from '@catalog/contract/process';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { startCountingProxy, type SearchCount } from './es-counting-proxy';
import { indexGeneratedCatalog, startProcess } from './bench-support';
import { loadQueries, weightedSample } from './search-catalog';

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string', default: '30000' },
    sessions: { type: 'string', default: '40' },
    queries: { type: 'string', default: fileURLToPath(new URL('../data/queries-bestbuy.tsv', import.meta.url)) },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const catalogSize = Number(args.catalog);
const env = await runMain('algolia-bench', () => loadConfig(CommonEnv, process.env));
const esUrl = env.ELASTICSEARCH_URL;
const alias = `bench-algolia-${catalogSize}`;
const es = createElasticsearchClient(env, { requestTimeoutMs: 120_000 });

/** What @searchkit/instantsearch-client does: post the helper's `[{ indexName, params }]` to the app's endpoint. */
function searchkitClient(url: string) {
  const post = async (queries: unknown) => {
    const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(queries) });
    if (!res.ok) throw new Error(`searchkit answered ${res.status}`);
    return (await res.json()) as { results: unknown[] };
  };
  return { search: post, searchForFacetValues: async (queries: unknown) => (await post(queries)).results };
}

type HelperClient = Parameters<typeof algoliasearchHelper>[0];
type Step = { name: string; state: SearchParameters; facetSearch?: { facet: string; query: string } };
type Sample = { ms: number; requests: number; searches: number; nbHits?: number; exhaustive?: boolean };
const INTERACTIONS = ['open', 'type', 'brand', 'brand 2', 'category', 'category 2', 'price range', 'page 2', 'sort', 'facet search'];

/** One UI session as InstantSearch widgets would drive it, refinements picked from the previous results. */
async function planSession(client: HelperClient, query: string): Promise<Step[]> {
  const helper = algoliasearchHelper(client, alias, {
    disjunctiveFacets: ['brand', 'price'],
    hierarchicalFacets: [{ name: 'categories', attributes: ['categories.lvl0', 'categories.lvl1', 'categories.lvl2'] }],
    hitsPerPage: 20,
    maxValuesPerFacet: 10,
    highlightPreTag: '__ais-highlight__',
    highlightPostTag: '__/ais-highlight__',
  });
  const steps: Step[] = [];
  const run = async (name: string): Promise<SearchResults> => {
    steps.push({ name, state: helper.state });
    return (await helper.searchOnce({})).content;
  };
  await run('open');
  helper.setQuery(query);
  let r = await run('type');
  const brands = (r.getFacetValues('brand', { sortBy: ['count:desc'] }) as { name: string }[]).map((b) => b.name);
  if (brands[0]) {
    helper.addDisjunctiveFacetRefinement('brand', brands[0]);
    r = await run('brand');
  }
  if (brands[1]) {
    helper.addDisjunctiveFacetRefinement('brand', brands[1]);
    r = await run('brand 2');
  }
  type Node = { path: string; data: Node[] | null };
  const top = (r.getFacetValues('categories', {}) as Node).data?.[0];
  if (top) {
    helper.toggleFacetRefinement('categories', top.path);
    r = await run('category');
  }
  const child = ((r.getFacetValues('categories', {}) as Node).data ?? []).find((n) => n.path === top?.path)?.data?.[0];
  if (child) {
    helper.toggleFacetRefinement('categories', child.path);
    r = await run('category 2');
  }
  const stats = r.getFacetStats('price') as { min: number; avg: number } | undefined;
  if (stats) {
    helper.addNumericRefinement('price', '>=', Math.floor(stats.min)).addNumericRefinement('price', '<=', Math.ceil(stats.avg));
    await run('price range');
  }
  helper.setPage(1);
  await run('page 2');
  helper.setIndex(`${alias}_price_asc`).setPage(0);
  await run('sort');
  if (brands[0]) steps.push({ name: 'facet search', state: helper.state, facetSearch: { facet: 'brand', query: brands[0].slice(0, 2).toLowerCase() } });
  return steps;
}

async function measure(client: HelperClient, step: Step, count: SearchCount): Promise<Sample> {
  const before = { ...count };
  const helper = algoliasearchHelper(client, step.state.index, step.state);
  const started = performance.now();
  let content: SearchResults | undefined;
  if (step.facetSearch) await helper.searchForFacetValues(step.facetSearch.facet, step.facetSearch.query, 10);
  else content = (await helper.searchOnce({})).content;
  const ms = performance.now() - started;
  return { ms, requests: count.requests - before.requests, searches: count.searches - before.searches, nbHits: content?.nbHits, exhaustive: content?.exhaustiveNbHits };
}

const percentile = (xs: number[], p: number) => {
  const sorted = [...xs].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;
};
const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);

await indexGeneratedCatalog(es, alias, { count: catalogSize, reuse: args.reuse });
const proxy = await startCountingProxy(esUrl, [alias, familiesAlias(alias)]);
const procs: ChildProcess[] = [];
try {
  const env = { INDEX_ALIAS: alias, ELASTICSEARCH_URL: proxy.url };
  procs.push(
    await startProcess('search-api', 'search-api/src/main.ts', 3921, { ...env, ALGOLIA_INDEX_NAME: alias, CACHE_ENABLED: 'false', ANALYTICS_ENABLED: 'false', RATE_LIMIT_ENABLED: 'false' }),
    await startProcess('searchkit', 'bench/searchkit-server.ts', 3922, env),
  );
  const ours = algoliasearch('bench', 'bench', { hosts: [{ url: '127.0.0.1', port: 3921, protocol: 'http', accept: 'readWrite' }] });
  // A structural stand-in for the client type the helper declares (it only calls `search` / `searchForFacetValues`).
  const peer = searchkitClient('http://127.0.0.1:3922/search') as unknown as HelperClient;
  const queries = weightedSample(loadQueries(args.queries), (q) => q.popularity, Number(args.sessions), mulberry32(11)).map((q) => q.query);
  const samples: Record<'ours' | 'searchkit', Record<string, Sample[]>> = { ours: {}, searchkit: {} };
  // nbHits that differ: Searchkit's 10 000 cap (while it claims exhaustiveNbHits), or a different text match.
  const capped: string[] = [];
  const textDiffers: string[] = [];
  for (const [s, query] of queries.entries()) {
    const steps = await planSession(ours, query);
    for (const [i, step] of steps.entries()) {
      // Alternate who goes first so that neither always meets the warmer Elasticsearch caches.
      const order: ('ours' | 'searchkit')[] = (s + i) % 2 === 0 ? ['ours', 'searchkit'] : ['searchkit', 'ours'];
      const got: Partial<Record<'ours' | 'searchkit', Sample>> = {};
      for (const who of order) got[who] = await measure(who === 'ours' ? ours : peer, step, proxy.count);
      for (const who of order) (samples[who][step.name] ??= []).push(got[who] as Sample);
      const [a, b] = [got.ours?.nbHits, got.searchkit?.nbHits];
      const line = `${query} / ${step.name}: ours ${a}, searchkit ${b} (exhaustiveNbHits ${got.searchkit?.exhaustive})`;
      if (a !== undefined && b === 10_000 && a > b) capped.push(line);
      else if (a !== b) textDiffers.push(line);
    }
  }
  console.log(`\ncatalog ${catalogSize} products, ${queries.length} sessions (Best Buy query mix), one client, cache off`);
  console.table(
    INTERACTIONS.filter((n) => samples.ours[n]).map((n) => {
      const o = samples.ours[n] ?? [];
      const k = samples.searchkit[n] ?? [];
      return {
        interaction: n,
        n: o.length,
        'ES req ours': mean(o.map((x) => x.requests)).toFixed(2),
        'ES req searchkit': mean(k.map((x) => x.requests)).toFixed(2),
        'searches ours': mean(o.map((x) => x.searches)).toFixed(2),
        'searches searchkit': mean(k.map((x) => x.searches)).toFixed(2),
        'p50 ours': percentile(o.map((x) => x.ms), 50).toFixed(1),
        'p50 searchkit': percentile(k.map((x) => x.ms), 50).toFixed(1),
        'p99 ours': percentile(o.map((x) => x.ms), 99).toFixed(1),
        'p99 searchkit': percentile(k.map((x) => x.ms), 99).toFixed(1),
      };
    }),
  );
  const open = { ours: samples.ours.open?.[0]?.nbHits, searchkit: samples.searchkit.open?.[0]?.nbHits };
  console.log(`empty browse nbHits: ours ${open.ours}, searchkit ${open.searchkit} (catalog ${catalogSize})`);
  const compared = Object.values(samples.ours).flat().filter((x) => x.nbHits !== undefined).length;
  console.log(`nbHits capped at 10 000 by searchkit: ${capped.length} of ${compared} interactions, e.g. ${capped[0] ?? '-'}`);
  console.log(`nbHits differing otherwise (text matching: searchkit's multi_match vs our relevance): ${textDiffers.length}`);
  for (const m of textDiffers.slice(0, 5)) console.log(`  ${m}`);
} finally {
  for (const p of procs) p.kill('SIGTERM');
  await proxy.close();
  if (!args.keep) await deleteProductIndices(es, alias);
}
