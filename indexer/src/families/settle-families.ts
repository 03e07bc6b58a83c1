import type { Logger } from 'pino';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import type { FamilyMaintainer } from './family-maintainer';
import type { FamilyChange } from './plan-family-writes';

/**
 * The family changes of a batch: every item the products index now holds at this or a newer version (`ack` and
 * `stale`). Stale ones count too: a redelivery after a failed family step finds its product already written, and
 * recomputing a family from the products index is idempotent.
 */
export function familyChanges(ops: readonly BulkOperation[], outcomes: readonly ItemOutcome[]): FamilyChange[] {
  return ops.flatMap((op, i) => {
    const kind = outcomes[i]?.kind;
    if (kind !== 'ack' && kind !== 'stale') return [];
    const key = op.document.deleted === true ? undefined : op.document.familyKey;
    return [{ id: op.action.index._id, key: typeof key === 'string' ? key : undefined }];
  });
}

/** Maintain the batch's families; when that fails, every written or stale item is retried (nacked, redelivered). */
export async function settleFamilies(
  families: Pick<FamilyMaintainer, 'maintain'>,
  changes: readonly FamilyChange[],
  outcomes: readonly ItemOutcome[],
  log: Logger,
  onFailure: () => void,
): Promise<ItemOutcome[]> {
  try {
    await families.maintain(changes);
    return [...outcomes];
  } catch (err) {
    onFailure();
    const reason = `families not maintained: ${err instanceof Error ? err.message : String(err)}`;
    log.warn({ err: err instanceof Error ? err.message : err, items: changes.length }, 'family maintenance failed; the batch will be redelivered');
    return outcomes.map((o) => (o.kind === 'ack' || o.kind === 'stale' ? { kind: 'retry', reason } : o));
  }
}
