import { z } from 'zod';
import { AdminToken, CommonEnv, Port, loadConfig as loadFrom } from '@catalog/contract';

const bool = z.enum(['true', 'false']).transform((v) => v === 'true');
const ms = (def: number) => z.coerce.number().int().min(0).max(3_600_000).default(def);
const count = (def: number, max = 1_000_000) => z.coerce.number().int().min(1).max(max).default(def);

/** Environment of the search API: the shared variables plus its own knobs, units in the names. */
export const SearchApiEnv = CommonEnv.extend({
  PORT: Port.default(3000),
  /** Per request to Elasticsearch; a dead cluster answers 503 after at most this long. */
  ES_REQUEST_TIMEOUT_MS: count(2_000, 60_000),
  /** Retries go to another node; with a single node they only double the wait, hence 0. */
  ES_MAX_RETRIES: z.coerce.number().int().min(0).max(5).default(0),
  /**
   * Elasticsearch's own limit on each search (`timeout` in the body), below ES_REQUEST_TIMEOUT_MS so that it stops
   * its work and answers first; a search past it is a 503 (partial results are never served or cached).
   */
  ES_SEARCH_TIMEOUT_MS: count(1_500, 60_000),
  CACHE_ENABLED: bool.default(true),
  /** Own deadline around every memcached call, so a slow memcached adds at most this much. */
  CACHE_OP_TIMEOUT_MS: count(50, 10_000),
  CACHE_SEARCH_TTL_S: count(300, 86_400),
  CACHE_PRODUCT_TTL_S: count(300, 86_400),
  /** Cache admission: a key is stored only once it was requested this many times within the window. */
  CACHE_ADMISSION_MIN_HITS: count(2, 100),
  CACHE_ADMISSION_WINDOW_MS: count(600_000, 86_400_000),
  CACHE_ADMISSION_MAX_KEYS: count(100_000, 10_000_000),
  /** How long the generation counter is reused in-process; adds to the staleness bound. */
  CACHE_GENERATION_REFRESH_MS: ms(500),
  /**
   * Once the index changed, a cached search or autocomplete answer may still be served while it is at most this old
   * (then it is recomputed): the freshness bound's knob. Under a steady change stream every answer would otherwise be
   * recomputed at each generation bump (every second); 3 s keeps the bound at ~4 s (README "Cache staleness"), within
   * SKPL NF-FRESH-02's 5 s.
   */
  CACHE_STALE_MAX_MS: z.coerce.number().int().min(0).max(300_000).default(3_000),
  /**
   * Once the index changed, a cached search or autocomplete answer older than this still answers and is recomputed in the
   * background (one search per key at a time, across instances): a key asked again before `CACHE_STALE_MAX_MS` never
   * waits for Elasticsearch. Does not change the bound; ≥ `CACHE_STALE_MAX_MS` turns background refreshes off.
   */
  CACHE_REFRESH_AFTER_MS: z.coerce.number().int().min(0).max(300_000).default(2_000),
  /**
   * Refresh-ahead: searches per second each instance may spend recomputing its most requested cached searches once the
   * index moved on and they are `CACHE_REFRESH_AFTER_MS` old, even when no request comes (a key asked less than once per
   * bound otherwise always misses under a steady change stream). Does not change the bound; 0 turns it off. 20: at 100
   * req/s offered under 50 changes/s it lifted the hit ratio from 0.73 to 0.79–0.80 for 16–23 refresh searches/s (bench/hit-ratio.ts);
   * without changes it spends nothing (no entry is old).
   */
  CACHE_REFRESH_AHEAD_PER_S: z.coerce.number().int().min(0).max(1_000).default(20),
  /** Most keys refresh-ahead tracks per instance (the least requested are forgotten first). */
  CACHE_REFRESH_AHEAD_KEYS: count(1_000, 100_000),
  /** Cross-instance stampede lock: who holds it computes, others poll the key for up to the wait. */
  CACHE_LOCK_TTL_S: count(2, 60),
  CACHE_LOCK_WAIT_MS: ms(300),
  CACHE_BREAKER_FAILURES: count(5, 1_000),
  CACHE_BREAKER_COOLDOWN_MS: count(5_000, 600_000),
  ANALYTICS_ENABLED: bool.default(true),
  ANALYTICS_FLUSH_MS: count(5_000, 600_000),
  ANALYTICS_MAX_BATCH: count(500, 10_000),
  ANALYTICS_MAX_BUFFER: count(50_000, 1_000_000),
  /** Window of the popular / no-result lists and of the popular queries that feed autocomplete. */
  ANALYTICS_WINDOW_HOURS: count(168, 24 * 366),
  /** Insights events of the Algolia protocol (`POST /1/events`) and their metrics per query. */
  INSIGHTS_ENABLED: bool.default(true),
  INSIGHTS_FLUSH_MS: count(2_000, 600_000),
  INSIGHTS_MAX_BUFFER: count(50_000, 1_000_000),
  /** Daily insights indices `<alias>-insights-YYYY.MM.DD` older than this are dropped. */
  INSIGHTS_RETENTION_DAYS: count(90, 3_650),
  /**
   * Per-client limit of the public API (`/v1/products/*`, `/v1/searches/*`, `/1/*`): requests per fixed window,
   * per client address (`TRUST_PROXY_HOPS`). 200 per 10 s: a shopper typing makes at most ~8 requests a second for
   * a few seconds and well under 1 a second over a visit, so one NAT address serves dozens of active shoppers,
   * while one address can take at most 20 requests a second of the cluster.
   */
  RATE_LIMIT_ENABLED: bool.default(true),
  RATE_LIMIT_REQUESTS: count(200, 1_000_000),
  RATE_LIMIT_WINDOW_S: count(10, 3_600),
  /** `memcached`: one count shared by every instance (an in-memory one per instance while memcached fails); `memory`: per instance. */
  RATE_LIMIT_STORE: z.enum(['memcached', 'memory']).default('memcached'),
  /**
   * Recorded queries are listed as popular or suggested only with this many client-days in the window (each client
   * network — IPv4 /24, IPv6 /48 — counts once per query and UTC day), within the length and character rules, and
   * unbanned. 3: a real query reaches it in minutes on a live shop; one attacker needs three networks or days.
   */
  SUGGEST_MIN_CLIENTS: count(3, 10_000),
  SUGGEST_MAX_CHARS: count(60, 200),
  SUGGEST_MAX_TERMS: count(6, 32),
  /** How old an instance's copy of the banned queries may get: bans made elsewhere apply within it. */
  SUGGEST_BANS_REFRESH_MS: count(5_000, 600_000),
  /** How old an instance's copy of the synonym sets may get: a set changed in the inventory admin applies within it. */
  SYNONYMS_REFRESH_MS: count(5_000, 600_000),
  /** How old an instance's copy of the query rules may get: a rule changed in the inventory admin applies within it. */
  RULES_REFRESH_MS: count(5_000, 600_000),
  /** Distinct queries recorded per client network and day; the rest of its day is not counted. */
  ANALYTICS_MAX_QUERIES_PER_CLIENT_DAY: count(200, 100_000),
  /** (client, query) pairs remembered per day to skip repeats before Elasticsearch (memory bound). */
  ANALYTICS_MAX_TRACKED_PAIRS: count(100_000, 10_000_000),
  /** How often records older than the window are deleted: the store holds the window, nothing more. */
  ANALYTICS_PURGE_EVERY_MS: count(3_600_000, 86_400_000),
  /** Bearer token of the suggestions admin (`/v1/admin/suggestions…`); unset = those routes do not exist (404). */
  ADMIN_TOKEN: AdminToken.optional(),
  /** Public name of the Algolia-protocol base index; its sort replicas are `<name>_<sort>`. */
  ALGOLIA_INDEX_NAME: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'letters, digits, "_" and "-"').default('products'),
  /** Comma-separated allowed origins for browser clients; `*` = any. */
  CORS_ORIGINS: z.string().default('*'),
});
export type SearchApiConfig = z.output<typeof SearchApiEnv>;

/** Parse the environment (only `main.ts` calls this); throws one ConfigError naming every bad variable. */
export function loadConfig(env: Record<string, string | undefined>): SearchApiConfig {
  return loadFrom(SearchApiEnv, env);
}
