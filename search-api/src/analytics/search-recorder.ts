import type { SearchRecord } from '../es/es-gateway';

export type SearchRecorderOptions = {
  /** Writes one batch (the Elasticsearch bulk); a rejection keeps the batch for the next flush. */
  sink: (records: SearchRecord[]) => Promise<void>;
  flushEveryMs: number;
  maxBatch: number;
  /** Bound on buffered records while the sink is failing; the oldest are dropped first. */
  maxBuffer: number;
  onFlush?: (info: { count: number; reason: 'size' | 'timer' | 'close' }) => void;
  onError?: (err: unknown) => void;
  onDrop?: (count: number) => void;
  now?: () => Date;
};

/**
 * Buffers recorded searches and writes them in bulk: on size, on a timer, and once more on `close()`.
 * Analytics are best effort: a slow or failing Elasticsearch never slows a search down.
 */
export class SearchRecorder {
  private buffer: SearchRecord[] = [];
  private flushing: Promise<void> | undefined;
  private timer: NodeJS.Timeout | undefined;
  private closed = false;
  private readonly now: () => Date;

  constructor(private readonly options: SearchRecorderOptions) {
    if (options.maxBatch < 1 || options.maxBuffer < options.maxBatch) throw new Error('SearchRecorder: need 1 ≤ maxBatch ≤ maxBuffer');
    this.now = options.now ?? (() => new Date());
    this.timer = setInterval(() => void this.flush('timer'), options.flushEveryMs);
    this.timer.unref();
  }

  /** Count one search of an already normalised query. */
  record(query: string, hits: number): void {
    if (this.closed || query === '') return;
    this.buffer.push({ query, hits, at: this.now().toISOString() });
    this.trim();
    if (this.buffer.length >= this.options.maxBatch) void this.flush('size');
  }

  get buffered(): number {
    return this.buffer.length;
  }

  /** Write everything buffered now (one flush at a time). */
  async flush(reason: 'size' | 'timer' | 'close' = 'timer'): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.buffer.length === 0) return;
    this.flushing = this.flushOnce(reason).finally(() => {
      this.flushing = undefined;
    });
    await this.flushing;
  }

  /** Stop the timer and drain what is buffered; idempotent. */
  async close(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    this.closed = true;
    await this.flush('close');
  }

  private trim(): void {
    const drop = this.buffer.length - this.options.maxBuffer;
    if (drop <= 0) return;
    this.buffer.splice(0, drop);
    this.options.onDrop?.(drop);
  }

  private async flushOnce(reason: 'size' | 'timer' | 'close'): Promise<void> {
    while (this.buffer.length > 0) {
      const batch = this.buffer.splice(0, this.options.maxBatch);
      try {
        await this.options.sink(batch);
        this.options.onFlush?.({ count: batch.length, reason });
      } catch (err) {
        this.options.onError?.(err);
        if (reason === 'close') {
          this.options.onDrop?.(batch.length + this.buffer.length);
          this.buffer = [];
        } else {
          // Keep the batch for the next timer; `record` bounds the buffer.
          this.buffer.unshift(...batch);
          this.trim();
        }
        return;
      }
    }
  }
}
