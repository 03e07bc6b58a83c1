/**
 * Memcached keys shared by the indexer (which invalidates) and the search API (which caches).
 *
 * Search and autocomplete responses are stamped with a *generation*: the indexer increments
 * `searchGenerationKey` after a batch is visible in Elasticsearch (one refresh interval after the bulk),
 * so every older response stops being current at once (it may answer while it is younger than the search
 * API's staleness bound). Product details are deleted by id.
 */
export const CACHE_KEY_PREFIX = 'cs1';

/** Counter bumped by the indexer whenever the index changed. */
export const searchGenerationKey = (alias: string): string => `${CACHE_KEY_PREFIX}:${alias}:gen`;

/**
 * Cached search or autocomplete response of one canonical request (`digest`). The value carries the generation it was
 * computed under (search-api `stamped-entry.ts`), so a bump does not orphan it: the stamp decides whether it may answer.
 */
export const responseKey = (alias: string, kind: 'search' | 'autocomplete', digest: string): string => `${CACHE_KEY_PREFIX}:${alias}:${kind}:${digest}`;

/** Cached product detail of one id. */
export const productDetailKey = (alias: string, id: string): string => `${CACHE_KEY_PREFIX}:${alias}:product:${id}`;

/** How long after a bulk write the indexer bumps the generation: covers the index's 1 s refresh interval. */
export const INVALIDATION_DELAY_MS = 1_100;

/** Prefix of the per-client rate-limit counters the search-api instances share (`<prefix>:<client>` and `…_expire`). */
export const rateLimitKeyPrefix = (alias: string): string => `${CACHE_KEY_PREFIX}:${alias}:rl`;

/** HMAC key of one UTC day (`YYYY-MM-DD`) that hashes client addresses in analytics; it expires with the day. */
export const analyticsSaltKey = (alias: string, day: string): string => `${CACHE_KEY_PREFIX}:${alias}:analytics-salt:${day}`;
