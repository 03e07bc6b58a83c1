import type { Cache } from './cache';

export type MemoryCacheOptions = { maxEntries?: number; now?: () => number };

/** In-process cache with TTLs (tests, single-instance development); evicts the oldest entry when full. */
export function createMemoryCache(options: MemoryCacheOptions = {}): Cache {
  const maxEntries = options.maxEntries ?? 10_000;
  if (maxEntries < 1) throw new Error('createMemoryCache: maxEntries must be ≥ 1');
  const now = options.now ?? Date.now;
  const entries = new Map<string, { value: string; expiresAt: number }>();
  const live = (key: string) => {
    const e = entries.get(key);
    if (e && e.expiresAt <= now()) {
      entries.delete(key);
      return undefined;
    }
    return e;
  };
  const store = (key: string, value: string, ttlSeconds: number) => {
    entries.delete(key);
    entries.set(key, { value, expiresAt: now() + ttlSeconds * 1000 });
    while (entries.size > maxEntries) {
      const oldest = entries.keys().next();
      if (oldest.done) break;
      entries.delete(oldest.value);
    }
  };
  return {
    get: async (key) => live(key)?.value,
    set: async (key, value, ttlSeconds) => store(key, value, ttlSeconds),
    add: async (key, value, ttlSeconds) => {
      if (live(key)) return false;
      store(key, value, ttlSeconds);
      return true;
    },
    delete: async (key) => {
      entries.delete(key);
    },
    close: async () => {
      entries.clear();
    },
  };
}
