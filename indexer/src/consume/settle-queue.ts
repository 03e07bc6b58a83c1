import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';

export type SettleQueueOptions = {
  /** Ack ids per request (Pub/Sub allows 512 KB per request; ack ids are ≤ ~200 bytes). */
  maxBatch: number;
  /** How long the first queued id waits for others before its request goes out. */
  maxDelayMs: number;
  /** Attempts per request before its ids are given up (Pub/Sub then redelivers them; versions make that harmless). */
  attempts: number;
  retryDelayMs: number;
};

/**
 * Batches ack ids into Acknowledge (or ModifyAckDeadline 0) requests: flushes on count or after a short
 * delay, retries a failed request a few times, and counts what is not yet confirmed, so that the pull
 * loop can count it against its capacity (an unreachable broker must stop the pulling, not grow a queue).
 */
export class SettleQueue {
  private queued: string[] = [];
  private inFlight = 0;
  private timer: NodeJS.Timeout | undefined;
  private readonly idle: (() => void)[] = [];

  constructor(
    private readonly send: (ackIds: readonly string[]) => Promise<void>,
    private readonly options: SettleQueueOptions,
    private readonly log: Logger,
    private readonly what: string,
    private readonly onChange: () => void = () => {},
  ) {}

  /** Ids queued or being sent. */
  get pending(): number {
    return this.queued.length + this.inFlight;
  }

  add(ackId: string): void {
    this.queued.push(ackId);
    if (this.queued.length >= this.options.maxBatch) this.flush();
    else this.timer ??= setTimeout(() => this.flush(), this.options.maxDelayMs);
  }

  /** Send everything queued now; resolves when every request (with its retries) has finished. */
  async drain(): Promise<void> {
    this.flush();
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idle.push(resolve));
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    while (this.queued.length > 0) {
      const batch = this.queued.splice(0, this.options.maxBatch);
      this.inFlight += batch.length;
      void this.sendWithRetries(batch).finally(() => {
        this.inFlight -= batch.length;
        this.onChange();
        if (this.inFlight === 0) this.idle.splice(0).forEach((resolve) => resolve());
      });
    }
  }

  private async sendWithRetries(batch: string[]): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.send(batch);
        return;
      } catch (err) {
        if (attempt >= this.options.attempts) {
          this.log.warn({ err, ids: batch.length, what: this.what }, 'giving up settling messages; Pub/Sub will redeliver them');
          return;
        }
        await sleep(this.options.retryDelayMs * attempt);
      }
    }
  }
}
