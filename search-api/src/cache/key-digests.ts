import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';

/** Bounds of the digests kept: entries, and characters of the canonical strings they were made of. */
export const KEY_DIGEST_LIMITS = { entries: 10_000, charsBudget: 8 * 1024 * 1024 } as const;

/** The digest a cache key carries for a canonical string: sha1, base64url. Pure. */
export const keyDigest = (canonical: string): string => createHash('sha1').update(canonical).digest('base64url');

/**
 * `keyDigest` of the canonical strings seen lately. The key of an Algolia batch or an autocomplete is built afresh for
 * every request, and hashing it (a hash object, update, digest) cost ~7 µs of an Algolia cache hit; a repeat now costs
 * one lookup. Bounded by `KEY_DIGEST_LIMITS` (least recently used first out); a string over the budget is not kept.
 */
export class KeyDigests {
  private readonly kept: LRUCache<string, string>;

  constructor(limits: { entries: number; charsBudget: number } = KEY_DIGEST_LIMITS) {
    this.kept = new LRUCache<string, string>({ max: limits.entries, maxSize: limits.charsBudget, sizeCalculation: (digest, canonical) => canonical.length + digest.length });
  }

  of(canonical: string): string {
    let digest = this.kept.get(canonical);
    if (digest === undefined) {
      digest = keyDigest(canonical);
      this.kept.set(canonical, digest);
    }
    return digest;
  }

  /** Characters kept, as the budget counts them. */
  keptChars(): number {
    return this.kept.calculatedSize;
  }
}
