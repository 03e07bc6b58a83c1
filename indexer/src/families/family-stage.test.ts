import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import { FamilyStage } from './family-stage';
import type { FamilyChange } from './plan-family-writes';

const op = (id: string): BulkOperation => ({
  action: { index: { _index: 'products', _id: id, version: 2, version_type: 'external' } },
  document: { familyKey: `p:${id}` },
});
const log = pino({ level: 'silent' });
const ack: ItemOutcome = { kind: 'ack' };

/** A maintainer whose rounds finish when the test says so, recording what each round was given. */
function gatedMaintainer() {
  const rounds: string[][] = [];
  const gates: (() => void)[] = [];
  let fail = false;
  const families = {
    maintain: async (changes: readonly FamilyChange[]) => {
      rounds.push(changes.map((c) => c.id));
      await new Promise<void>((resolve) => gates.push(resolve));
      if (fail) throw new Error('still conflicting');
    },
  };
  const until = async (n: number) => {
    while (gates.length < n) await new Promise((r) => setImmediate(r));
  };
  return { families, rounds, release: (i: number) => gates[i]?.(), until, failNext: () => (fail = true) };
}

describe('FamilyStage', () => {
  it('settles each item only after its family round, and gathers the batches that arrive meanwhile into one round', async () => {
    const m = gatedMaintainer();
    const stage = new FamilyStage(m.families, log, { concurrency: 1, maxChanges: 100 });
    let firstDone = false;
    const first = stage.settle([op('A'), op('B')], [ack, ack]);
    void Promise.all(first).then(() => (firstDone = true));
    await m.until(1);
    const second = stage.settle([op('C')], [ack]);
    const third = stage.settle([op('D'), op('E')], [ack, { kind: 'stale' }]);
    await new Promise((r) => setImmediate(r));
    expect(firstDone).toBe(false);
    m.release(0);
    expect(await Promise.all(first)).toEqual([ack, ack]);
    await m.until(2);
    expect(m.rounds).toEqual([['A', 'B'], ['C', 'D', 'E']]);
    m.release(1);
    expect(await Promise.all([...second, ...third])).toEqual([ack, ack, { kind: 'stale' }]);
  });

  it('retries the written and stale items of a failed round, passes the others through without a round', async () => {
    const m = gatedMaintainer();
    let failures = 0;
    const stage = new FamilyStage(m.families, log, { concurrency: 1, maxChanges: 100 }, { failed: () => (failures += 1) });
    const rejected: ItemOutcome = { kind: 'reject', reason: 'mapping' };
    const settled = stage.settle([op('A'), op('B'), op('C')], [ack, rejected, { kind: 'stale' }]);
    await m.until(1);
    m.failNext();
    m.release(0);
    const outcomes = await Promise.all(settled);
    expect(outcomes.map((o) => o.kind)).toEqual(['retry', 'reject', 'retry']);
    expect(m.rounds).toEqual([['A', 'C']]);
    expect(failures).toBe(1);
  });

  it('cuts a round at maxChanges and drains what is queued', async () => {
    const rounds: number[] = [];
    const stage = new FamilyStage({ maintain: async (changes) => void rounds.push(changes.length) }, log, { concurrency: 2, maxChanges: 3 });
    const settled = stage.settle(['A', 'B', 'C', 'D', 'E'].map(op), Array.from({ length: 5 }, () => ack));
    await stage.drain();
    expect(rounds).toEqual([3, 2]);
    expect(await Promise.all(settled)).toHaveLength(5);
  });
});
