/**
 * Worst allowed search requests: what the search API costs at its documented limits (SEARCH_LIMITS), on a
 * realistic catalog, end to end (a search-api process, cache and analytics off) and in Elasticsearch (`took`).
 * The hostile requests of issue 12 are sent too and must be 400s. One run, numbers printed.
 *
 *   npx tsx bench/search-worst-case.ts --catalog 50000 [--reuse] [--keep] [--rounds 5]
 */
import { parseArgs } from 'node:util';
import {
  AutocompleteParams,
  CATEGORY_SEPARATOR,
  CommonEnv,
  SEARCH_LIMITS as L,
  SearchQuery,
  categoryPaths,
  familiesAlias,
  loadConfig,
  toSearchParams,
  type Product,
} from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { runMain } from '@catalog/contract/process';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { generateCatalog } from '../inventory-simulator/src/catalog/generator';
import { buildAutocompleteRequest } from '../search-api/src/autocomplete/build-autocomplete-request';
import { buildSearchRequest, searchTarget } from '../search-api/src/search/build-search-request';
import { freePort } from '../test/integration/helpers';
import { indexGeneratedCatalog, startProcess } from './bench-support';

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string', default: '50000' },
    rounds: { type: 'string', default: '5' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});
const catalogSize = Number(args.catalog);
const rounds = Number(args.rounds);
const env = await runMain('search-worst-case', () => loadConfig(CommonEnv, process.env));
const alias = `bench-worst-${catalogSize}`;
const es = createElasticsearchClient(env, { requestTimeoutMs: 120_000 });
/** The same products `indexGeneratedCatalog` indexes (seed 42), to pick real values from. */
const products = [...generateCatalog({ seed: 42, count: catalogSize })];

/** Most frequent values first: real values make Elasticsearch do real work (filters match, facets fill). */
function byFrequency(values: Iterable<string>): string[] {
  const counts = new Map<string, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1]).map(([v]) => v);
}
const brands = byFrequency(products.map((p) => p.brand));
const deepest = byFrequency(products.map((p: Product) => categoryPaths(p.categories).at(-1) ?? ''));
const attributes = byFrequency(products.flatMap((p) => Object.entries(p.attributes ?? {}).map(([k, v]) => `${k}=${v}`)));
const words = byFrequency(products.flatMap((p) => p.title.toLowerCase().split(/[^a-z0-9]+/).filter((w) => w.length > 2)));
const attrNames = [...new Set(attributes.map((a) => a.split('=')[0] ?? ''))].slice(0, L.attrNames);
const attrValue = (name: string) => attributes.find((a) => a.startsWith(`${name}=`))?.slice(name.length + 1) ?? 'x';
const wide = (n: number, seed: number) => Array.from({ length: n }, (_, i) => String.fromCharCode(0x4e00 + ((seed * 131 + i * 7) % 20_000))).join('');
const qs = (pairs: [string, string][]) => new URLSearchParams(pairs).toString();

const maxText = words.slice(0, L.queryTerms).join(' ').slice(0, L.queryLength).trim();
const realFilters: [string, string][] = [
  ...brands.slice(0, L.brandValues).map((b): [string, string] => ['brand', b]),
  ...deepest.slice(0, L.categoryValues).map((c): [string, string] => ['category', c]),
  ...attrNames.map((n): [string, string] => [`attr.${n}`, attrValue(n)]),
];
/** Longest values the limits allow, 3-byte characters: the largest body Elasticsearch can be sent. */
const widest: [string, string][] = [
  ...Array.from({ length: L.categoryValues }, (_, i): [string, string] => ['category', Array.from({ length: L.categoryDepth }, (__, d) => wide(100, i * 10 + d)).join(CATEGORY_SEPARATOR)]),
  ...Array.from({ length: L.filterValues - L.categoryValues }, (_, i): [string, string] => [`attr.n${i % L.attrNames}_${'x'.repeat(36)}`, wide(100, 500 + i)]),
];

const ALLOWED: [string, string][] = [
  ['text: 32 frequent words, 100 per page', `/v1/products/search?${qs([['q', maxText], ['per_page', '100']])}`],
  ['filters: 30 brands, 10 categories, 10 attributes, browse, 100 per page', `/v1/products/search?${qs([...realFilters, ['per_page', '100']])}`],
  ['text + every filter, 100 per page', `/v1/products/search?${qs([['q', maxText], ...realFilters, ['per_page', '100']])}`],
  ['text + every filter, last page (page 100 × 100)', `/v1/products/search?${qs([['q', maxText], ...realFilters, ['per_page', '100'], ['page', '100']])}`],
  ['widest body: 50 values of 100 3-byte characters + 32 ideographs', `/v1/products/search?${qs([['q', wide(L.queryTerms, 3)], ...widest])}`],
  ['autocomplete: 200 characters, 20 suggestions', `/v1/products/autocomplete?${qs([['q', maxText], ['limit', '20']])}`],
];
const many = (n: number, f: (i: number) => [string, string]) => Array.from({ length: n }, (_, i) => f(i));
const HOSTILE: [string, string][] = [
  ['1,000 distinct attr.<name>', `/v1/products/search?${qs(many(1000, (i) => [`attr.a${i}`, 'x']))}`],
  ['200 distinct attr.<name>', `/v1/products/search?${qs(many(200, (i) => [`attr.a${i}`, 'x']))}`],
  ['20 deep 300-character categories', `/v1/products/search?${qs(many(20, (i) => ['category', Array.from({ length: 75 }, () => String(i % 10)).join(CATEGORY_SEPARATOR).slice(0, 300)]))}`],
];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;

/** The request the API sends Elasticsearch for `path` (same builders, its index), or undefined when the API refuses it. */
function esBody(path: string): object | undefined {
  const url = new URL(path, 'http://x');
  const grouped = new Map<string, string[]>();
  for (const [k, v] of url.searchParams) grouped.set(k, [...(grouped.get(k) ?? []), v]);
  const query = Object.fromEntries([...grouped].map(([k, v]) => [k, v.length === 1 ? v[0] : v]));
  if (url.pathname.endsWith('/autocomplete')) {
    const p = AutocompleteParams.safeParse(query);
    return p.success ? buildAutocompleteRequest(p.data.q, p.data.limit) : undefined;
  }
  const p = SearchQuery.safeParse(query);
  if (!p.success) return undefined;
  // The index the API searches: the families when grouped (the default, issue 17).
  const params = toSearchParams(p.data);
  return { ...buildSearchRequest(params), index: searchTarget(params) === 'families' ? familiesAlias(alias) : alias };
}

await indexGeneratedCatalog(es, alias, { count: catalogSize, reuse: args.reuse });
const port = await freePort();
const api = await startProcess('search-api', 'search-api/src/main.ts', port, {
  INDEX_ALIAS: alias,
  CACHE_ENABLED: 'false',
  ANALYTICS_ENABLED: 'false',
  INSIGHTS_ENABLED: 'false',
  RATE_LIMIT_ENABLED: 'false',
});
try {
  console.log(`\n${'request'.padEnd(66)} status   URL B  ES body B  API ms: first  median    max  ES took ms: median    max`);
  for (const [name, path] of [...ALLOWED, ...HOSTILE]) {
    const walls: number[] = [];
    const tooks: number[] = [];
    let status = 0;
    const body = esBody(path);
    for (let i = 0; i < rounds; i++) {
      const started = performance.now();
      const res = await fetch(`http://127.0.0.1:${port}${path}`);
      await res.arrayBuffer();
      walls.push(performance.now() - started);
      status = res.status;
      if (body) tooks.push((await es.search({ index: alias, ...body })).took);
    }
    const n = (x: number | undefined, w: number) => (x === undefined ? '-' : x.toFixed(0)).padStart(w);
    const bytes = body ? Buffer.byteLength(JSON.stringify(body)) : undefined;
    const took = tooks.length > 0 ? [median(tooks), Math.max(...tooks)] : [undefined, undefined];
    console.log([name.padEnd(66), String(status).padEnd(6), n(path.length, 7), n(bytes, 10), n(walls[0], 14), n(median(walls), 7), n(Math.max(...walls), 6), n(took[0], 19), n(took[1], 6)].join(' '));
  }
} finally {
  api.kill('SIGTERM');
  if (!args.keep) await deleteProductIndices(es, alias);
  await es.close();
}
