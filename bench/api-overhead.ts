/**
 * Uncached search API against raw Elasticsearch for the same distinct queries (issue 18 goal 4). Every query of the
 * stream is different, so nothing is coalesced or cached. First each query goes once through a search-api whose
 * Elasticsearch is behind a recording proxy: that gives the exact requests the API sends for it (the as-typed search,
 * and the typo pass when thin). Then, at the same concurrency, workers take the queries in turn and send each both
 * ways, alternating which goes first: `GET /v1/products/search` to a search-api without cache, and its recorded
 * requests straight to Elasticsearch, one after the other, as the API does.
 */
import { familiesAlias } from '@catalog/contract';
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
  /** Queries left out because the API or Elasticsearch did not answer 2xx (e.g. past the search time limit). */
  failures: string[];
  api: Latencies;
  raw: Latencies;
  ratioMean: number;
  ratioP50: number;
  /** Median over the queries of (API time / raw time) for that query. */
  ratioPerQuery: number;
};

const summary = (xs: number[]): Latencies => ({ p50: quantile(xs, 0.5), p90: quantile(xs, 0.9), mean: xs.reduce((a, b) => a + b, 0) / Math.max(xs.length, 1) });

/** Latency of `fn` and whether every response it read was 2xx. */
async function timed(fn: () => Promise<boolean>): Promise<{ ms: number; ok: boolean }> {
  const started = performance.now();
  const ok = await fn();
  return { ms: performance.now() - started, ok };
}

/** Reads the whole answer; whether it was a 2xx. */
async function answered(res: Response | undefined): Promise<boolean> {
  await res?.arrayBuffer();
  return res?.ok ?? false;
}

const searchUrl = (base: string, q: string) => `${base}/v1/products/search?q=${encodeURIComponent(q)}`;

/**
 * The Elasticsearch requests the search API sends for each query (sequentially, so each request belongs to one
 * query); undefined for a query the API did not answer with a 2xx (it is left out of the comparison, and counted).
 */
async function record(o: ApiOverheadOptions): Promise<(RecordedSearch[] | undefined)[]> {
  let current: RecordedSearch[] = [];
  const proxy = await startCountingProxy(o.esUrl, [o.alias, familiesAlias(o.alias)], (r) => current.push(r));
  const api = await o.startApi(proxy.url);
  try {
    const out: (RecordedSearch[] | undefined)[] = [];
    for (const q of o.queries) {
      current = [];
      const ok = await answered(await fetch(searchUrl(api.url, q)).catch(() => undefined));
      // An answer without a recorded search would replay nothing (a raw side of ~0 ms): the proxy watches the wrong indices.
      if (ok && current.length === 0) throw new Error(`search-api answered ${JSON.stringify(q)} without a search the proxy recorded`);
      out.push(ok ? current : undefined);
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
  const failures: string[] = [];
  try {
    for (const q of o.warmup) await answered(await fetch(searchUrl(api.url, q)).catch(() => undefined));
    let next = 0;
    const worker = async () => {
      for (let i = next++; i < o.queries.length; i = next++) {
        const q = o.queries[i] ?? '';
        const requests = recorded[i];
        if (!requests) {
          failures.push(q);
          continue;
        }
        const viaApi = () => timed(async () => answered(await fetch(searchUrl(api.url, q)).catch(() => undefined)));
        const raw = () =>
          timed(async () => {
            for (const r of requests) {
              const res = await fetch(`${o.esUrl}${r.path}`, { method: r.method, body: r.body, headers: { 'content-type': 'application/json' } }).catch(() => undefined);
              if (!(await answered(res))) return false;
            }
            return true;
          });
        let a: { ms: number; ok: boolean };
        let b: { ms: number; ok: boolean };
        if (i % 2 === 0) {
          a = await viaApi();
          b = await raw();
        } else {
          b = await raw();
          a = await viaApi();
        }
        if (!a.ok || !b.ok) {
          failures.push(q);
          continue;
        }
        apiMs.push(a.ms);
        rawMs.push(b.ms);
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
    twoPass: recorded.filter((x) => x !== undefined && x.length > 1).length,
    api: a,
    raw: r,
    ratioMean: a.mean / Math.max(r.mean, 1e-9),
    ratioP50: a.p50 / Math.max(r.p50, 1e-9),
    ratioPerQuery: quantile(apiMs.map((x, i) => x / Math.max(rawMs[i] ?? 0, 1e-9)), 0.5),
    failures,
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
      r.failures.length > 0 ? `${r.failures.length} queries did not answer 2xx and are left out: ${r.failures.slice(0, 5).map((q) => JSON.stringify(q)).join(', ')}.` : 'Every query answered 2xx.',
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
