/** Why a batch was sent: logged and counted, it shows whether the size or the linger limits throughput. */
export type FlushReason = 'docs' | 'bytes' | 'wait' | 'drain';

export type BatcherOptions = { maxDocs: number; maxBytes: number; maxWaitMs: number; concurrency: number };

type Pending<T, R> = { item: T; resolve: (r: R) => void; reject: (e: unknown) => void };

/**
 * Groups items into batches that flush on count, bytes or linger time, runs at most `concurrency`
 * flushes at once, and gives each item its own promise of its own result. The linger time only cuts a
 * batch when a flush could start: while every slot is busy the batch keeps growing (up to its count and
 * byte limits) and goes as soon as a slot frees, so a slow cluster gets fewer, fuller bulks instead of a
 * queue of small ones.
 */
export class Batcher<T, R> {
  private current: Pending<T, R>[] = [];
  private currentBytes = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly ready: { batch: Pending<T, R>[]; reason: FlushReason }[] = [];
  private inFlight = 0;
  /** The linger time ran out while every slot was busy: cut as soon as one frees. */
  private lingerDue = false;
  private idleWaiters: (() => void)[] = [];

  constructor(
    private readonly options: BatcherOptions,
    private readonly flush: (items: T[], reason: FlushReason) => Promise<R[]>,
  ) {}

  /** Queue one item of `bytes` size; resolves with its result once its batch was flushed. */
  add(item: T, bytes: number): Promise<R> {
    return new Promise<R>((resolve, reject) => {
      if (this.current.length > 0 && this.currentBytes + bytes > this.options.maxBytes) this.cut('bytes');
      this.current.push({ item, resolve, reject });
      this.currentBytes += bytes;
      if (this.current.length >= this.options.maxDocs) this.cut('docs');
      else if (this.currentBytes >= this.options.maxBytes) this.cut('bytes');
      else this.timer ??= setTimeout(() => this.linger(), this.options.maxWaitMs);
    });
  }

  /** What is waiting where, for the stall warning: items in the open batch, batches queued, flushes running. */
  stats(): { open: number; queuedBatches: number; flushing: number; lingerDue: boolean } {
    return { open: this.current.length, queuedBatches: this.ready.length, flushing: this.inFlight, lingerDue: this.lingerDue };
  }

  /** Flush what is queued and wait until every flush has finished. */
  async drain(): Promise<void> {
    if (this.current.length > 0) this.cut('drain');
    if (this.inFlight === 0 && this.ready.length === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private linger(): void {
    this.timer = undefined;
    if (this.inFlight < this.options.concurrency && this.ready.length === 0) this.cut('wait');
    else this.lingerDue = true;
  }

  private cut(reason: FlushReason): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lingerDue = false;
    if (this.current.length === 0) return;
    this.ready.push({ batch: this.current, reason });
    this.current = [];
    this.currentBytes = 0;
    this.pump();
  }

  private pump(): void {
    while (this.inFlight < this.options.concurrency && this.ready.length > 0) {
      const next = this.ready.shift();
      if (!next) break;
      this.inFlight += 1;
      void this.run(next.batch, next.reason);
    }
  }

  private async run(batch: Pending<T, R>[], reason: FlushReason): Promise<void> {
    try {
      const results = await this.flush(
        batch.map((p) => p.item),
        reason,
      );
      batch.forEach((p, i) => {
        const result = results[i];
        if (result === undefined) p.reject(new Error(`flush returned ${results.length} results for ${batch.length} items`));
        else p.resolve(result);
      });
    } catch (err) {
      batch.forEach((p) => p.reject(err));
    } finally {
      this.inFlight -= 1;
      if (this.lingerDue && this.ready.length === 0) this.cut('wait');
      this.pump();
      if (this.inFlight === 0 && this.ready.length === 0) {
        this.idleWaiters.splice(0).forEach((resolve) => resolve());
      }
    }
  }
}
