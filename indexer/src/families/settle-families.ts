import type { Logger } from 'pino';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import type { FamilyMaintainer } from './family-maintainer';
import type { FamilyChange } from './plan-family-writes';

/**
 * The family change of one item of a batch (pure): every item the products index now holds at this or a newer version
 * (`ack` and `stale`); undefined for the others. Stale ones count too: a redelivery after a failed family step finds
 * its product already written, and recomputing a family from the products index is idempotent. An accepted version 1
 * created the product (versions start at 1 and external versioning only accepts a higher one). A written item carries
 * its document as sent (with the indexedAt it was written with), so its family round need not read it back.
 */
export function familyChange(op: BulkOperation, outcome: ItemOutcome): FamilyChange | undefined {
  if (outcome.kind !== 'ack' && outcome.kind !== 'stale') return undefined;
  const key = op.document.deleted === true ? undefined : op.document.familyKey;
  const change: FamilyChange = { id: op.action.index._id, key: typeof key === 'string' ? key : undefined };
  if (outcome.kind === 'stale') return change;
  const { version } = op.action.index;
  const written = outcome.indexedAt === undefined ? {} : { written: { version, source: { ...op.document, indexedAt: outcome.indexedAt } } };
  return { ...change, ...(version === 1 ? { created: true } : {}), ...written };
}

/** An item's outcome once its family round is done (pure): a failed round turns a written or stale item into a retry. */
export function withFamilyOutcome(product: ItemOutcome, family: ItemOutcome): ItemOutcome {
  return family.kind === 'retry' && (product.kind === 'ack' || product.kind === 'stale') ? family : product;
}

/** Maintain the families of a round's changes; when that fails, every written or stale item is retried (nacked, redelivered). */
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
