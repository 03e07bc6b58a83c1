import { createHmac, randomBytes } from 'node:crypto';
import { analyticsSaltKey } from '@catalog/contract';
import type { Cache } from '../cache/cache';

export type DaySaltOptions = {
  /** Where instances agree on the day's key: the first `add` wins, everyone reads it back. */
  cache: Cache;
  alias: string;
  /** Memcached failed: this instance hashes with its own key for the day (a client may then count once per instance). */
  onError?: (err: unknown) => void;
  random?: () => string;
};

/** UTC day of a date as `YYYY-MM-DD`: the unit in which clients are told apart. */
export const utcDay = (at: Date): string => at.toISOString().slice(0, 10);

const secondsUntilEndOf = (day: string): number => Math.ceil((Date.parse(`${day}T00:00:00Z`) + 86_400_000 - Date.now()) / 1000);

/**
 * The HMAC key of a UTC day, random and shared by all search-api instances through Memcached, where it expires an
 * hour after the day ends: afterwards nobody can link a stored client hash back to an address, not even by trying
 * all 2^32 IPv4 addresses. Each instance remembers the current and the previous day's key only.
 */
/**
 * The HMAC key of a UTC day (`createDaySalt`), and when the day's shared key has been read, that key at once
 * (`settled`): a recorder then hashes without waiting (issue 18: a cache hit's promise hops).
 */
export type DaySalt = ((day: string) => Promise<string>) & { settled?: (day: string) => string | undefined };

export function createDaySalt(options: DaySaltOptions): DaySalt {
  const random = options.random ?? (() => randomBytes(32).toString('hex'));
  const shared = new Map<string, Promise<string>>();
  const local = new Map<string, string>();
  const settled = new Map<string, string>();
  const remember = <T>(map: Map<string, T>, day: string, value: T): T => {
    map.set(day, value);
    for (const old of [...map.keys()].sort().slice(0, -2)) map.delete(old);
    return value;
  };

  async function fetchShared(day: string): Promise<string> {
    const key = analyticsSaltKey(options.alias, day);
    const candidate = random();
    const ttl = Math.max(60, secondsUntilEndOf(day) + 3_600);
    if (await options.cache.add(key, candidate, ttl)) return remember(settled, day, candidate);
    const stored = await options.cache.get(key);
    if (stored === undefined) throw new Error('analytics salt vanished between add and get');
    return remember(settled, day, stored);
  }

  const salt = async (day: string): Promise<string> => {
    const known = shared.get(day);
    if (known) return known;
    const pending = fetchShared(day);
    remember(shared, day, pending);
    try {
      return await pending;
    } catch (err) {
      // Not remembered: the next record tries memcached again (its breaker keeps that cheap while it is down).
      shared.delete(day);
      options.onError?.(err);
      return local.get(day) ?? remember(local, day, random());
    }
  };
  return Object.assign(salt, { settled: (day: string) => settled.get(day) });
}

/** The stored identity of a client on a day: HMAC-SHA256 of its key with the day's salt, 128 bits, base64url. */
export function hashClient(salt: string, clientKey: string): string {
  return createHmac('sha256', salt).update(clientKey).digest().subarray(0, 16).toString('base64url');
}
