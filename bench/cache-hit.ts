/**
 * A cache hit against the HTTP floor (issue 18 goal 2): the same search-api process, the same concurrency,
 * `GET /v1/products/search?q=…` answered from Memcached versus `GET /healthz`, alternated over several rounds.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test/integration/helpers';
import { startProcess } from './bench-support';
import { alternate, load, withServerCpu, type LoadOptions, type LoadResult } from './load';
import { num, table, type Section } from './report';

export type CacheHitOptions = {
  apiUrl: string;
  /** The search-api process (its CPU per request is read from `/proc`; undefined: not read). */
  apiPid?: number | undefined;
  path: string;
  connections: number;
  seconds: number;
  rounds: number;
};
/** One kind of client against the floor: its hits and `/healthz`, alternated (the round with the median ratio). */
export type HitAgainstFloor = {
  hit: LoadResult;
  floor: LoadResult;
  /** Mean latency of a hit over that of `/healthz`. */
  ratio: number;
  ratios: number[];
  /** Bytes of one answer on the wire. */
  bytes: number;
  /** Server CPU per request of the hit over that of the floor, in the shown round (undefined: not read). */
  cpuRatio: number | undefined;
};
export type CacheHitResult = {
  /** A client that does not ask for compression (autocannon's default; the goal's measure). */
  plain: HitAgainstFloor;
  /** A client that accepts gzip, as browsers and `fetch` do. */
  gzip: HitAgainstFloor;
  /** InstantSearch's request (the Algolia protocol multi-query of the storefront) from a browser: POST, gzip. */
  algolia: HitAgainstFloor;
  /**
   * The plain hit against a bare `node:http` server answering the same bytes (`bench/bare-http-server.ts`): what the hit
   * costs beyond moving its answer on this machine (context: the goal's floor is `/healthz`, a 15-byte answer).
   */
  bare: HitAgainstFloor;
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

async function answer(url: string, headers: Record<string, string>, body?: string): Promise<Buffer> {
  // node:http, not fetch: the bytes as sent (fetch would decompress them).
  return new Promise((resolve, reject) => {
    request(url, { headers, method: body === undefined ? 'GET' : 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (d: Buffer) => chunks.push(d));
      res.on('end', () => resolve(Buffer.concat(chunks)));
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
  const against = async (
    name: string,
    run: LoadOptions,
    floorName = '/healthz (HTTP floor)',
    floor: LoadOptions = runs.floor,
    floorPid: number | undefined = o.apiPid,
  ): Promise<HitAgainstFloor> => {
    const { a: hit, b: floorResult, ratios } = await alternate(
      o.rounds,
      () => withServerCpu(o.apiPid, () => load(name, run)),
      () => withServerCpu(floorPid, () => load(floorName, floor)),
    );
    const bytes = (await answer(run.url, run.headers ?? {}, run.body)).length;
    const cpuRatio = hit.serverCpuUs === undefined || floorResult.serverCpuUs === undefined ? undefined : hit.serverCpuUs / Math.max(floorResult.serverCpuUs, 1e-9);
    return { hit, floor: floorResult, ratio: hit.mean / Math.max(floorResult.mean, 1e-9), ratios, bytes, cpuRatio };
  };
  const plain = await against('search, cache hit', runs.plain);
  const gzip = await against('search, cache hit, client accepts gzip', runs.gzip);
  const algolia = await against('Algolia multi-query, cache hit, client accepts gzip', runs.algolia);
  const bare = await againstBare(await answer(url, {}), (floor, pid) => against('search, cache hit', runs.plain, 'bare node:http server, the same bytes', floor, pid), o);
  const after = await cacheCounts(o.apiUrl);
  return { plain, gzip, algolia, bare, hitShare: (after.hit - before.hit) / Math.max(after.all - before.all, 1) };
}

/** `measure` against a bare server answering `body`, started for it and stopped after. */
async function againstBare(
  body: Buffer,
  measure: (floor: LoadOptions, pid: number | undefined) => Promise<HitAgainstFloor>,
  o: Pick<CacheHitOptions, 'connections' | 'seconds'>,
): Promise<HitAgainstFloor> {
  const dir = await mkdtemp(join(tmpdir(), 'bare-http-'));
  const file = join(dir, 'answer.json');
  await writeFile(file, body);
  const port = await freePort();
  const child = await startProcess('bare-http-server', 'bench/bare-http-server.ts', port, { BODY_FILE: file });
  try {
    const floor = { url: `http://127.0.0.1:${port}/`, connections: o.connections, seconds: o.seconds };
    await load('warm-up', { ...floor, seconds: 2 });
    return await measure(floor, child.pid);
  } finally {
    child.kill('SIGTERM');
    await rm(dir, { recursive: true, force: true });
  }
}

const loadCells = (l: LoadResult) => [num(l.p50), num(l.p99), num(l.mean), num(l.rps), l.failed, l.serverCpuUs === undefined ? '—' : num(l.serverCpuUs)];

export function cacheHitSection(r: CacheHitResult, o: Pick<CacheHitOptions, 'path' | 'connections' | 'seconds' | 'rounds'>): Section {
  const measure = (who: string) => `cache hit mean latency / \`GET /healthz\`, same process, ${o.connections} connections, ${who}`;
  const value = (x: HitAgainstFloor) => `${num(x.ratio)} (rounds ${x.ratios.map(num).join(', ')})`;
  return {
    title: 'A cache hit against the HTTP floor (goal 2)',
    summary: [
      { goal: '2', measure: measure('client without compression'), value: value(r.plain), target: '≤ 1.5', met: r.plain.ratio <= 1.5 },
      { goal: '2', measure: measure('client accepting gzip'), value: value(r.gzip), target: 'reported', met: undefined },
      { goal: '2', measure: measure('the storefront’s Algolia multi-query (POST, gzip)'), value: value(r.algolia), target: 'reported', met: undefined },
      {
        goal: '2',
        measure: 'search-api CPU per request (`/proc`, user + system), cache hit / `GET /healthz`: client without compression; gzip; Algolia multi-query',
        value: [r.plain, r.gzip, r.algolia].map((x) => (x.cpuRatio === undefined ? '—' : num(x.cpuRatio))).join('; '),
        target: 'reported',
        met: undefined,
      },
      {
        goal: '2',
        measure: `cache hit mean latency / a bare \`node:http\` server sending the same ${r.bare.bytes.toLocaleString('en-US')} bytes, ${o.connections} connections, client without compression`,
        value: value(r.bare),
        target: 'reported',
        met: undefined,
      },
    ],
    body: [
      `\`GET ${o.path}\` and \`/healthz\` alternated ${o.rounds}× for ${o.seconds} s each with autocannon,`,
      'first by a client that asks for no compression, then by one that sends `Accept-Encoding: gzip, deflate, br` (browsers, `fetch`): its answers are',
      'the stored bytes deflated once per computation with the echo spliced in front (`search-api/src/search/gzip-splice.ts`). Then the same query as',
      `InstantSearch posts it (\`POST ${ALGOLIA_PATH}\`, one query with two facets, \`text/plain\`, gzip), the storefront's request, answered from its stored`,
      `results the same way (\`search-api/src/algolia/stored-results.ts\`). ${Math.round(r.hitShare * 1000) / 10} % of the measured searches were counted as hits. Last, the plain hit`,
      'alternated with a bare `node:http` server in its own process (`bench/bare-http-server.ts`) answering the very same bytes: what moving that answer',
      'costs this machine at this concurrency with no framework and no work, so the excess over it is what the search-api adds. The round with the median ratio is shown.',
      "Mean latency is Little's law over the round (connections × seconds / requests answered, `bench/load.ts`): autocannon's histogram keeps",
      'whole milliseconds, so its p50 and p99 below are whole milliseconds and its own mean made a 1 ms `/healthz` look like 0.3 ms (every ratio',
      'reported before 2026-12-02 evening used that mean and overstated the hit against the floor).',
      "Server CPU is the answering process's own CPU time (user + system, from `/proc`) over the round, per answered request: the load generator and",
      'Memcached share the two cores, so this is the steadier measure of what a hit costs the search-api against `/healthz`.',
      '',
      table(
        ['run', 'answer bytes', 'p50 ms (whole)', 'p99 ms (whole)', 'mean ms', 'req/s', 'failed', 'server CPU µs per request'],
        [r.plain, r.gzip, r.algolia, r.bare].flatMap((x) => [
          [x.hit.name, x.bytes.toLocaleString('en-US'), ...loadCells(x.hit)],
          [x.floor.name, '', ...loadCells(x.floor)],
        ]),
      ),
    ].join('\n'),
  };
}
