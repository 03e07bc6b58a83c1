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

/** A generation read: its value and when this instance first saw that value (its age decides entry TTLs). */
export type Generation = { value: string; seenAt: number };

/**
 * The current search generation: part of every search/autocomplete key, so a bump by the indexer retires
 * every older response at once. A missing counter is generation "0" (fresh memcached, fresh keys);
 * undefined means memcached did not answer, and callers skip the cache rather than risk a stale answer.
 * `seenAt` is when this instance first read the value (the first read of a process counts as new): while
 * it is young, entries are cached short-lived (contract `generationalTtlSeconds`).
 */
export function createGenerationReader(options: GenerationOptions): () => Promise<Generation | undefined> {
  const now = options.now ?? Date.now;
  let current: Generation | undefined;
  let readAt = -Infinity;
  let reading: Promise<Generation | undefined> | undefined;
  return () => {
    if (now() - readAt < options.refreshMs) return Promise.resolve(current);
    reading ??= options.cache
      .get(options.key)
      .then((v) => (v === undefined ? '0' : v.trim()))
      .catch((err: unknown) => {
        options.onError?.(err);
        return undefined;
      })
      .then((v) => {
        readAt = now();
        // An unanswered read forgets the value: whatever comes back afterwards counts as newly seen.
        current = v === undefined ? undefined : current?.value === v ? current : { value: v, seenAt: readAt };
        return current;
      })
      .finally(() => {
        reading = undefined;
      });
    return reading;
  };
}
