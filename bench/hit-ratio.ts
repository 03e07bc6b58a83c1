/**
 * Cache hit ratio on the real query mix under a steady change stream (issue 18 goal 3). Requests are fresh
 * popularity-weighted draws from the query log sent by a fixed number of connections (closed loop, as the issue
 * measured: a slow miss slows its connection instead of piling up); meanwhile products change at a fixed
 * rate, written to the index the way the indexer writes them: small bulks every `BULK_MAX_WAIT_MS` (50 ms), each
 * announced to the cache through the indexer's own `CacheInvalidator` (generation bumps before, during and after,
 * product detail deletes). The hit ratio is read from the search-api's own counters after a warm-up (one count per
 * answered request: a request that waited for another's Elasticsearch search is a miss).
 *
 * Two more figures keep the ratio honest: Elasticsearch's own count of search requests on the index while measuring
 * (the price of the hits), and the staleness actually served: one probe product in the change stream gets a new price
 * every `PROBE_EVERY_MS`, a poller asks for it through the search-api like a popular query, and for each change the
 * latest request that started after the bulk was acknowledged and was still answered without it is recorded (how long
 * after the acknowledgement an answer could miss the change: what the bound limits).
 */
import type { Client } from '@elastic/elasticsearch';
import autocannon from 'autocannon';
import { pino } from 'pino';
import { z } from 'zod';
import { familiesAlias } from '@catalog/contract';
import { createMemcachedPool } from '@catalog/contract/memcached-pool';
import { CacheInvalidator, invalidatorOptions } from '../indexer/src/cache/cache-invalidator';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { toFixtureDoc } from '../test/integration/search-fixtures';
import { cacheCounts } from './cache-hit';
import { median } from './bench-stats';
import { rateForHitRatio, renewalHitRatio } from './hit-ratio-model';
import { num, table, type Section } from './report';
import { weightedSearchRequests, type WeightedQuery } from './search-catalog';

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
  /** Requests per second offered over the connections (open loop, the rate does not follow the hit ratio); 0 = closed loop. */
  rate: number;
  updatesPerSecond: number;
  warmupSeconds: number;
  seconds: number;
};

export type HitRatioResult = {
  hitRatio: number;
  requests: number;
  rps: number;
  p50: number;
  p99: number;
  updates: number;
  bumps: number;
  /** Search requests Elasticsearch counted on the index per second while measuring. */
  esQueriesPerSecond: number;
  /** Refresh-ahead refreshes that ran a search, per second while measuring (each is one or two Elasticsearch searches). */
  aheadSearchesPerSecond: number;
  /** Acknowledged change → first answer showing it, for the probe (ms); empty without a change stream. */
  staleness: number[];
  /** Answers that were not 2xx or failed, load and probe. */
  failed: number;
  /** Probe prices never answered within 90 s (left out of `staleness`). */
  unanswered: number;
};

const PROBE_EVERY_MS = 2_000;
const PROBE_POLL_MS = 50;
/** A word no generated product has: the probe's query finds the probe alone. */
const PROBE_WORD = 'freshnessprobe';
const probeProduct = (price: number) => ({ ...generateProduct(42, 0), id: 'SKU-PROBE', title: `${PROBE_WORD} Daypack`, price });

/**
 * Writes `perSecond` product changes as the indexer would, until stopped; counts updates and generation bumps. Every
 * `PROBE_EVERY_MS` the probe product's price goes up by one in one of the bulks; `acked` keeps when each price was acknowledged.
 */
function startChangeStream(o: Pick<HitRatioOptions, 'es' | 'alias' | 'memcachedServers' | 'catalogSize'>, perSecond: number) {
  const pool = createMemcachedPool(o.memcachedServers);
  const counts = { updates: 0, bumps: 0 };
  const acked = new Map<number, number>();
  let probePrice = 1_000;
  let probeAt = Date.now();
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
        const changed = products.map((p) => ({ ...p, price: Math.round(p.price * (0.8 + random() * 0.4) * 100) / 100 }));
        const probe = started - probeAt >= PROBE_EVERY_MS ? probeProduct(++probePrice) : undefined;
        if (probe) {
          changed.push(probe);
          probeAt = started;
        }
        const ids = changed.map((p) => p.id);
        await invalidator.beforeWrite(ids);
        version++;
        const r = await o.es.bulk({ operations: changed.flatMap((p) => [{ index: { _index: o.alias, _id: p.id } }, toFixtureDoc(p, version)]) });
        // Only a price Elasticsearch took counts (an overloaded node can refuse items of a bulk).
        if (probe && !r.items.some((i) => i.index?._id === probe.id && i.index.error)) acked.set(probe.price, Date.now());
        invalidator.afterWrite(ids);
        counts.updates += n;
      }
      await new Promise((r) => setTimeout(r, Math.max(0, 50 - (Date.now() - started))));
    }
  })();
  return {
    counts,
    acked,
    /** Index the probe at its first price and wait until it is searchable, before anything is measured. */
    start: async () => {
      await o.es.index({ index: o.alias, id: 'SKU-PROBE', document: toFixtureDoc(probeProduct(probePrice), 1), refresh: 'wait_for' });
    },
    stop: async () => {
      stopped = true;
      await loop;
      await invalidator.flush();
      pool.close();
      // The catalog as it was seeded (a reused index is recognised by its size).
      await o.es.delete({ index: o.alias, id: 'SKU-PROBE', refresh: true }, { ignore: [404] });
    },
  };
}

/**
 * Asks for the probe every `PROBE_POLL_MS` until stopped: when each request started and the price it answered, and the
 * cache outcomes of its own requests (taken out of the ratio).
 */
function startProbePoller(apiUrl: string) {
  const answers: { startedAt: number; price: number }[] = [];
  const own = { hit: 0, all: 0, failed: 0 };
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      const started = Date.now();
      // Ungrouped: the change stream writes the products index only (grouped search reads the families index, which it leaves as seeded).
      const res = await fetch(`${apiUrl}/v1/products/search?q=${PROBE_WORD}&group=false`);
      own.all++;
      if (res.headers.get('x-cache') === 'HIT') own.hit++;
      // A failed search (past the search time limit on a loaded machine) shows no price; the run counts it.
      const body = res.ok ? z.object({ hits: z.array(z.object({ price: z.number() })) }).parse(await res.json()) : { hits: [] };
      if (!res.ok && own.failed++ === 0) console.log(`  probe: the search-api answered ${res.status} (further failures counted)`);
      const price = body.hits[0]?.price;
      if (price !== undefined) answers.push({ startedAt: started, price });
      await new Promise((r) => setTimeout(r, Math.max(0, PROBE_POLL_MS - (Date.now() - started))));
    }
  })();
  return {
    answers,
    /** Whether an answer showed `price` (prices only go up: a later price shows it too). */
    shown: (price: number) => answers.some((a) => a.price >= price),
    own,
    stop: async () => {
      stopped = true;
      await loop;
    },
  };
}

/** Search requests Elasticsearch has counted on the indices behind `alias` and its families (primaries; grouped searches read the families). */
async function esQueryTotal(es: Client, alias: string): Promise<number> {
  const stats = await es.indices.stats({ index: [alias, familiesAlias(alias)], metric: 'search' });
  return stats._all.primaries?.search?.query_total ?? 0;
}

/** Refresh-ahead refreshes of the search-api that ran a search (`search_api_cache_refresh_ahead_total{outcome="searched"}`). */
async function aheadSearches(apiUrl: string): Promise<number> {
  const text = await (await fetch(`${apiUrl}/metrics`)).text();
  return Number(/^search_api_cache_refresh_ahead_total\{outcome="searched"\} (\d+)/m.exec(text)?.[1] ?? 0);
}

/** Load of fresh weighted draws over `connections`: closed loop, or `rate` requests per second offered whatever the latency. */
async function drive(o: HitRatioOptions, seconds: number, random: () => number) {
  return autocannon({
    url: o.apiUrl,
    connections: o.connections,
    ...(o.rate > 0 ? { overallRate: o.rate } : {}),
    duration: seconds,
    requests: weightedSearchRequests(o.queries, random),
  });
}

export async function measureHitRatio(o: HitRatioOptions): Promise<HitRatioResult> {
  const stream = o.updatesPerSecond > 0 ? startChangeStream(o, o.updatesPerSecond) : undefined;
  await stream?.start();
  const poller = stream ? startProbePoller(o.apiUrl) : undefined;
  const random = mulberry32(7);
  try {
    await drive(o, o.warmupSeconds, random);
    const before = await cacheCounts(o.apiUrl);
    const probeBefore = { ...(poller?.own ?? { hit: 0, all: 0 }) };
    const esBefore = await esQueryTotal(o.es, o.alias);
    const aheadBefore = await aheadSearches(o.apiUrl);
    const bumps = stream?.counts.bumps ?? 0;
    const updates = stream?.counts.updates ?? 0;
    const measuredFrom = Date.now();
    const r = await drive(o, o.seconds, random);
    const measuredSeconds = (Date.now() - measuredFrom) / 1000;
    const esQueries = (await esQueryTotal(o.es, o.alias)) - esBefore;
    const ahead = (await aheadSearches(o.apiUrl)) - aheadBefore;
    const after = await cacheCounts(o.apiUrl);
    const probe = { hit: (poller?.own.hit ?? 0) - probeBefore.hit, all: (poller?.own.all ?? 0) - probeBefore.all };
    const probed = [...(stream?.acked ?? [])].filter(([, ackedAt]) => ackedAt >= measuredFrom);
    // Every price acknowledged while measuring should be answered: wait for the last, longer than the widest bound the report
    // measures (30 s) plus a loaded machine's delays; one still not answered then is counted (its search kept failing).
    const deadline = Date.now() + 90_000;
    while (probed.some(([price]) => !poller?.shown(price)) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, PROBE_POLL_MS));
    const unanswered = probed.filter(([price]) => !poller?.shown(price)).length;
    await poller?.stop();
    // Per change: how long after its acknowledgement a request could still start and be answered without it.
    const staleness = probed.filter(([price]) => poller?.shown(price)).map(([price, ackedAt]) =>
      Math.max(0, ...(poller?.answers ?? []).filter((a) => a.price < price && a.startedAt >= ackedAt).map((a) => a.startedAt - ackedAt)),
    );
    return {
      hitRatio: (after.hit - before.hit - probe.hit) / Math.max(after.all - before.all - probe.all, 1),
      requests: r.requests.total,
      rps: r.requests.average,
      p50: r.latency.p50,
      p99: r.latency.p99,
      updates: (stream?.counts.updates ?? 0) - updates,
      bumps: (stream?.counts.bumps ?? 0) - bumps,
      esQueriesPerSecond: esQueries / measuredSeconds,
      aheadSearchesPerSecond: ahead / measuredSeconds,
      staleness,
      failed: r.non2xx + r.errors + (poller?.own.failed ?? 0),
      unanswered,
    };
  } finally {
    await poller?.stop();
    await stream?.stop();
  }
}

/** One configuration to measure: the change stream, the search-api's staleness settings and refresh-ahead budget, the load. */
export type HitRatioSetting = { updatesPerSecond: number; staleMaxMs: number; refreshAfterMs: number; connections: number; aheadPerSecond: number; rate: number };
export type HitRatioVariant = HitRatioSetting & { result: HitRatioResult };

/**
 * `--hit-ratio-variants`: comma-separated `updates/s:CACHE_STALE_MAX_MS:CACHE_REFRESH_AFTER_MS[:connections[:CACHE_REFRESH_AHEAD_PER_S[:req/s]]]`
 * (connections default to `--connections`, refresh-ahead to off, the request rate to a closed loop). Pure.
 */
export function parseHitRatioPlan(spec: string, defaultConnections: number): HitRatioSetting[] {
  return spec.split(',').map((v) => {
    const parts = v.split(':').map(Number);
    const [u, st, r, c = defaultConnections, a = 0, rate = 0] = parts;
    if (parts.length < 3 || parts.length > 6 || ![u, st, r, c, a, rate].every((x) => x !== undefined && Number.isInteger(x) && x >= 0) || c < 1) {
      throw new Error(`--hit-ratio-variants: ${v} is not updates:staleMs:refreshMs[:connections[:refreshAheadPerSecond[:requestsPerSecond]]]`);
    }
    return { updatesPerSecond: u ?? 0, staleMaxMs: st ?? 0, refreshAfterMs: r ?? 0, connections: c, aheadPerSecond: a, rate };
  });
}

/** The computed bound (SKPL 5.2): the 1 s refresh plus the larger of `CACHE_STALE_MAX_MS` and the ~2 s until a covering bump is seen. */
export const stalenessBoundMs = (staleMaxMs: number) => 1_000 + Math.max(staleMaxMs, 2_000);

/** The report's part: the hit ratio of each variant; the goal is judged on the defaults under the change stream. */
export function hitRatioSection(
  variants: HitRatioVariant[],
  o: {
    defaults: { staleMaxMs: number; refreshAfterMs: number; aheadPerSecond: number };
    connections: number;
    warmupSeconds: number;
    seconds: number;
    catalog: number;
    /** The query log's popularities (the request mix), for the arrival model. */
    popularities: readonly number[];
  },
): Section {
  const isDefault = (v: HitRatioVariant) =>
    v.updatesPerSecond > 0 &&
    v.staleMaxMs === o.defaults.staleMaxMs &&
    v.refreshAfterMs === o.defaults.refreshAfterMs &&
    v.aheadPerSecond === o.defaults.aheadPerSecond &&
    v.connections === o.connections &&
    v.rate === 0;
  const refresh = (v: HitRatioVariant) => (v.refreshAfterMs >= v.staleMaxMs ? 'off' : `after ${v.refreshAfterMs} ms`);
  const ahead = (v: HitRatioVariant) => (v.aheadPerSecond > 0 && v.refreshAfterMs < v.staleMaxMs ? `≤ ${v.aheadPerSecond}/s` : 'off');
  const seconds = (ms: number) => `${num(ms / 1000)} s`;
  const observed = (v: HitRatioVariant) =>
    (v.result.staleness.length ? `${seconds(median(v.result.staleness))} / ${seconds(Math.max(...v.result.staleness))}` : '–') +
    (v.result.unanswered ? ` (${v.result.unanswered} never answered)` : '');
  const defaults = variants.filter(isDefault);
  // The arrival model at the rate a variant reached (hit-ratio-model.ts): what the bound allows without refresh-ahead.
  const model = (v: HitRatioVariant) => (v.updatesPerSecond > 0 && v.staleMaxMs > 0 ? num(renewalHitRatio(o.popularities, v.result.rps, v)) : '–');
  const needed = (staleMaxMs: number, refreshAfterMs: number) => num(rateForHitRatio(o.popularities, 0.9, { staleMaxMs, refreshAfterMs }));
  return {
    title: 'Cache hit ratio under a steady change stream (goal 3)',
    summary: [
      ...variants.map((v) => ({
        goal: '3',
        measure: `hit ratio, weighted mix over ${v.connections} connections${v.rate > 0 ? ` at ${v.rate} req/s offered` : ''}, ${v.updatesPerSecond} updates/s, \`CACHE_STALE_MAX_MS\` ${v.staleMaxMs}, background refresh ${refresh(v)}, refresh-ahead ${ahead(v)} (bound ~${seconds(stalenessBoundMs(v.staleMaxMs))})`,
        value: num(v.result.hitRatio),
        target: isDefault(v) ? '≥ 0.9' : 'reported',
        met: isDefault(v) ? v.result.hitRatio >= 0.9 : undefined,
      })),
      ...defaults.map((v) => ({
        goal: '3',
        measure: `staleness served under ${v.updatesPerSecond} updates/s at the defaults: acknowledged change → last request answered without it, median / max of ${v.result.staleness.length} probes`,
        value: observed(v),
        target: '≤ 5 s (NF-FRESH-02)',
        met: v.result.staleness.length > 0 && v.result.unanswered === 0 && Math.max(...v.result.staleness) <= 5_000,
      })),
    ],
    body: [
      `${o.catalog.toLocaleString('en-US')} products. Each request is a fresh popularity-weighted draw from the query log over a number of connections, closed loop (the request rate follows the latency,`,
      'so a better hit ratio raises the rate that raises it further) or at a fixed offered rate ("offered": the rate does not depend on the hit ratio),',
      `${o.warmupSeconds} s of warm-up then ${o.seconds} s measured; hits counted by the search-api itself, one per answered request (a request that`,
      "joined another's Elasticsearch search is a miss). Changes are written as the indexer writes them (a small bulk every 50 ms) and announced through its",
      "`CacheInvalidator` (generation bumps, detail deletes). Each variant has its own search-api process and its own alias on the same index, so no variant",
      "reads another's cache. Once the index moved on, an answer serves while it is at most `CACHE_STALE_MAX_MS` old; with background refresh, one older",
      'than `CACHE_REFRESH_AFTER_MS` answers at once and is recomputed behind it (one search per key at a time). The computed bound is the index\'s 1 s',
      'refresh plus the larger of `CACHE_STALE_MAX_MS` and the ~2 s until a covering bump is seen (SKPL 5.2). "Observed" is a probe product whose price',
      `changes every ${PROBE_EVERY_MS / 1000} s in the stream, asked for every ${PROBE_POLL_MS} ms through the search-api (a popular key: always served from the cache):`,
      'per change, the time from the bulk being acknowledged by Elasticsearch to the start of the last request still answered without it (its requests are left out of the ratio).',
      '"ES queries/s" is Elasticsearch\'s own count of searches on the index while measuring (a thin query adds its typo pass); "refresh-ahead" is',
      "`CACHE_REFRESH_AHEAD_PER_S`, the searches per second the search-api may spend recomputing its most requested answers once they are",
      '`CACHE_REFRESH_AFTER_MS` old under an older generation, without a request (`search-api/src/cache/refresh-ahead.ts`), and "ahead searches/s" what it spent.',
      '"Model" is what the arrival pattern alone allows at the rate the variant reached (`bench/hit-ratio-model.ts`: each query of the log a Poisson',
      'stream at its share, an entry serving until the bound and renewed by the first request after the refresh age; no refresh-ahead): a key asked',
      `less often than once per bound misses on most requests, whatever the cache does. At the defaults the model reaches 0.9 from`,
      `${needed(o.defaults.staleMaxMs, o.defaults.refreshAfterMs)} req/s (10 s bound: ${needed(10_000, 10_000)}, 30 s: ${needed(30_000, 30_000)} req/s, without background refresh).`,
      '',
      table(
        ['connections', 'offered req/s', 'updates/s', 'CACHE_STALE_MAX_MS', 'background refresh', 'refresh-ahead', 'hit ratio', 'model', 'req/s', 'p50 ms', 'p99 ms', 'failed', 'ES queries/s', 'ahead searches/s', 'observed staleness median / max', 'updates', 'generation bumps'],
        variants.map((v) => [
          v.connections,
          v.rate > 0 ? v.rate : 'closed loop',
          v.updatesPerSecond,
          v.staleMaxMs,
          refresh(v),
          ahead(v),
          num(v.result.hitRatio),
          model(v),
          num(v.result.rps),
          num(v.result.p50),
          num(v.result.p99),
          v.result.failed,
          num(v.result.esQueriesPerSecond),
          num(v.result.aheadSearchesPerSecond),
          observed(v),
          v.result.updates,
          v.result.bumps,
        ]),
      ),
    ].join('\n'),
  };
}
