import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { SettleQueue } from './settle-queue';

const log = pino({ level: 'silent' });
const options = { maxBatch: 3, maxDelayMs: 10, attempts: 3, retryDelayMs: 1 };

describe('SettleQueue', () => {
  it('sends full batches at once and the rest after the delay, counting what is unconfirmed', async () => {
    const sent: string[][] = [];
    const queue = new SettleQueue(async (ids) => void sent.push([...ids]), options, log, 'ack');
    ['a', 'b', 'c', 'd'].forEach((id) => queue.add(id));
    expect(sent).toEqual([['a', 'b', 'c']]);
    // Three being sent (not yet confirmed) and one waiting.
    expect(queue.pending).toBe(4);
    await queue.drain();
    expect(sent).toEqual([['a', 'b', 'c'], ['d']]);
    expect(queue.pending).toBe(0);
  });

  it('retries a failed request, then gives its ids up (Pub/Sub redelivers them)', async () => {
    let calls = 0;
    const queue = new SettleQueue(async () => {
      calls += 1;
      if (calls < 3) throw new Error('UNAVAILABLE');
    }, options, log, 'ack');
    queue.add('a');
    await queue.drain();
    expect(calls).toBe(3);

    let failing = 0;
    const hopeless = new SettleQueue(async () => {
      failing += 1;
      throw new Error('UNAVAILABLE');
    }, options, log, 'ack');
    hopeless.add('b');
    expect(hopeless.pending).toBe(1);
    await hopeless.drain();
    expect(failing).toBe(3);
    expect(hopeless.pending).toBe(0);
  });
});
