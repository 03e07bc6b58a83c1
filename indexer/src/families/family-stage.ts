import type { Logger } from 'pino';
import { Batcher } from '../bulk/batcher';
import type { ItemOutcome } from '../bulk/classify-bulk-item';
import type { BulkOperation } from '../bulk/to-bulk-operation';
import type { FamilyMaintainer } from './family-maintainer';
import type { FamilyChange } from './plan-family-writes';
import { familyChange, settleFamilies, withFamilyOutcome } from './settle-families';

export type FamilyStageOptions = {
  /** Maintenance rounds running at once. */
  concurrency: number;
  /** Family changes (one per product written) one round takes at most. */
  maxChanges: number;
};

/** Counters for the metrics; all optional. */
export type FamilyStageEvents = { round?: (seconds: number, changes: number) => void; failed?: () => void };

/**
 * The second stage of the indexing pipeline (issue 18): a product batch hands its family changes here once its bulk is
 * done, so its bulk slot is free for the next batch while the families are maintained. While every round slot is busy
 * the changes of the following batches gather into one round (one lookup, one read, one guarded bulk and one
 * validation for many batches). Each message's outcome waits for the round holding its change: it is acked only once
 * its family is written, and retried (nacked) when that round failed.
 */
export class FamilyStage {
  private readonly rounds: Batcher<FamilyChange, ItemOutcome>;

  constructor(
    families: Pick<FamilyMaintainer, 'maintain'>,
    log: Logger,
    options: FamilyStageOptions,
    events: FamilyStageEvents = {},
  ) {
    // No linger: a round starts as soon as a slot is free; what arrives while none is gathers for the next one.
    const limits = { maxDocs: options.maxChanges, maxBytes: Number.MAX_SAFE_INTEGER, maxWaitMs: 0, concurrency: options.concurrency };
    this.rounds = new Batcher<FamilyChange, ItemOutcome>(limits, async (changes) => {
      const started = performance.now();
      const settled = await settleFamilies(families, changes, changes.map((): ItemOutcome => ({ kind: 'ack' })), log, () => events.failed?.());
      events.round?.((performance.now() - started) / 1000, changes.length);
      return settled;
    });
  }

  /**
   * The final outcome of each item of a product batch whose bulk came back with `outcomes`: items the products index
   * holds (written or stale) once their family round is done, the others as they are.
   */
  settle(ops: readonly BulkOperation[], outcomes: readonly ItemOutcome[]): Promise<ItemOutcome>[] {
    return ops.map(async (op, i) => {
      const outcome = outcomes[i] ?? { kind: 'retry', reason: 'no bulk result' };
      const change = familyChange(op, outcome);
      return change ? withFamilyOutcome(outcome, await this.rounds.add(change, 1)) : outcome;
    });
  }

  /** What waits where, for the stall warning. */
  stats(): ReturnType<Batcher<FamilyChange, ItemOutcome>['stats']> {
    return this.rounds.stats();
  }

  /** Run what is queued and wait until every round has finished. */
  drain(): Promise<void> {
    return this.rounds.drain();
  }
}
