import { pino } from 'pino';
import { describe, expect, it } from 'vitest';
import { FakeBroker } from '../adapters/pull-api.test-helpers';
import { dueForRenewal, pullRoom, PullLoop, type PullLoopOptions, type Verdict } from './pull-loop';

const log = pino({ level: 'silent' });
const options: PullLoopOptions = {
  maxHeld: 50,
  maxHeldBytes: 1_000_000,
  maxPerPull: 20,
  pullConcurrency: 3,
  pullTimeoutMs: 1000,
  leaseSeconds: 20,
  initialLeaseSeconds: 10,
  renewAheadMs: 5000,
  closeTimeoutMs: 200,
};
const until = async (check: () => boolean, ms = 3000) => {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('condition not reached');
    await new Promise((r) => setTimeout(r, 5));
  }
};

describe('pullRoom', () => {
  const limits = { maxHeld: 100, maxHeldBytes: 1000, maxPerPull: 30 };
  it.each([
    { state: { held: 0, heldBytes: 0, reserved: 0, unconfirmed: 0 }, room: 30, why: 'a whole pull when empty' },
    { state: { held: 80, heldBytes: 0, reserved: 0, unconfirmed: 0 }, room: 20, why: 'only what is left' },
    { state: { held: 60, heldBytes: 0, reserved: 30, unconfirmed: 5 }, room: 0, why: 'pulls in flight and unconfirmed acks count (5 free < 10)' },
    { state: { held: 85, heldBytes: 0, reserved: 0, unconfirmed: 0 }, room: 15, why: 'a tenth of the budget is worth a pull' },
    { state: { held: 91, heldBytes: 0, reserved: 0, unconfirmed: 0 }, room: 0, why: 'less than a tenth is not' },
    { state: { held: 1, heldBytes: 1000, reserved: 0, unconfirmed: 0 }, room: 0, why: 'the byte budget is spent' },
  ])('$why', ({ state, room }) => expect(pullRoom(state, limits)).toBe(room));
});

describe('dueForRenewal', () => {
  it('picks the leases that end within the margin, never released ones', () => {
    const held = new Map([
      ['a', { leaseUntil: 10_000, released: false }],
      ['b', { leaseUntil: 20_000, released: false }],
      ['c', { leaseUntil: 1_000, released: true }],
    ]);
    expect(dueForRenewal(held, 6_000, 5_000)).toEqual(['a']);
  });
});

describe('PullLoop', () => {
  it('never holds more than its budget, however long the backlog, and acks each message once', async () => {
    const broker = new FakeBroker();
    for (let i = 0; i < 500; i++) broker.publish(`{"n":${i}}`);
    let open: () => void = () => {};
    const gate = new Promise<void>((resolve) => (open = resolve));
    let running = 0;
    let maxRunning = 0;
    const loop = new PullLoop(broker, options, async (): Promise<Verdict> => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await gate;
      running -= 1;
      return 'ack';
    }, log);
    loop.start();
    await until(() => loop.size === 50);
    await new Promise((r) => setTimeout(r, 50));
    expect(loop.size).toBe(50);
    expect(broker.inFlight).toBe(50);
    expect(broker.pullSizes.every((n) => n <= 20)).toBe(true);
    open();
    await until(() => broker.acked.length === 500);
    await loop.close();
    expect(maxRunning).toBe(50);
    expect(new Set(broker.acked).size).toBe(500);
    expect(broker.nacked).toEqual([]);
    // Settled well within the subscription's deadline: no ModifyAckDeadline at all, only Pull and Acknowledge.
    expect(broker.renewed).toEqual([]);
  });

  it('keeps renewing the lease of a message its handler holds', async () => {
    const broker = new FakeBroker();
    broker.publish('{}', 'slow');
    let release: () => void = () => {};
    const done = new Promise<void>((resolve) => (release = resolve));
    // The first lease is assumed to be over at once, so the first tick (1 s) renews it.
    const loop = new PullLoop(broker, { ...options, initialLeaseSeconds: 0 }, async () => (await done, 'ack'), log);
    loop.start();
    await until(() => broker.renewed.length > 0, 3000);
    expect(broker.renewed[0]).toHaveLength(1);
    release();
    await until(() => broker.acked.length === 1);
    await loop.close();
  });

  it('backs off when Pull fails and pulls again once it works', async () => {
    const broker = new FakeBroker();
    broker.failPulls = 3;
    broker.publish('{}');
    const loop = new PullLoop(broker, { ...options, pullConcurrency: 1 }, async () => 'ack', log);
    loop.start();
    await until(() => broker.acked.length === 1);
    await loop.close();
    expect(broker.pullSizes.length).toBeGreaterThanOrEqual(4);
  });

  it('nacks what a failed handler threw on, so it is redelivered', async () => {
    const broker = new FakeBroker();
    broker.redeliver = false;
    broker.publish('{}', 'bad');
    const loop = new PullLoop(broker, options, async () => {
      throw new Error('boom');
    }, log);
    loop.start();
    await until(() => broker.nacked.length === 1);
    await loop.close();
    expect(broker.nacked).toEqual(['bad']);
  });

  it('close() waits for messages in progress, then gives back those that outlast the close timeout', async () => {
    const broker = new FakeBroker();
    broker.redeliver = false;
    broker.publish('{}', 'quick');
    broker.publish('{}', 'stuck');
    const loop = new PullLoop(broker, options, async (m) => {
      if (m.id === 'quick') {
        await new Promise((r) => setTimeout(r, 50));
        return 'ack';
      }
      return new Promise<Verdict>(() => {});
    }, log);
    loop.start();
    await until(() => loop.size === 2);
    await loop.close();
    expect(broker.acked).toEqual(['quick']);
    expect(broker.nacked).toEqual(['stuck']);
    expect(loop.size).toBe(0);
  });
});
