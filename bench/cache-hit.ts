/**
 * A cache hit against the HTTP floor (issue 18 goal 2): the same search-api process, the same concurrency,
 * `GET /v1/products/search?q=…` answered from Memcached versus `GET /healthz`, alternated over several rounds.
 */
import { request } from 'node:http';
import { alternate, load, type LoadResult } from './load';
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
  /** Share of the measured searches that the search-api counted as cache hits (should be 1). */
  hitShare: number;
};

const GZIP = { 'accept-encoding': 'gzip, deflate, br' };

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

async function answerBytes(url: string, headers: Record<string, string>): Promise<number> {
  // node:http, not fetch: the bytes as sent (fetch would decompress them).
  return new Promise((resolve, reject) => {
    request(url, { headers }, (res) => {
      let n = 0;
      res.on('data', (d: Buffer) => (n += d.length));
      res.on('end', () => resolve(n));
    })
      .on('error', reject)
      .end();
  });
}

export async function measureCacheHit(o: CacheHitOptions): Promise<CacheHitResult> {
  const url = `${o.apiUrl}${o.path}`;
  // Admission stores a key on its second sighting: the third request is a hit.
  let last: Response | undefined;
  for (let i = 0; i < 3; i++) last = await fetch(url);
  if (last?.headers.get('x-cache') !== 'HIT') throw new Error(`${o.path} is not a cache hit after warm-up (X-Cache ${last?.headers.get('x-cache')})`);
  await last.arrayBuffer();
  // Warm the JIT of every path before anything counts.
  await load('warm-up', { url, connections: o.connections, seconds: 2 });
  await load('warm-up', { url, connections: o.connections, seconds: 2, headers: GZIP });
  await load('warm-up', { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: 2 });
  const before = await cacheCounts(o.apiUrl);
  const floorRun = () => load('/healthz (HTTP floor)', { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: o.seconds });
  const against = async (name: string, headers: Record<string, string>): Promise<HitAgainstFloor> => {
    const { a: hit, b: floor, ratios } = await alternate(o.rounds, () => load(name, { url, connections: o.connections, seconds: o.seconds, headers }), floorRun);
    return { hit, floor, ratio: hit.mean / Math.max(floor.mean, 1e-9), ratios, bytes: await answerBytes(url, headers) };
  };
  const plain = await against('search, cache hit', {});
  const gzip = await against('search, cache hit, client accepts gzip', GZIP);
  const after = await cacheCounts(o.apiUrl);
  return { plain, gzip, hitShare: (after.hit - before.hit) / Math.max(after.all - before.all, 1) };
}

export function cacheHitSection(r: CacheHitResult, o: Pick<CacheHitOptions, 'path' | 'connections' | 'seconds' | 'rounds'>): Section {
  const measure = (who: string) => `cache hit mean latency / \`GET /healthz\`, same process, ${o.connections} connections, ${who}`;
  const value = (x: HitAgainstFloor) => `${num(x.ratio)} (rounds ${x.ratios.map(num).join(', ')})`;
  return {
    title: 'A cache hit against the HTTP floor (goal 2)',
    summary: [
      { goal: '2', measure: measure('client without compression'), value: value(r.plain), target: '≤ 1.5', met: r.plain.ratio <= 1.5 },
      { goal: '2', measure: measure('client accepting gzip'), value: value(r.gzip), target: 'reported', met: undefined },
    ],
    body: [
      `\`GET ${o.path}\` (${Math.round(r.hitShare * 1000) / 10} % counted as hits) and \`/healthz\` alternated ${o.rounds}× for ${o.seconds} s each with autocannon,`,
      'first by a client that asks for no compression, then by one that sends `Accept-Encoding: gzip, deflate, br` (browsers, `fetch`): its answers are',
      'the stored bytes deflated once per computation with the echo spliced in front (`search-api/src/search/gzip-splice.ts`). The round with the median ratio is shown.',
      '',
      table(
        ['run', 'answer bytes', 'p50 ms', 'p99 ms', 'mean ms', 'req/s', 'failed'],
        [r.plain, r.gzip].flatMap((x) => [
          [x.hit.name, x.bytes.toLocaleString('en-US'), num(x.hit.p50), num(x.hit.p99), num(x.hit.mean), num(x.hit.rps), x.hit.failed],
          [x.floor.name, '', num(x.floor.p50), num(x.floor.p99), num(x.floor.mean), num(x.floor.rps), x.floor.failed],
        ]),
      ),
    ].join('\n'),
  };
}
