import type { Cache } from './cache';

export type GenerationOptions = {
  cache: Cache;
  /** The counter the indexer bumps (`searchGenerationKey(alias)`). */
  key: string;
  /** How long one read is reused in-process; it adds to the staleness bound. */
  refreshMs: number;
  onError?: (err: unknown) => void;
  now?: () => number;
};

/**
 * The current search generation: part of every search/autocomplete key, so a bump by the indexer retires
 * every older response at once. A missing counter is generation "0" (fresh memcached, fresh keys);
 * undefined means memcached did not answer, and callers skip the cache rather than risk a stale answer.
 */
export function createGenerationReader(options: GenerationOptions): () => Promise<string | undefined> {
  const now = options.now ?? Date.now;
  let value: string | undefined;
  let readAt = -Infinity;
  let reading: Promise<string | undefined> | undefined;
  return () => {
    if (now() - readAt < options.refreshMs) return Promise.resolve(value);
    reading ??= options.cache
      .get(options.key)
      .then((v) => (v === undefined ? '0' : v.trim()))
      .catch((err: unknown) => {
        options.onError?.(err);
        return undefined;
      })
      .then((v) => {
        value = v;
        readAt = now();
        return v;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
