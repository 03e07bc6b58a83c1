import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import { familyChange, settleFamilies, withFamilyOutcome } from './settle-families';

const op = (id: string, document: Record<string, unknown>, version = 2): BulkOperation => ({
  action: { index: { _index: 'products', _id: id, version, version_type: 'external' } },
  document,
});
const ops = [op('A', { familyKey: 'g:T' }), op('B', { deleted: true }), op('C', { familyKey: 'p:C' }), op('D', { familyKey: 'p:D' })];
const outcomes: ItemOutcome[] = [{ kind: 'ack' }, { kind: 'stale' }, { kind: 'retry', reason: 'x' }, { kind: 'reject', reason: 'y' }];
const log = pino({ level: 'silent' });

describe('familyChange', () => {
  it('takes written and stale items (a redelivery after a failed family step is stale), deletions name no family', () => {
    expect(ops.map((o, i) => familyChange(o, outcomes[i] ?? { kind: 'ack' }))).toEqual([{ id: 'A', key: 'g:T' }, { id: 'B', key: undefined }, undefined, undefined]);
  });

  it('marks a written version 1 as created (nothing can list it yet), a stale one not (it may have been written before)', () => {
    const first = op('N', { familyKey: 'g:T' }, 1);
    expect(familyChange(first, { kind: 'ack' })).toEqual({ id: 'N', key: 'g:T', created: true });
    expect(familyChange(first, { kind: 'stale' })).toEqual({ id: 'N', key: 'g:T' });
    expect(familyChange(op('N', { familyKey: 'g:T' }, 2), { kind: 'ack' })).toEqual({ id: 'N', key: 'g:T' });
  });

  it('carries a written document as sent, with the indexedAt it was written with; a stale one is read from the index', () => {
    const moved = op('M', { familyKey: 'g:U', title: 'Mug' }, 3);
    const indexedAt = '2026-12-03T06:00:00.000Z';
    expect(familyChange(moved, { kind: 'ack', indexedAt })).toEqual({ id: 'M', key: 'g:U', written: { version: 3, source: { familyKey: 'g:U', title: 'Mug', indexedAt } } });
    expect(familyChange(moved, { kind: 'stale' })).toEqual({ id: 'M', key: 'g:U' });
  });
});

describe('withFamilyOutcome', () => {
  it('a failed family round turns a written or stale item into its retry; other outcomes stay', () => {
    const failed: ItemOutcome = { kind: 'retry', reason: 'families not maintained' };
    expect(outcomes.map((o) => withFamilyOutcome(o, failed))).toEqual([failed, failed, outcomes[2], outcomes[3]]);
    expect(outcomes.map((o) => withFamilyOutcome(o, { kind: 'ack' }))).toEqual(outcomes);
  });
});

describe('settleFamilies', () => {
  it('keeps the outcomes when the families were maintained', async () => {
    expect(await settleFamilies({ maintain: async () => undefined }, [], outcomes, log, () => undefined)).toEqual(outcomes);
  });

  it('turns written and stale items into retries when they were not, so the batch is redelivered', async () => {
    let failures = 0;
    const settled = await settleFamilies({ maintain: async () => Promise.reject(new Error('conflicts')) }, [], outcomes, log, () => (failures += 1));
    expect(settled.map((o) => o.kind)).toEqual(['retry', 'retry', 'retry', 'reject']);
    expect(failures).toBe(1);
  });
});
