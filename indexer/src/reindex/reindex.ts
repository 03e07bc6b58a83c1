import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { parseIndexVersion, productIndexDefinition, versionedIndexName, type IndexSizing } from '@catalog/mappings';
import { copyDocuments } from './copy-documents';
import { extraWriteAlias, readExtraTargets } from './write-targets';

export type ReindexPhase = 'backfill' | 'catch-up' | 'final catch-up';

export type ReindexOptions = {
  alias: string;
  /** The indexers' WRITE_TARGETS_POLL_MS: how long until every running indexer dual-writes. */
  writeTargetsPollMs: number;
  batchSize: number;
  /**
   * Catch-up passes copy what was written to the old index since the backfill started, less this
   * margin (covers a bulk request's duration and clock skew between hosts).
   */
  catchUpMarginMs: number;
  /** Leave out tombstones whose write is older than this many days (see the tombstone policy). */
  dropTombstonesOlderThanDays?: number | undefined;
  /** Shards/replicas of the new index (INDEX_SHARDS / INDEX_REPLICAS); unset = the mapping file's. */
  sizing?: IndexSizing;
  log: Logger;
  onPhase?: (phase: ReindexPhase, total: number) => void;
  onProgress?: (copied: number) => void;
  /** Called right after the atomic alias swap (e.g. to bump the search cache generation). */
  afterSwap?: (from: string, to: string) => Promise<void>;
};

export type ReindexResult = { from: string; to: string; backfilled: number; caughtUp: number };

/** Indices behind an alias (sorted). */
export async function aliasIndices(es: Client, alias: string): Promise<string[]> {
  const response = await es.indices.getAlias({ name: alias }, { ignore: [404] });
  return Object.entries(response)
    .filter(([, v]) => typeof v === 'object' && v !== null && 'aliases' in v)
    .map(([index]) => index)
    .sort();
}

/**
 * The next versioned index name: the mapping definition's version when it is newer than every existing
 * `<alias>-v<N>`, else max(existing) + 1 with the same definition (a rebuild, e.g. to drop tombstones).
 */
export async function nextIndexName(es: Client, alias: string, definitionVersion: number): Promise<{ name: string; version: number }> {
  const existing = Object.keys(await es.indices.get({ index: `${alias}-v*`, allow_no_indices: true, expand_wildcards: 'all' }))
    .map((name) => parseIndexVersion(alias, name))
    .filter((v): v is number => v !== undefined);
  const max = Math.max(0, ...existing);
  const version = definitionVersion > max ? definitionVersion : max + 1;
  return { name: versionedIndexName(alias, version), version };
}

/**
 * Zero-downtime reindex: new index from the current definition → every running indexer also writes
 * live events there (the `<alias>-write-extra` alias they poll) → backfill from the current index with
 * the same external versions → catch-up of what changed meanwhile → one atomic `updateAliases` that
 * moves the read alias and ends dual-writing → final catch-up of writes that raced the swap. The old
 * index is kept for rollback.
 */
export async function reindex(es: Client, options: ReindexOptions): Promise<ReindexResult> {
  const { alias, log } = options;
  const current = await aliasIndices(es, alias);
  if (current.length !== 1 || !current[0]) throw new Error(`alias ${alias} must point at exactly one index, found [${current.join(', ')}]`);
  const from = current[0];
  const extra = extraWriteAlias(alias);
  const inProgress = await readExtraTargets(es, alias);
  if (inProgress.length > 0) {
    throw new Error(`a reindex seems in progress or crashed (${extra} → ${inProgress.join(', ')}); if none is running, run with --abort`);
  }

  const def = productIndexDefinition(options.sizing);
  const { name: to } = await nextIndexName(es, alias, def.version);
  const refreshInterval = typeof def.settings.refresh_interval === 'string' ? def.settings.refresh_interval : '1s';
  log.info({ from, to, definitionVersion: def.version }, 'creating new index');
  // No refreshes while filling it: nothing reads it until the swap, and refreshing is what slows bulk loads.
  await es.indices.create({ index: to, settings: { ...def.settings, refresh_interval: '-1' }, mappings: def.mappings });

  // From here on every running indexer writes live events to both indices (after one poll).
  await es.indices.updateAliases({ actions: [{ add: { index: to, alias: extra } }] });
  const startedAt = Date.now();
  await sleep(2 * options.writeTargetsPollMs + 500);

  const sinceStart = (): { range: { indexedAt: { gte: string } } } => ({
    range: { indexedAt: { gte: new Date(startedAt - options.catchUpMarginMs).toISOString() } },
  });
  const keep = options.dropTombstonesOlderThanDays === undefined
    ? undefined
    : {
        bool: {
          must_not: [
            {
              bool: {
                filter: [
                  { term: { deleted: true } },
                  { range: { indexedAt: { lt: new Date(Date.now() - options.dropTombstonesOlderThanDays * 86_400_000).toISOString() } } },
                ],
              },
            },
          ],
        },
      };

  const total = (await es.count({ index: from, ...(keep ? { query: keep } : {}) })).count;
  options.onPhase?.('backfill', total);
  const backfilled = await copyDocuments(es, { from, to, batchSize: options.batchSize, onBatch: options.onProgress, ...(keep ? { query: keep } : {}) });

  const catchUpQuery = sinceStart();
  options.onPhase?.('catch-up', (await es.count({ index: from, query: catchUpQuery })).count);
  let caughtUp = await copyDocuments(es, { from, to, query: catchUpQuery, batchSize: options.batchSize, onBatch: options.onProgress });

  await es.indices.putSettings({ index: to, settings: { refresh_interval: refreshInterval } });
  await es.indices.refresh({ index: to });

  // The switch: readers move to the new index and dual-writing ends, in one atomic step.
  await es.indices.updateAliases({
    actions: [
      { remove: { index: from, alias } },
      { add: { index: to, alias, is_write_index: true } },
      { remove: { index: to, alias: extra } },
    ],
  });
  log.info({ from, to }, 'alias swapped');
  await options.afterSwap?.(from, to);

  // An indexer that had not yet seen the extra alias may have written to the old index only, just
  // before the swap; after one more poll nothing writes there any more, so copy what changed once more.
  await sleep(2 * options.writeTargetsPollMs + 500);
  options.onPhase?.('final catch-up', (await es.count({ index: from, query: catchUpQuery })).count);
  caughtUp += await copyDocuments(es, { from, to, query: catchUpQuery, batchSize: options.batchSize, onBatch: options.onProgress });
  return { from, to, backfilled, caughtUp };
}

/** Undo a crashed reindex before its swap: stop dual-writing and delete the unfinished index. */
export async function abortReindex(es: Client, alias: string, log: Logger): Promise<string[]> {
  const targets = await readExtraTargets(es, alias);
  if (targets.length === 0) return [];
  await es.indices.updateAliases({ actions: targets.map((index) => ({ remove: { index, alias: extraWriteAlias(alias) } })) });
  const live = new Set(await aliasIndices(es, alias));
  const unfinished = targets.filter((index) => !live.has(index));
  if (unfinished.length > 0) await es.indices.delete({ index: unfinished }, { ignore: [404] });
  log.info({ stoppedDualWrites: targets, deleted: unfinished }, 'reindex aborted');
  return unfinished;
}
