import { setTimeout as sleep } from 'node:timers/promises';
import type { MemcachedPool } from '@catalog/contract/memcached-pool';
import type { Logger } from 'pino';
import { GENERATION_REUSE_MAX_MS, INVALIDATION_DELAY_MS, YOUNG_GENERATION_MS, productDetailKey, searchGenerationKey } from '@catalog/contract';
import { withTimeout } from '@catalog/contract/process';
import { bumpDue, writeGate, type BumpHistory, type BumpTiming } from './bump-policy';

export type CacheInvalidatorOptions = BumpTiming & {
  /** Deadline of one memcached call. */
  opTimeoutMs: number;
  /** Product ids waiting for their detail key to be deleted (memcached slow or down); beyond it they are dropped. */
  maxPendingIds: number;
  /** Detail deletes in flight at once. */
  deleteConcurrency: number;
};

/** The invalidator's settings: the contract's generation timing, and bounds on the pending work. */
export const invalidatorOptions = (opTimeoutMs: number): CacheInvalidatorOptions => ({
  opTimeoutMs,
  seenWithinMs: GENERATION_REUSE_MAX_MS,
  youngMs: YOUNG_GENERATION_MS,
  heartbeatMs: 1000,
  settleMs: INVALIDATION_DELAY_MS,
  // ~50 bytes each; beyond it, product details changed while memcached was unreachable expire by their TTL.
  maxPendingIds: 100_000,
  deleteConcurrency: 128,
});

/** Increment the search cache generation once; resolves with the new value (the reindex command's alias swap). */
export async function bumpGeneration(mc: MemcachedPool, alias: string, timeoutMs: number): Promise<number | null> {
  const key = searchGenerationKey(alias);
  const { value } = await withTimeout(mc.clientFor(key).increment(key, 1, { initial: 1 }), timeoutMs, () => new Error(`memcached timeout ${timeoutMs} ms`));
  return value ?? null;
}

/** Counters for the metrics; all optional. */
export type InvalidatorEvents = { bumped?: () => void; failed?: (op: 'bump' | 'delete', n: number) => void; dropped?: (n: number) => void };

/**
 * Tells the search API's cache what changed, without ever holding up indexing for long and without a
 * crash being able to leave a cached answer stale past `youngMs` (see bump-policy):
 * - before a bulk: a generation bump when none covers it (then waits until every reader has seen it),
 *   and the product detail keys of the batch are deleted;
 * - while bulks run: a bump every heartbeat; after the last one: a bump once the change is visible;
 * - after a bulk: the detail keys are deleted again (a reader may have cached the old document meanwhile).
 * Memcached calls are bounded by `opTimeoutMs`; while memcached fails, nothing waits for it, a failed
 * bump is owed and retried every heartbeat, and failed deletes wait (bounded) until it answers again.
 */
export class CacheInvalidator {
  private history: BumpHistory = {};
  private writing = 0;
  private lastWriteEnd: number | undefined;
  private owed = false;
  private healthy = true;
  private bumping: Promise<boolean> | undefined;
  private readonly pending = new Set<string>();
  private deleting = false;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;

  constructor(
    private readonly mc: MemcachedPool,
    private readonly alias: string,
    private readonly log: Logger,
    private readonly options: CacheInvalidatorOptions,
    private readonly events: InvalidatorEvents = {},
  ) {}

  /** For the stall warning. */
  state(): { writing: number; healthy: boolean; owed: boolean; pendingDeletes: number; bumping: boolean } {
    return { writing: this.writing, healthy: this.healthy, owed: this.owed, pendingDeletes: this.pending.size, bumping: this.bumping !== undefined };
  }

  /** Ids waiting for their detail delete. */
  get pendingDeletes(): number {
    return this.pending.size;
  }

  /** Call before sending a bulk that changes `ids`; pair every call with `afterWrite`. Never throws. */
  async beforeWrite(ids: readonly string[]): Promise<void> {
    this.writing += 1;
    this.ensureLoop();
    if (!this.healthy) {
      this.queue(ids);
      return;
    }
    const gate = writeGate(this.history, Date.now(), this.options);
    if (gate.bump && !(await this.bump())) {
      this.queue(ids);
      return;
    }
    await Promise.all([gate.waitMs > 0 ? sleep(gate.waitMs) : undefined, this.deleteNow(ids)]);
  }

  /** Call after the bulk (whatever its outcome) with the ids it changed. */
  afterWrite(changed: readonly string[]): void {
    this.writing = Math.max(0, this.writing - 1);
    this.lastWriteEnd = Date.now();
    this.queue(changed);
    this.ensureLoop();
  }

  /** Shutdown: the settling bump and the pending deletes now (bounded by the op timeout), then stop. */
  async flush(): Promise<void> {
    this.closed = true;
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.lastWriteEnd !== undefined || this.owed) await this.bump();
    await this.drainDeletes();
  }

  private queue(ids: readonly string[]): void {
    let dropped = 0;
    for (const id of ids) {
      if (this.pending.size >= this.options.maxPendingIds && !this.pending.has(id)) dropped += 1;
      else this.pending.add(id);
    }
    if (dropped > 0) {
      this.events.dropped?.(dropped);
      this.log.warn({ dropped, pending: this.pending.size }, 'too many product detail invalidations pending; dropped ones expire by the cache TTL');
    }
    if (this.healthy) void this.drainDeletes();
  }

  /** One background tick per heartbeat while there is anything to do; idle otherwise. */
  private ensureLoop(): void {
    if (this.timer || this.closed) return;
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.tick();
    }, Math.min(this.options.heartbeatMs, this.options.settleMs) / 2);
  }

  private async tick(): Promise<void> {
    const now = Date.now();
    if (bumpDue({ ...this.history, writing: this.writing, lastWriteEnd: this.lastWriteEnd, owed: this.owed }, now, this.options)) {
      if ((await this.bump()) && this.writing === 0 && this.lastWriteEnd !== undefined && now >= this.lastWriteEnd + this.options.settleMs) {
        this.lastWriteEnd = undefined;
      }
    }
    if (this.healthy && this.pending.size > 0) void this.drainDeletes();
    if (this.writing > 0 || this.lastWriteEnd !== undefined || this.owed || this.pending.size > 0) this.ensureLoop();
  }

  /** Increment the generation (one at a time); resolves whether it succeeded. */
  private bump(): Promise<boolean> {
    this.bumping ??= (async () => {
      const startedAt = Date.now();
      this.history.lastAttempt = startedAt;
      try {
        const value = await bumpGeneration(this.mc, this.alias, this.options.opTimeoutMs);
        // The time the bump was sent: readers may have seen it from then on.
        this.history = { lastOk: startedAt, previousOk: this.history.lastOk, lastAttempt: startedAt };
        if (!this.healthy) this.log.info({ generation: value, pending: this.pending.size }, 'memcached answers again; owed invalidations sent');
        this.healthy = true;
        this.owed = false;
        this.events.bumped?.();
        return true;
      } catch (err) {
        if (this.healthy) this.log.warn({ err }, 'could not bump search cache generation; retrying every heartbeat');
        this.healthy = false;
        this.owed = true;
        this.events.failed?.('bump', 1);
        return false;
      } finally {
        this.bumping = undefined;
      }
    })();
    return this.bumping;
  }

  private async deleteNow(ids: readonly string[]): Promise<void> {
    const failed = await this.deleteKeys(ids);
    this.queue(failed);
  }

  private async drainDeletes(): Promise<void> {
    if (this.deleting) return;
    this.deleting = true;
    try {
      while (this.pending.size > 0 && this.healthy) {
        const batch = [...this.pending].slice(0, 256);
        batch.forEach((id) => this.pending.delete(id));
        const failed = await this.deleteKeys(batch);
        if (failed.length > 0) {
          failed.forEach((id) => this.pending.add(id));
          if (this.healthy) this.log.warn({ failed: failed.length, pending: this.pending.size }, 'memcached is failing; product detail invalidations wait until it answers');
          this.healthy = false;
          this.owed = true;
          this.ensureLoop();
        }
      }
    } finally {
      this.deleting = false;
    }
  }

  /** Deletes the detail keys with bounded concurrency; returns the ids that failed. */
  private async deleteKeys(ids: readonly string[]): Promise<string[]> {
    const failed: string[] = [];
    for (let i = 0; i < ids.length; i += this.options.deleteConcurrency) {
      const chunk = ids.slice(i, i + this.options.deleteConcurrency);
      const results = await Promise.allSettled(
        chunk.map((id) => {
          const key = productDetailKey(this.alias, id);
          return withTimeout(this.mc.clientFor(key).delete(key), this.options.opTimeoutMs, () => new Error(`memcached timeout ${this.options.opTimeoutMs} ms`));
        }),
      );
      results.forEach((r, k) => {
        const id = chunk[k];
        if (r.status === 'rejected' && id !== undefined) failed.push(id);
      });
      // A dead server fails every key the same way: stop early instead of timing out each one.
      if (failed.length === chunk.length) {
        failed.push(...ids.slice(i + chunk.length));
        break;
      }
    }
    if (failed.length > 0) this.events.failed?.('delete', failed.length);
    return failed;
  }
}
