/**
 * Cache hit ratio on the real query mix under a steady change stream (issue 18 goal 3). Requests are fresh
 * popularity-weighted draws from the query log sent by a fixed number of connections (closed loop, as the issue
 * measured: a slow miss slows its connection instead of piling up); meanwhile products change at a fixed
 * rate, written to the index the way the indexer writes them: small bulks every `BULK_MAX_WAIT_MS` (50 ms), each
 * announced to the cache through the indexer's own `CacheInvalidator` (generation bumps before, during and after,
 * product detail deletes). The hit ratio is read from the search-api's own counters after a warm-up.
 */
import type { Client } from '@elastic/elasticsearch';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { createMemcachedPool } from '@catalog/contract/memcached-pool';
import { CacheInvalidator, invalidatorOptions } from '../indexer/src/cache/cache-invalidator';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { toFixtureDoc } from '../test/integration/search-fixtures';
import { cacheCounts } from './cache-hit';
import { num, table, type Section } from './report';
import { weightedSample, type WeightedQuery } from './search-catalog';

export type HitRatioOptions = {
  es: Client;
  /** The alias the search-api reads and caches under (its generation key is bumped). */
  alias: string;
  apiUrl: string;
  memcachedServers: string[];
  queries: WeightedQuery[];
  /** Products of the catalog (ids `SKU-0000001…`) the change stream picks from. */
  catalogSize: number;
  connections: number;
  updatesPerSecond: number;
  warmupSeconds: number;
  seconds: number;
};

export type HitRatioResult = { hitRatio: number; requests: number; rps: number; p50: number; p99: number; updates: number; bumps: number };

/** Writes `perSecond` product changes as the indexer would, until stopped; counts updates and generation bumps. */
function startChangeStream(o: Pick<HitRatioOptions, 'es' | 'alias' | 'memcachedServers' | 'catalogSize'>, perSecond: number) {
  const pool = createMemcachedPool(o.memcachedServers);
  const counts = { updates: 0, bumps: 0 };
  const invalidator = new CacheInvalidator(pool, o.alias, pino({ level: 'silent' }), invalidatorOptions(250), { bumped: () => counts.bumps++ });
  const random = mulberry32(99);
  let owed = 0;
  let version = 2;
  let stopped = false;
  let last = Date.now();
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      // Owed by the clock: a bulk that waited (the invalidator's gate, a slow Elasticsearch) carries more changes.
      owed += (perSecond * (started - last)) / 1000;
      last = started;
      const n = Math.floor(owed);
      owed -= n;
      if (n > 0) {
        const products = Array.from({ length: n }, () => generateProduct(42, Math.floor(random() * o.catalogSize)));
        const ids = products.map((p) => p.id);
        await invalidator.beforeWrite(ids);
        version++;
        await o.es.bulk({ operations: products.flatMap((p) => [{ index: { _index: o.alias, _id: p.id } }, toFixtureDoc({ ...p, price: Math.round(p.price * (0.8 + random() * 0.4) * 100) / 100 }, version)]) });
        invalidator.afterWrite(ids);
        counts.updates += n;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - started))));
    }
  })();
  return {
    counts,
    stop: async () => {
      stopped = true;
      await loop;
      await invalidator.flush();
      pool.close();
    },
  };
}

/** Closed-loop load of fresh weighted draws over `connections`. */
async function drive(o: HitRatioOptions, seconds: number, random: () => number) {
  const next = () => {
    const [q] = weightedSample(o.queries, (x) => x.popularity, 1, random);
    return `/v1/products/search?q=${encodeURIComponent(q?.query ?? '')}`;
  };
  return autocannon({
    url: o.apiUrl,
    connections: o.connections,
    duration: seconds,
    requests: [{ method: 'GET', setupRequest: (req) => ({ ...req, path: next() }) }],
  });
}

export async function measureHitRatio(o: HitRatioOptions): Promise<HitRatioResult> {
  const stream = o.updatesPerSecond > 0 ? startChangeStream(o, o.updatesPerSecond) : undefined;
  const random = mulberry32(7);
  try {
    await drive(o, o.warmupSeconds, random);
    const before = await cacheCounts(o.apiUrl);
    const bumps = stream?.counts.bumps ?? 0;
    const updates = stream?.counts.updates ?? 0;
    const r = await drive(o, o.seconds, random);
    const after = await cacheCounts(o.apiUrl);
    return {
      hitRatio: (after.hit - before.hit) / Math.max(after.all - before.all, 1),
      requests: r.requests.total,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      updates: (stream?.counts.updates ?? 0) - updates,
      bumps: (stream?.counts.bumps ?? 0) - bumps,
    };
  } finally {
    await stream?.stop();
  }
}

export type HitRatioVariant = { updatesPerSecond: number; staleMaxMs: number; result: HitRatioResult };

/** The report's part: the hit ratio of each variant; the goal is judged on the default bound under the change stream. */
export function hitRatioSection(variants: HitRatioVariant[], o: { defaultStaleMaxMs: number; connections: number; warmupSeconds: number; seconds: number; catalog: number }): Section {
  const bound = (ms: number) => `${num(1 + Math.max(ms, 600) / 1000)} s`;
  return {
    title: 'Cache hit ratio under a steady change stream (goal 3)',
    summary: variants.map((v) => ({
      goal: '3',
      measure: `hit ratio, weighted mix over ${o.connections} connections, ${v.updatesPerSecond} updates/s, \`CACHE_STALE_MAX_MS\` ${v.staleMaxMs} (staleness ≤ ~${bound(v.staleMaxMs)})`,
      value: num(v.result.hitRatio),
      target: v.updatesPerSecond > 0 && v.staleMaxMs === o.defaultStaleMaxMs ? '≥ 0.9' : 'reported',
      met: v.updatesPerSecond > 0 && v.staleMaxMs === o.defaultStaleMaxMs ? v.result.hitRatio >= 0.9 : undefined,
    })),
    body: [
      `${o.catalog.toLocaleString('en-US')} products. Each request is a fresh popularity-weighted draw from the query log, ${o.connections} connections (closed loop),`,
      `${o.warmupSeconds} s of warm-up then ${o.seconds} s measured; hits counted by the search-api itself. Changes are written as the indexer writes`,
      'them (a small bulk every 50 ms) and announced through its `CacheInvalidator` (generation bumps, detail deletes). Each variant has its',
      "own search-api process and its own alias on the same index, so no variant reads another's cache. The staleness bound is the index's 1 s",
      'refresh plus the larger of `CACHE_STALE_MAX_MS` and the 0.6 s until a bump is seen.',
      '',
      table(
        ['updates/s', 'CACHE_STALE_MAX_MS', 'hit ratio', 'req/s', 'p50 ms', 'p99 ms', 'updates', 'generation bumps'],
        variants.map((v) => [v.updatesPerSecond, v.staleMaxMs, num(v.result.hitRatio), num(v.result.rps), num(v.result.p50), num(v.result.p99), v.result.updates, v.result.bumps]),
      ),
    ].join('\n'),
  };
}
