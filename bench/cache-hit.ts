/**
 * A cache hit against the HTTP floor (issue 18 goal 2): the same search-api process, the same concurrency,
 * `GET /v1/products/search?q=…` answered from Memcached versus `GET /healthz`, alternated over several rounds.
 */
import { alternate, load, type LoadResult } from './load';

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
async function cacheCounts(apiUrl: string): Promise<{ hit: number; all: number }> {
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
  const before = await cacheCounts(o.apiUrl);
  const hitRun = () => load('search, cache hit', { url: `${o.apiUrl}${o.path}`, connections: o.connections, seconds: o.seconds });
  const floorRun = () => load('/healthz (HTTP floor)', { url: `${o.apiUrl}/healthz`, connections: o.connections, seconds: o.seconds });
  const { a: hit, b: floor, ratios } = await alternate(o.rounds, hitRun, floorRun);
  const after = await cacheCounts(o.apiUrl);
  return { hit, floor, ratio: hit.mean / Math.max(floor.mean, 1e-9), ratios, hitShare: (after.hit - before.hit) / Math.max(after.all - before.all, 1), bytes };
}
