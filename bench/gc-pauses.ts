/**
 * Garbage-collection pauses of this process while a benchmark side runs, from Node's `gc` performance entries: young
 * generation (scavenges) and the rest (mark-compact, incremental marking steps, weak callbacks). Goal 6 reads them to
 * see how much of the indexer's CPU per document is the collector keeping held messages alive.
 */
import { constants, PerformanceObserver, type PerformanceEntry } from 'node:perf_hooks';
import { setImmediate as nextTurn } from 'node:timers/promises';

export type GcPauses = { minorMs: number; otherMs: number; minorCount: number; otherCount: number };

/** A `gc` entry's kind (`detail.kind`; Node < 16 put it on the entry itself). */
function kindOf(entry: PerformanceEntry): number | undefined {
  const detail = 'detail' in entry ? entry.detail : undefined;
  if (typeof detail === 'object' && detail !== null && 'kind' in detail && typeof detail.kind === 'number') return detail.kind;
  return undefined;
}

/** Sums `gc` entries by kind. Pure. */
export function sumGcPauses(entries: readonly PerformanceEntry[]): GcPauses {
  const sum: GcPauses = { minorMs: 0, otherMs: 0, minorCount: 0, otherCount: 0 };
  for (const entry of entries) {
    if (entry.entryType !== 'gc') continue;
    if (kindOf(entry) === constants.NODE_PERFORMANCE_GC_MINOR) {
      sum.minorMs += entry.duration;
      sum.minorCount += 1;
    } else {
      sum.otherMs += entry.duration;
      sum.otherCount += 1;
    }
  }
  return sum;
}

/** Starts collecting this process's GC pauses; `stop()` returns their sums since the start. */
export function countGcPauses(): { stop: () => Promise<GcPauses> } {
  const entries: PerformanceEntry[] = [];
  const observer = new PerformanceObserver((list) => entries.push(...list.getEntries()));
  observer.observe({ entryTypes: ['gc'] });
  return {
    stop: async () => {
      // Node queues a collection's entry after it ends, on a later turn of the event loop; then undelivered ones are taken.
      await nextTurn();
      entries.push(...observer.takeRecords());
      observer.disconnect();
      return sumGcPauses(entries);
    },
  };
}
