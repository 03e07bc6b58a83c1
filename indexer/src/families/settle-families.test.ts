import { describe, expect, it } from 'vitest';
import { pino } from 'pino';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import { familyChanges, settleFamilies } from './settle-families';

const op = (id: string, document: Record<string, unknown>): BulkOperation => ({
  action: { index: { _index: 'products', _id: id, version: 1, version_type: 'external' } },
  document,
});
const ops = [op('A', { familyKey: 'g:T' }), op('B', { deleted: true }), op('C', { familyKey: 'p:C' }), op('D', { familyKey: 'p:D' })];
const outcomes: ItemOutcome[] = [{ kind: 'ack' }, { kind: 'stale' }, { kind: 'retry', reason: 'x' }, { kind: 'reject', reason: 'y' }];
const log = pino({ level: 'silent' });

describe('familyChanges', () => {
  it('takes written and stale items (a redelivery after a failed family step is stale), deletions name no family', () => {
    expect(familyChanges(ops, outcomes)).toEqual([{ id: 'A', key: 'g:T' }, { id: 'B', key: undefined }]);
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
