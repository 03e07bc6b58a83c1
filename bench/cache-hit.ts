/**
 * A cache hit against the HTTP floor (issue 18 goal 2): the same search-api process, the same concurrency,
 * `GET /v1/products/search?q=…` answered from Memcached versus `GET /healthz`, alternated over several rounds.
 */
import { alternate, load, type LoadResult } from './load';
import { num, table, type Section } from './report';

export type CacheHitOptions = { apiUrl: string; path: string; connections: number; seconds: number; rounds: number };
export type CacheHitResult = {
  hit: LoadResult;
  floor: LoadResult;
  /** Mean latency of a hit over that of `/healthz` (the round with the median ratio). */
  ratio: number;
  ratios: number[];
  /** Share of the measured searches that the search-api counted as cache hits (should be 1). */
  hitShare: number;
  bytes: number;
};

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

export async function measureCacheHit(o: CacheHitOptions): Promise<CacheHitResult> {
  // Admission stores a key on its second sighting: the third request is a hit.
  let last: Response | undefined;
  for (let i = 0; i < 3; i++) last = await fetch(`${o.apiUrl}${o.path}`);
  if (last?.headers.get('x-cache') !== 'HIT') throw new Error(`${o.path} is not a cache hit after warm-up (X-Cache ${last?.headers.get('x-cache')})`);
  const bytes = (await last.arrayBuffer()).byteLength;
  // Warm the JIT of both paths before anything counts.
  await load('warm-up', { url: `${o.apiUrl}${o.path}`, connections: o.connections, seconds: 2 });
  await load('warm-up', { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: 2 });
  const before = await cacheCounts(o.apiUrl);
  const hitRun = () => load('search, cache hit', { url: `${o.apiUrl}${o.path}`, connections: o.connections, seconds: o.seconds });
  const floorRun = () => load('/healthz (HTTP floor)', { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: o.seconds });
  const { a: hit, b: floor, ratios } = await alternate(o.rounds, hitRun, floorRun);
  const after = await cacheCounts(o.apiUrl);
  return { hit, floor, ratio: hit.mean / Math.max(floor.mean, 1e-9), ratios, hitShare: (after.hit - before.hit) / Math.max(after.all - before.all, 1), bytes };
}

export function cacheHitSection(r: CacheHitResult, o: Pick<CacheHitOptions, 'path' | 'connections' | 'seconds' | 'rounds'>): Section {
  return {
    title: 'A cache hit against the HTTP floor (goal 2)',
    summary: [
      {
        goal: '2',
        measure: `cache hit mean latency / \`GET /healthz\`, same process, ${o.connections} connections`,
        value: `${num(r.ratio)} (rounds ${r.ratios.map(num).join(', ')})`,
        target: '≤ 1.5',
        met: r.ratio <= 1.5,
      },
    ],
    body: [
      `\`GET ${o.path}\` (${r.bytes.toLocaleString('en-US')} bytes, ${Math.round(r.hitShare * 1000) / 10} % counted as hits) and \`/healthz\` alternated ${o.rounds}× for ${o.seconds} s each with autocannon;`,
      'the round with the median ratio is shown.',
      '',
      table(
        ['run', 'p50 ms', 'p99 ms', 'mean ms', 'req/s', 'failed'],
        [r.hit, r.floor].map((x) => [x.name, num(x.p50), num(x.p99), num(x.mean), num(x.rps), x.failed]),
      ),
    ].join('\n'),
  };
}
