/**
 * A cache hit against the HTTP floor (issue 18 goal 2): the same search-api process, the same concurrency,
 * `GET /v1/products/search?q=…` answered from Memcached versus `GET /healthz`, alternated over several rounds.
 */
import { request } from 'node:http';
import { alternate, load, type LoadOptions, type LoadResult } from './load';
import { num, table, type Section } from './report';

export type CacheHitOptions = { apiUrl: string; path: string; connections: number; seconds: number; rounds: number };
/** One kind of client against the floor: its hits and `/healthz`, alternated (the round with the median ratio). */
export type HitAgainstFloor = {
  hit: LoadResult;
  floor: LoadResult;
  /** Mean latency of a hit over that of `/healthz`. */
  ratio: number;
  ratios: number[];
  /** Bytes of one answer on the wire. */
  bytes: number;
};
export type CacheHitResult = {
  /** A client that does not ask for compression (autocannon's default; the goal's measure). */
  plain: HitAgainstFloor;
  /** A client that accepts gzip, as browsers and `fetch` do. */
  gzip: HitAgainstFloor;
  /** InstantSearch's request (the Algolia protocol multi-query of the storefront) from a browser: POST, gzip. */
  algolia: HitAgainstFloor;
  /** Share of the measured searches that the search-api counted as cache hits (should be 1). */
  hitShare: number;
};

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };
/** What InstantSearch posts for a search box with two refinement lists: one query (`text/plain`: no CORS preflight). */
const ALGOLIA_PATH = '/1/indexes/*/queries';
const algoliaBody = (q: string) =>
  JSON.stringify({ requests: [{ indexName: 'products', params: `query=${encodeURIComponent(q)}&hitsPerPage=20&facets=%5B%22brand%22%2C%22categories.lvl0%22%5D&page=0` }] });
const ALGOLIA_HEADERS = { ...GZIP, 'content-type': 'text/plain' };

/** `search_api_cache_requests_total{kind="search",outcome}` summed over outcomes. */
export async function cacheCounts(apiUrl: string): Promise<{ hit: number; all: number }> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  let hit = 0;
  let all = 0;
  for (const m of text.matchAll(/^search_api_cache_requests_total\{([^}]*)\} (\d+)/gm)) {
    const labels = m[1] ?? '';
    if (!labels.includes('kind="search"')) continue;
    all += Number(m[2]);
    if (labels.includes('outcome="hit"')) hit += Number(m[2]);
  }
  return { hit, all };
}

async function answerBytes(url: string, headers: Record<string, string>, body?: string): Promise<number> {
  // node:http, not fetch: the bytes as sent (fetch would decompress them).
  return new Promise((resolve, reject) => {
    request(url, { headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
    })
      .on('error', reject)
      .end(body);
  });
}

/** Requests until one is answered from the cache (admission stores a key on its second sighting). */
async function warmUntilHit(url: string, init: RequestInit): Promise<void> {
  let last: Response | undefined;
  for (let i = 0; i < 3; i++) {
    last = await fetch(url, init);
    await last.arrayBuffer();
  }
  if (last?.headers.get('x-cache') !== 'HIT') throw new Error(`${url} is not a cache hit after warm-up (X-Cache ${last?.headers.get('x-cache')})`);
}

export async function measureCacheHit(o: CacheHitOptions): Promise<CacheHitResult> {
  const url = `${o.apiUrl}${o.path}`;
  const algoliaUrl = `${o.apiUrl}${ALGOLIA_PATH}`;
  const q = new URL(url).searchParams.get('q') ?? '';
  await warmUntilHit(url, {});
  await warmUntilHit(algoliaUrl, { method: 'POST', headers: ALGOLIA_HEADERS, body: algoliaBody(q) });
  const runs = {
    plain: { url, connections: o.connections, seconds: o.seconds },
    gzip: { url, connections: o.connections, seconds: o.seconds, headers: GZIP },
    algolia: { url: algoliaUrl, connections: o.connections, seconds: o.seconds, headers: ALGOLIA_HEADERS, body: algoliaBody(q) },
    floor: { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: o.seconds },
  };
  // Warm the JIT of every path before anything counts.
  for (const r of Object.values(runs)) await load('warm-up', { ...r, seconds: 2 });
  const before = await cacheCounts(o.apiUrl);
  const against = async (name: string, run: LoadOptions): Promise<HitAgainstFloor> => {
    const { a: hit, b: floor, ratios } = await alternate(o.rounds, () => load(name, run), () => load('/healthz (HTTP floor)', runs.floor));
    return { hit, floor, ratio: hit.mean / Math.max(floor.mean, 1e-9), ratios, bytes: await answerBytes(run.url, run.headers ?? {}, run.body) };
  };
  const plain = await against('search, cache hit', runs.plain);
  const gzip = await against('search, cache hit, client accepts gzip', runs.gzip);
  const algolia = await against('Algolia multi-query, cache hit, client accepts gzip', runs.algolia);
  const after = await cacheCounts(o.apiUrl);
  return { plain, gzip, algolia, hitShare: (after.hit - before.hit) / Math.max(after.all - before.all, 1) };
}

export function cacheHitSection(r: CacheHitResult, o: Pick<CacheHitOptions, 'path' | 'connections' | 'seconds' | 'rounds'>): Section {
  const measure = (who: string) => `cache hit mean latency / \`GET /healthz\`, same process, ${o.connections} connections, ${who}`;
  const value = (x: HitAgainstFloor) => `${num(x.ratio)} (rounds ${x.ratios.map(num).join(', ')})`;
  return {
    title: 'A cache hit against the HTTP floor (goal 2)',
    summary: [
      { goal: '2', measure: measure('client without compression'), value: value(r.plain), target: '≤ 1.5', met: r.plain.ratio <= 1.5 },
      { goal: '2', measure: measure('client accepting gzip'), value: value(r.gzip), target: 'reported', met: undefined },
      { goal: '2', measure: measure('the storefront’s Algolia multi-query (POST, gzip)'), value: value(r.algolia), target: 'reported', met: undefined },
    ],
    body: [
      `\`GET ${o.path}\` and \`/healthz\` alternated ${o.rounds}× for ${o.seconds} s each with autocannon,`,
      'first by a client that asks for no compression, then by one that sends `Accept-Encoding: gzip, deflate, br` (browsers, `fetch`): its answers are',
      'the stored bytes deflated once per computation with the echo spliced in front (`search-api/src/search/gzip-splice.ts`). Then the same query as',
      `InstantSearch posts it (\`POST ${ALGOLIA_PATH}\`, one query with two facets, \`text/plain\`, gzip), the storefront's request, answered from its stored`,
      `results the same way (\`search-api/src/algolia/stored-results.ts\`). ${Math.round(r.hitShare * 1000) / 10} % of the measured searches were counted as hits. The round with the median ratio is shown.`,
      '',
      table(
        ['run', 'answer bytes', 'p50 ms', 'p99 ms', 'mean ms', 'req/s', 'failed'],
        [r.plain, r.gzip, r.algolia].flatMap((x) => [
          [x.hit.name, x.bytes.toLocaleString('en-US'), num(x.hit.p50), num(x.hit.p99), num(x.hit.mean), num(x.hit.rps), x.hit.failed],
          [x.floor.name, '', num(x.floor.p50), num(x.floor.p99), num(x.floor.mean), num(x.floor.rps), x.floor.failed],
        ]),
      ),
    ].join('\n'),
  };
}
