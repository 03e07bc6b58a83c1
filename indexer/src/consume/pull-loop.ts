import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from 'pino';
import type { PullApi, PulledMessage } from '../adapters/pull-api';
import { SettleQueue } from './settle-queue';

export type PullLoopOptions = {
  /** Messages pulled and not yet confirmed settled: the loop's whole memory (and lease) budget. */
  maxHeld: number;
  /** Bytes of message data held; pulling stops above it (one pull may overshoot by its own messages). */
  maxHeldBytes: number;
  /** Messages asked for per Pull (Pub/Sub returns at most 1 000; the emulator at most 100). */
  maxPerPull: number;
  /** Pull requests in flight at once. */
  pullConcurrency: number;
  /** A Pull waits up to this long for messages (long poll); close() waits for it too. */
  pullTimeoutMs: number;
  /** Lease set on every renewal. Short, so that what a killed process held comes back soon. */
  leaseSeconds: number;
  /**
   * Lease a pulled message is assumed to have until its first renewal: Pub/Sub's minimum ack deadline (10 s), which
   * the subscription's own deadline is never below. No lease is set on receipt (one ModifyAckDeadline per Pull, for
   * messages that mostly settle long before it matters): the first renewal comes `renewAheadMs` before this runs out.
   */
  initialLeaseSeconds: number;
  /** Renew a lease when it has less than this left (checked every second). */
  renewAheadMs: number;
  /** How long close() lets held messages finish before it gives them back. */
  closeTimeoutMs: number;
};

/** What the handler decided; `nack` gives the message back for redelivery at once. */
export type Verdict = 'ack' | 'nack';

/** Observers for metrics; all optional. */
export type PullLoopEvents = {
  pulled?: (messages: number) => void;
  pullFailed?: (err: unknown) => void;
  renewed?: (messages: number) => void;
};

type Held = { bytes: number; leaseUntil: number; released: boolean };

/** How many messages one more Pull may ask for now (0 = wait). Pure; the loop's flow control. */
export function pullRoom(state: { held: number; heldBytes: number; reserved: number; unconfirmed: number }, options: Pick<PullLoopOptions, 'maxHeld' | 'maxHeldBytes' | 'maxPerPull'>): number {
  if (state.heldBytes >= options.maxHeldBytes) return 0;
  const free = options.maxHeld - state.held - state.reserved - state.unconfirmed;
  // Tiny pulls cost a round trip each; wait until a tenth of the budget (or a whole pull) is free.
  const worthIt = Math.min(options.maxPerPull, Math.max(1, Math.floor(options.maxHeld / 10)));
  return free >= worthIt ? Math.min(options.maxPerPull, free) : 0;
}

/** Ack ids whose lease ends within `aheadMs` of `now`. Pure. */
export function dueForRenewal(held: ReadonlyMap<string, { leaseUntil: number; released: boolean }>, now: number, aheadMs: number): string[] {
  const due: string[] = [];
  for (const [ackId, h] of held) if (!h.released && h.leaseUntil - now < aheadMs) due.push(ackId);
  return due;
}

/**
 * Pulls with unary Pull requests that ask only for what fits in the budget, keeps every held message's
 * lease extended until its handler settles it (from shortly before the subscription's ack deadline would end it),
 * and batches the acks. Memory is bounded by `maxHeld` and
 * `maxHeldBytes` whatever the backlog, and a held message never expires (so it never costs a delivery
 * attempt) while this process lives, however long Elasticsearch makes it wait.
 */
export class PullLoop {
  private readonly held = new Map<string, Held>();
  private heldBytes = 0;
  private reserved = 0;
  private closing = false;
  private started = false;
  private workers: Promise<void>[] = [];
  private renewTimer: NodeJS.Timeout | undefined;
  private renewing = false;
  private roomWaiters: (() => void)[] = [];
  private drainWaiters: (() => void)[] = [];
  private readonly acks: SettleQueue;
  private readonly nacks: SettleQueue;
  private closed: Promise<void> | undefined;

  constructor(
    private readonly api: PullApi,
    private readonly options: PullLoopOptions,
    private readonly handler: (message: PulledMessage) => Promise<Verdict>,
    private readonly log: Logger,
    private readonly events: PullLoopEvents = {},
  ) {
    const queue = { maxBatch: 1000, maxDelayMs: 20, attempts: 5, retryDelayMs: 200 };
    this.acks = new SettleQueue((ids) => api.acknowledge(ids), queue, log, 'ack', () => this.wake());
    this.nacks = new SettleQueue((ids) => api.modifyAckDeadline(ids, 0), queue, log, 'nack', () => this.wake());
  }

  /** Messages held (handed to the handler, not yet settled). */
  get size(): number {
    return this.held.size;
  }

  start(): void {
    if (this.started || this.closing) return;
    this.started = true;
    this.workers = Array.from({ length: this.options.pullConcurrency }, () => this.work());
    this.renewTimer = setInterval(() => void this.renew(), 1000);
  }

  /**
   * Stop pulling, let held messages finish for up to `closeTimeoutMs`, give the rest back (nack) and
   * send the last acks. Idempotent.
   */
  close(): Promise<void> {
    this.closed ??= (async () => {
      this.closing = true;
      this.wake();
      await Promise.all(this.workers);
      if (this.held.size > 0) {
        await Promise.race([new Promise<void>((resolve) => this.drainWaiters.push(resolve)), sleep(this.options.closeTimeoutMs)]);
      }
      clearInterval(this.renewTimer);
      const left = [...this.held.keys()];
      for (const ackId of left) this.release(ackId, 'nack');
      if (left.length > 0) this.log.warn({ messages: left.length }, 'gave back messages still in progress at shutdown');
      await Promise.all([this.acks.drain(), this.nacks.drain()]);
    })();
    return this.closed;
  }

  private room(): number {
    return pullRoom(
      { held: this.held.size, heldBytes: this.heldBytes, reserved: this.reserved, unconfirmed: this.acks.pending + this.nacks.pending },
      this.options,
    );
  }

  private wake(): void {
    this.roomWaiters.splice(0).forEach((resolve) => resolve());
  }

  private async work(): Promise<void> {
    let failures = 0;
    while (!this.closing) {
      const n = this.room();
      if (n === 0) {
        await new Promise<void>((resolve) => this.roomWaiters.push(resolve));
        continue;
      }
      this.reserved += n;
      let messages: PulledMessage[];
      try {
        messages = await this.api.pull(n, this.options.pullTimeoutMs);
        if (failures > 0) this.log.info({ failures }, 'pulling again');
        failures = 0;
      } catch (err) {
        this.events.pullFailed?.(err);
        if (failures === 0) this.log.warn({ err }, 'pull failed; retrying with backoff');
        failures += 1;
        await sleep(Math.min(5000, 100 * 2 ** Math.min(failures, 6)));
        continue;
      } finally {
        this.reserved -= n;
      }
      this.events.pulled?.(messages.length);
      if (this.closing) {
        // Pulled while closing: give them back at once rather than let their leases run out.
        for (const m of messages) this.nacks.add(m.ackId);
        break;
      }
      // No lease call on receipt: a pulled message has the subscription's ack deadline (at least Pub/Sub's minimum,
      // `initialLeaseSeconds`), and most settle well within it; renewal extends the rest before it runs out.
      for (const message of messages) this.admit(message);
    }
  }

  private admit(message: PulledMessage): void {
    if (this.held.has(message.ackId)) return;
    const bytes = message.data.length;
    this.held.set(message.ackId, { bytes, leaseUntil: Date.now() + this.options.initialLeaseSeconds * 1000, released: false });
    this.heldBytes += bytes;
    void this.handler(message)
      .catch((err: unknown) => {
        this.log.error({ err, messageId: message.id }, 'message handler failed; nacking');
        return 'nack' as const;
      })
      .then((verdict) => this.release(message.ackId, verdict));
  }

  private release(ackId: string, verdict: Verdict): void {
    const h = this.held.get(ackId);
    if (!h || h.released) return;
    h.released = true;
    this.held.delete(ackId);
    this.heldBytes -= h.bytes;
    (verdict === 'ack' ? this.acks : this.nacks).add(ackId);
    if (this.held.size === 0) this.drainWaiters.splice(0).forEach((resolve) => resolve());
    this.wake();
  }

  private async renew(): Promise<void> {
    if (this.renewing) return;
    this.renewing = true;
    try {
      await this.renewDue();
    } finally {
      this.renewing = false;
    }
  }

  private async renewDue(): Promise<void> {
    const now = Date.now();
    const due = dueForRenewal(this.held, now, this.options.renewAheadMs);
    if (due.length === 0) return;
    for (let i = 0; i < due.length; i += 1000) {
      const chunk = due.slice(i, i + 1000);
      try {
        await this.api.modifyAckDeadline(chunk, this.options.leaseSeconds);
        for (const ackId of chunk) {
          const h = this.held.get(ackId);
          if (h) h.leaseUntil = now + this.options.leaseSeconds * 1000;
        }
        this.events.renewed?.(chunk.length);
      } catch (err) {
        // Tried again on the next tick; a lease that runs out costs one redelivery, never the message.
        this.log.warn({ err, messages: chunk.length }, 'lease renewal failed');
      }
    }
  }
}
