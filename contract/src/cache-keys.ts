/**
 * Memcached keys shared by the indexer (which invalidates) and the search API (which caches).
 *
 * Search and autocomplete responses are keyed under a *generation*: the indexer increments
 * `searchGenerationKey` after a batch is visible in Elasticsearch (one refresh interval after the bulk),
 * so every older response key stops being read at once. Product details are deleted by id.
 */
export const CACHE_KEY_PREFIX = 'cs1';

/** Counter bumped by the indexer whenever the index changed. */
export const searchGenerationKey = (alias: string): string => `${CACHE_KEY_PREFIX}:${alias}:gen`;

/** Cached search or autocomplete response of one canonical request (`digest`) under a generation (`?` = unknown). */
export const generationalResponseKey = (alias: string, kind: 'search' | 'autocomplete', generation: string | undefined, digest: string): string =>
  `${CACHE_KEY_PREFIX}:${alias}:${kind}:g${generation ?? '?'}:${digest}`;

/** Cached product detail of one id. */
export const productDetailKey = (alias: string, id: string): string => `${CACHE_KEY_PREFIX}:${alias}:product:${id}`;

/** How long after a bulk write the indexer bumps the generation: covers the index's 1 s refresh interval. */
export const INVALIDATION_DELAY_MS = 1_100;

/** Prefix of the per-client rate-limit counters the search-api instances share (`<prefix>:<client>` and `…_expire`). */
export const rateLimitKeyPrefix = (alias: string): string => `${CACHE_KEY_PREFIX}:${alias}:rl`;

/** HMAC key of one UTC day (`YYYY-MM-DD`) that hashes client addresses in analytics; it expires with the day. */
export const analyticsSaltKey = (alias: string, day: string): string => `${CACHE_KEY_PREFIX}:${alias}:analytics-salt:${day}`;
