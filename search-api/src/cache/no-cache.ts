import type { Cache } from './cache';

/** A cache that never stores (CACHE_ENABLED=false, benchmarks of the uncached path). */
export function createNoCache(): Cache {
  return {
    get: async () => undefined,
    set: async () => {},
    // Every lock is granted at once: with nothing stored there is nothing to wait for.
    add: async () => true,
    delete: async () => {},
    close: async () => {},
  };
}
