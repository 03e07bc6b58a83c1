/**
 * Uncached search API against raw Elasticsearch for the same distinct queries (issue 18 goal 4). Every query of the
 * stream is different, so nothing is coalesced or cached. First each query goes once through a search-api whose
 * Elasticsearch is behind a recording proxy: that gives the exact requests the API sends for it (the as-typed search,
 * and the typo pass when thin). Then, at the same concurrency, workers take the queries in turn and send each both
 * ways, alternating which goes first: `GET /v1/products/search` to a search-api without cache, and its recorded
 * requests straight to Elasticsearch, one after the other, as the API does.
 */
import { quantile } from './bench-stats';
import { startCountingProxy, type RecordedSearch } from './es-counting-proxy';
import { num, table, type Section } from './report';

export type ApiOverheadOptions = {
  esUrl: string;
  alias: string;
  queries: string[];
  /** Other queries sent to the measured search-api first (its JIT warm), not measured. */
  warmup: string[];
  concurrency: number;
  /** Sees the API side's latency of every query (ms, in query order). */
  onApiLatencies?: (ms: number[]) => void;
  /** Starts a search-api without cache or analytics on Elasticsearch at `esUrl`; resolves to its base URL and a stop. */
  startApi: (esUrl: string) => Promise<{ url: string; stop: () => void }>;
};

export type Latencies = { p50: number; p90: number; mean: number };
export type ApiOverheadResult = {
  queries: number;
  concurrency: number;
  /** Queries whose as-typed answer was thin (the API sent the typo pass too). */
  twoPass: number;
  api: Latencies;
  raw: Latencies;
  ratioMean: number;
  ratioP50: number;
  /** Median over the queries of (API time / raw time) for that query. */
  ratioPerQuery: number;
};

const summary = (xs: number[]): Latencies => ({ p50: quantile(xs, 0.5), p90: quantile(xs, 0.9), mean: xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1) });

async function timed(fn: () => Promise<void>): Promise<number> {
  const started = performance.now();
  await fn();
  return performance.now() - started;
}

async function mustOk(res: Response, what: string): Promise<void> {
  const text = await res.text();
  if (!res.ok) throw new Error(`${what} answered ${res.status}: ${text.slice(0, 200)}`);
}

/** The Elasticsearch requests the search API sends for each query (sequentially, so each request belongs to one query). */
async function record(o: ApiOverheadOptions): Promise<RecordedSearch[][]> {
  let current: RecordedSearch[] = [];
  const proxy = await startCountingProxy(o.esUrl, o.alias, (r) => current.push(r));
  const api = await o.startApi(proxy.url);
  try {
    const out: RecordedSearch[][] = [];
    for (const q of o.queries) {
      current = [];
      await mustOk(await fetch(`${api.url}/v1/products/search?q=${encodeURIComponent(q)}`), `search "${q}"`);
      out.push(current);
    }
    return out;
  } finally {
    api.stop();
    await proxy.close();
  }
}

export async function measureApiOverhead(o: ApiOverheadOptions): Promise<ApiOverheadResult> {
  const recorded = await record(o);
  const api = await o.startApi(o.esUrl);
  const apiMs: number[] = [];
  const rawMs: number[] = [];
  try {
    for (const q of o.warmup) await mustOk(await fetch(`${api.url}/v1/products/search?q=${encodeURIComponent(q)}`), `warm-up search "${q}"`);
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < o.queries.length; i = next++) {
        const q = o.queries[i] ?? '';
        const viaApi = () => timed(async () => mustOk(await fetch(`${api.url}/v1/products/search?q=${encodeURIComponent(q)}`), `search "${q}"`));
        const raw = () =>
          timed(async () => {
            for (const r of recorded[i] ?? []) {
              await mustOk(await fetch(`${o.esUrl}${r.path}`, { method: r.method, body: r.body, headers: { 'content-type': 'application/json' } }), 'raw _search');
            }
          });
        if (i % 2 === 0) {
          apiMs[i] = await viaApi();
          rawMs[i] = await raw();
        } else {
          rawMs[i] = await raw();
          apiMs[i] = await viaApi();
        }
      }
    };
    await Promise.all(Array.from({ length: o.concurrency }, worker));
  } finally {
    api.stop();
  }
  o.onApiLatencies?.(apiMs);
  const a = summary(apiMs);
  const r = summary(rawMs);
  return {
    queries: o.queries.length,
    concurrency: o.concurrency,
    twoPass: recorded.filter((x) => x.length > 1).length,
    api: a,
    raw: r,
    ratioMean: a.mean / Math.max(r.mean, 1e-9),
    ratioP50: a.p50 / Math.max(r.p50, 1e-9),
    ratioPerQuery: quantile(apiMs.map((x, i) => x / Math.max(rawMs[i] ?? 0, 1e-9)), 0.5),
  };
}

export function apiOverheadSection(r: ApiOverheadResult): Section {
  return {
    title: 'Uncached search API against raw Elasticsearch (goal 4)',
    summary: [
      {
        goal: '4',
        measure: `uncached API / raw \`_search\` of the same requests, ${r.queries} distinct queries, ${r.concurrency} concurrent (mean; p50; per query)`,
        value: `${num(r.ratioMean)}; ${num(r.ratioP50)}; ${num(r.ratioPerQuery)}`,
        target: '≤ 1.2',
        met: r.ratioMean <= 1.2,
      },
    ],
    body: [
      `Each query once, so nothing is coalesced or cached (search-api with \`CACHE_ENABLED=false\`, analytics off). The raw side replays the`,
      `requests the API sent for that query, recorded beforehand through a proxy: ${r.twoPass} of ${r.queries} queries were thin as typed and`,
      'needed the typo pass (two requests on both sides). Both sides are fetched by the same client, with gzip accepted, alternating which goes first.',
      '',
      table(
        ['side', 'p50 ms', 'p90 ms', 'mean ms'],
        [
          ['search-api, no cache', num(r.api.p50), num(r.api.p90), num(r.api.mean)],
          ['Elasticsearch, the same requests', num(r.raw.p50), num(r.raw.p90), num(r.raw.mean)],
        ],
      ),
    ].join('\n'),
  };
}
