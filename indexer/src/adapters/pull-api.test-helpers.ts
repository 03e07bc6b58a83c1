import type { PullApi, PulledMessage } from './pull-api';

/**
 * An in-memory subscription behind the PullApi interface: Pull hands out queued messages with fresh ack
 * ids and counts delivery attempts like Pub/Sub; Acknowledge removes them; ModifyAckDeadline 0 puts
 * them back. Records every call so tests can assert what the loop asked for.
 */
export class FakeBroker implements PullApi {
  readonly queue: { id: string; data: Buffer; attempts: number }[] = [];
  readonly outstanding = new Map<string, { id: string; data: Buffer; attempts: number }>();
  readonly acked: string[] = [];
  readonly nacked: string[] = [];
  readonly renewed: string[][] = [];
  readonly pullSizes: number[] = [];
  failPulls = 0;
  /** Whether a nacked message is queued again (Pub/Sub does; a test may want to see it only once). */
  redeliver = true;
  private seq = 0;

  publish(data: string, id = `m-${this.seq + 1}`): void {
    this.seq += 1;
    this.queue.push({ id, data: Buffer.from(data), attempts: 0 });
  }

  /** Messages delivered and not yet acked or given back. */
  get inFlight(): number {
    return this.outstanding.size;
  }

  async pull(maxMessages: number): Promise<PulledMessage[]> {
    this.pullSizes.push(maxMessages);
    if (this.failPulls > 0) {
      this.failPulls -= 1;
      throw new Error('UNAVAILABLE');
    }
    // A real Pull long-polls when there is nothing; a short wait keeps idle loops from spinning.
    if (this.queue.length === 0) await new Promise((resolve) => setTimeout(resolve, 5));
    return this.queue.splice(0, maxMessages).map((m) => {
      m.attempts += 1;
      this.seq += 1;
      const ackId = `ack-${this.seq}`;
      this.outstanding.set(ackId, m);
      return { ackId, id: m.id, data: m.data, attributes: {}, publishTime: new Date(0), deliveryAttempt: m.attempts };
    });
  }

  async acknowledge(ackIds: readonly string[]): Promise<void> {
    for (const ackId of ackIds) {
      const m = this.outstanding.get(ackId);
      if (m) this.acked.push(m.id);
      this.outstanding.delete(ackId);
    }
  }

  async modifyAckDeadline(ackIds: readonly string[], seconds: number): Promise<void> {
    if (seconds > 0) {
      this.renewed.push([...ackIds]);
      return;
    }
    for (const ackId of ackIds) {
      const m = this.outstanding.get(ackId);
      if (!m) continue;
      this.outstanding.delete(ackId);
      this.nacked.push(m.id);
      if (this.redeliver) this.queue.push(m);
    }
  }
}
