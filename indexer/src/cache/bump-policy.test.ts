import { describe, expect, it } from 'vitest';
import { bumpDue, writeGate, type BumpTiming } from './bump-policy';

const t: BumpTiming = { seenWithinMs: 500, youngMs: 5000, heartbeatMs: 1000, settleMs: 1100 };
const now = 100_000;

describe('writeGate', () => {
  it.each([
    { why: 'no bump yet: bump, then wait until every reader has seen it', h: {}, gate: { bump: true, waitMs: 500 } },
    { why: 'a bump every reader has seen and that stays young covers the write', h: { lastOk: now - 800 }, gate: { bump: false, waitMs: 0 } },
    { why: 'a bump too recent to have been seen: wait for the rest of the reuse window', h: { lastOk: now - 200 }, gate: { bump: false, waitMs: 300 } },
    { why: 'a recent bump not yet seen, but the one before covers the write (heartbeats while writing)', h: { lastOk: now - 200, previousOk: now - 1200 }, gate: { bump: false, waitMs: 0 } },
    { why: 'a bump too old to stay young through the next heartbeat: bump again', h: { lastOk: now - 3600 }, gate: { bump: true, waitMs: 500 } },
  ])('$why', ({ h, gate }) => expect(writeGate(h, now, t)).toEqual(gate));
});

describe('bumpDue', () => {
  const idle = { writing: 0, owed: false };
  it.each([
    { why: 'nothing written: nothing to do', s: { ...idle }, due: false },
    { why: 'heartbeat while a bulk is in flight', s: { ...idle, writing: 1, lastAttempt: now - 1000 }, due: true },
    { why: 'not twice within a heartbeat', s: { ...idle, writing: 2, lastAttempt: now - 400 }, due: false },
    { why: 'the settling bump once the last write is visible', s: { ...idle, lastWriteEnd: now - 1100, lastOk: now - 1500, lastAttempt: now - 1500 }, due: true },
    { why: 'not before it is visible', s: { ...idle, lastWriteEnd: now - 500, lastOk: now - 900, lastAttempt: now - 900 }, due: false },
    { why: 'not again after the settling bump', s: { ...idle, lastWriteEnd: now - 3000, lastOk: now - 1800, lastAttempt: now - 1800 }, due: false },
    { why: 'a failed bump is owed and retried every heartbeat', s: { ...idle, owed: true, lastAttempt: now - 1000 }, due: true },
    { why: 'but not in a hot loop', s: { ...idle, owed: true, lastAttempt: now - 100 }, due: false },
  ])('$why', ({ s, due }) => expect(bumpDue(s, now, t)).toBe(due));

  it('keeps every write covered while bulks run back to back (a young bump always seen by all readers)', () => {
    // Simulate 10 s of continuous writing with heartbeats; before each 100 ms bulk the gate must not wait.
    let h: { lastOk?: number; previousOk?: number; lastAttempt?: number } = {};
    let waited = 0;
    for (let clock = 0; clock < 10_000; clock += 100) {
      const gate = writeGate(h, clock, t);
      if (gate.bump) h = { lastOk: clock, previousOk: h.lastOk, lastAttempt: clock };
      waited += gate.waitMs;
      clock += gate.waitMs;
      if (bumpDue({ ...h, writing: 1, owed: false }, clock, t)) h = { lastOk: clock, previousOk: h.lastOk, lastAttempt: clock };
    }
    // Only the first write after a quiet period waits for its bump to be seen.
    expect(waited).toBe(500);
  });
});
