import { createHash } from 'node:crypto';
import type { QueryIdRecord } from '../algolia/algolia-service';
import type { InsightsDoc, InsightsStore } from '../es/insights-store';
import type { StoredEvent } from './insights-event';

export type InsightsRecorderOptions = {
  store: Pick<InsightsStore, 'write' | 'queriesOf'>;
  flushEveryMs: number;
  /** Bound on buffered documents while the store is failing; new ones are dropped (and counted) past it. */
  maxBuffer: number;
  /** How many `queryID → query` pairs this instance remembers for events arriving after their search. */
  maxRemembered: number;
  /** Flushes an event waits for its search to be stored by another instance before it is kept without query. */
  resolveAttempts: number;
  onError?: (err: unknown) => void;
  onDrop?: (count: number) => void;
};

type Pending = { doc: InsightsDoc & { queryID: string }; attempts: number };

/** User tokens are counted, never kept: a short hash tells users apart and cannot be read back. */
export const hashUserToken = (token: string): string => createHash('sha256').update(`insights\n${token}`).digest('base64url').slice(0, 22);

/**
 * Buffers tracked searches and events and writes them in bulk. Every event with a `queryID` is stored with
 * the query of that search, so metrics per query are one aggregation: from this instance's memory of recent
 * searches, else from the stored searches (another instance answered it), retried for a few flushes while
 * that instance has not flushed yet. Best effort like search analytics: a failing store never fails a request.
 */
export class InsightsRecorder {
  private buffer: InsightsDoc[] = [];
  private pending: Pending[] = [];
  private readonly remembered = new Map<string, string>();
  private flushing: Promise<void> | undefined;
  private readonly timer: NodeJS.Timeout;

  constructor(private readonly o: InsightsRecorderOptions) {
    if (o.maxBuffer < 1 || o.maxRemembered < 1 || o.resolveAttempts < 1) throw new Error('InsightsRecorder: bounds must be ≥ 1');
    this.timer = setInterval(() => void this.flush(), o.flushEveryMs);
    this.timer.unref();
  }

  /** A search answered with `clickAnalytics`. */
  searched(r: QueryIdRecord): void {
    this.remember(r.queryID, r.query);
    this.add({
      type: 'search',
      queryID: r.queryID,
      query: r.query,
      index: r.index,
      nbHits: r.nbHits,
      ...(r.userToken ? { userToken: hashUserToken(r.userToken) } : {}),
      at: new Date().toISOString(),
    });
  }

  /** Validated events. */
  accept(events: StoredEvent[]): void {
    for (const e of events) {
      const doc: InsightsDoc = { ...e, userToken: hashUserToken(e.userToken) };
      const query = e.queryID ? this.remembered.get(e.queryID) : undefined;
      if (!e.queryID || query !== undefined) this.add(query !== undefined ? { ...doc, query } : doc);
      else if (this.size() < this.o.maxBuffer) this.pending.push({ doc: { ...doc, queryID: e.queryID }, attempts: 0 });
      else this.o.onDrop?.(1);
    }
  }

  get buffered(): number {
    return this.size();
  }

  /** Write what is buffered; resolve waiting events against the stored searches first. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    this.flushing = this.flushOnce().finally(() => {
      this.flushing = undefined;
    });
    return this.flushing;
  }

  async close(): Promise<void> {
    clearInterval(this.timer);
    // Last chance: whatever cannot be resolved now is kept without its query rather than lost.
    for (let i = 0; i < this.o.resolveAttempts && this.pending.length > 0; i++) await this.flush();
    await this.flush();
  }

  private size(): number {
    return this.buffer.length + this.pending.length;
  }

  private add(doc: InsightsDoc): void {
    if (this.size() >= this.o.maxBuffer) return this.o.onDrop?.(1);
    this.buffer.push(doc);
  }

  private remember(queryID: string, query: string): void {
    this.remembered.set(queryID, query);
    if (this.remembered.size > this.o.maxRemembered) {
      const oldest = this.remembered.keys().next().value;
      if (oldest !== undefined) this.remembered.delete(oldest);
    }
  }

  private async flushOnce(): Promise<void> {
    try {
      if (this.pending.length > 0) await this.resolvePending();
      if (this.buffer.length === 0) return;
      const batch = this.buffer;
      this.buffer = [];
      try {
        await this.o.store.write(batch);
      } catch (err) {
        // Kept for the next flush, within the bound.
        this.buffer = [...batch, ...this.buffer].slice(0, this.o.maxBuffer);
        throw err;
      }
    } catch (err) {
      this.o.onError?.(err);
    }
  }

  private async resolvePending(): Promise<void> {
    const waiting = this.pending;
    this.pending = [];
    // Searches of this very batch become readable one refresh after they are written: check memory first.
    const stored = await this.o.store.queriesOf([...new Set(waiting.filter((p) => !this.remembered.has(p.doc.queryID)).map((p) => p.doc.queryID))]).catch((err: unknown) => {
      this.o.onError?.(err);
      return new Map<string, string>();
    });
    for (const p of waiting) {
      const query = this.remembered.get(p.doc.queryID) ?? stored.get(p.doc.queryID);
      if (query !== undefined) this.buffer.push({ ...p.doc, query });
      else if (p.attempts + 1 >= this.o.resolveAttempts) this.buffer.push(p.doc);
      else this.pending.push({ ...p, attempts: p.attempts + 1 });
    }
  }
}
