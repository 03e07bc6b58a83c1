/**
 * A key-value cache of strings. `get` resolves `undefined` on a miss; failures reject with `CacheError`
 * and callers treat them as a miss (a failing cache must never fail a request).
 */
export interface Cache {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string, ttlSeconds: number): Promise<void>;
  /** Store only when the key is absent: true when this call stored it (a lock). */
  add(key: string, value: string, ttlSeconds: number): Promise<boolean>;
  delete(key: string): Promise<void>;
  /** Idempotent. */
  close(): Promise<void>;
}

export const CACHE_ERROR_CODES = { timeout: 'timeout', unavailable: 'unavailable', circuit_open: 'circuit_open' } as const;
export type CacheErrorCode = keyof typeof CACHE_ERROR_CODES;

/** The cache did not answer (in time); the request goes on without it. */
export class CacheError extends Error {
  readonly code: CacheErrorCode;
  constructor(code: CacheErrorCode, message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'CacheError';
    this.code = code;
  }
}
