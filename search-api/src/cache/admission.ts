export type AdmissionOptions = {
  /** Sightings within the window before a key may occupy memory. */
  minHits: number;
  windowMs: number;
  /** Bound on tracked keys; the oldest sighting is forgotten first. */
  maxKeys: number;
  now?: () => number;
};

/**
 * Cache admission that favours popular requests (a "doorkeeper"): the long tail of one-off queries is never
 * stored, so memory goes to queries that are asked again.
 */
export class Admission {
  private readonly seen = new Map<string, { count: number; since: number }>();
  private readonly now: () => number;

  constructor(private readonly options: AdmissionOptions) {
    if (options.minHits < 1) throw new Error('Admission: minHits must be ≥ 1');
    if (options.maxKeys < 1) throw new Error('Admission: maxKeys must be ≥ 1');
    this.now = options.now ?? Date.now;
  }

  /** Count one request for `key`; true when the key has now been seen often enough to be stored. */
  record(key: string): boolean {
    if (this.options.minHits <= 1) return true;
    const now = this.now();
    const entry = this.seen.get(key);
    if (!entry || now - entry.since > this.options.windowMs) {
      this.seen.delete(key);
      this.seen.set(key, { count: 1, since: now });
      this.evict();
      return 1 >= this.options.minHits;
    }
    entry.count++;
    return entry.count >= this.options.minHits;
  }

  get size(): number {
    return this.seen.size;
  }

  private evict(): void {
    while (this.seen.size > this.options.maxKeys) {
      const oldest = this.seen.keys().next();
      if (oldest.done) return;
      this.seen.delete(oldest.value);
    }
  }
}
