import { setTimeout as sleep } from 'node:timers/promises';
import type { Client, estypes } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { z } from 'zod';
import { familiesAlias, familyKey } from '@catalog/contract';
import { parseIndexVersion, type IndexSizing } from '@catalog/mappings';
import { familyIndexDefinition } from '@catalog/mappings/families';
import { FamilyMaintainer } from '../families/family-maintainer';
import type { FamilyChange } from '../families/plan-family-writes';
import { aliasIndices, nextIndexName, type ReindexPhase } from './reindex';
import { pitPages } from './pit-pages';

export type RebuildFamiliesOptions = {
  /** The products alias; the families alias is `familiesAlias(alias)`. */
  alias: string;
  batchSize: number;
  catchUpMarginMs: number;
  /** The indexers' WRITE_TARGETS_POLL_MS: how long a family write that raced the swap may still take. */
  writeTargetsPollMs: number;
  sizing?: IndexSizing;
  log: Logger;
  onPhase?: (phase: ReindexPhase, total: number) => void;
  onProgress?: (read: number) => void;
  /** Called right after the atomic alias swap (e.g. to bump the search cache generation). */
  afterSwap?: (from: string | undefined, to: string) => Promise<void>;
};

export type RebuildFamiliesResult = { from: string | undefined; to: string; families: number; products: number };

/**
 * Zero-downtime rebuild of the families index from the products alias (issue 17): a new `<families>-v<N>` is filled
 * by the indexer's own maintenance (FamilyMaintainer: realtime reads, guarded writes) over every product, read in
 * family order (groupId, id) so a family is completed in one or two passes; meanwhile the running indexers keep
 * maintaining the old index. Then a catch-up over the products written since the start (their old and new families
 * are recomputed in the new index), one atomic alias swap, and a final catch-up of what raced the swap.
 */
export async function rebuildFamilies(es: Client, options: RebuildFamiliesOptions): Promise<RebuildFamiliesResult> {
  const alias = familiesAlias(options.alias);
  const current = await aliasIndices(es, alias);
  if (current.length > 1) throw new Error(`alias ${alias} must point at one index at most, found [${current.join(', ')}]`);
  const def = familyIndexDefinition(options.sizing);
  const { name: to } = await nextIndexName(es, alias, def.version);
  const refreshInterval = typeof def.settings.refresh_interval === 'string' ? def.settings.refresh_interval : '1s';
  options.log.info({ from: current[0], to }, 'creating new families index');
  await es.indices.create({ index: to, settings: { ...def.settings, refresh_interval: '-1' }, mappings: def.mappings });
  const startedAt = Date.now();

  const maintainer = (familiesIndex: string) =>
    new FamilyMaintainer(es, options.log, {
      productsIndex: options.alias,
      familiesIndex,
      maxRedos: 20,
      maxTransientRetries: 30,
      maxCandidates: 2 * options.batchSize,
      isStopping: () => false,
    });
  const live: estypes.QueryDslQueryContainer = { bool: { must_not: [{ term: { deleted: true } }] } };
  const since: estypes.QueryDslQueryContainer = { range: { indexedAt: { gte: new Date(startedAt - options.catchUpMarginMs).toISOString() } } };

  options.onPhase?.('backfill', (await es.count({ index: options.alias, query: live })).count);
  const products = await eachPage(es, options, live, (changes) => maintainer(to).maintain(changes));
  options.onPhase?.('catch-up', (await es.count({ index: options.alias, query: since })).count);
  await eachPage(es, options, since, (changes) => maintainer(to).maintain(changes));

  await es.indices.putSettings({ index: to, settings: { refresh_interval: refreshInterval } });
  await es.indices.refresh({ index: to });
  await es.indices.updateAliases({
    actions: [...current.map((index) => ({ remove: { index, alias } })), { add: { index: to, alias, is_write_index: true } }],
  });
  options.log.info({ from: current[0], to }, 'families alias swapped');
  await options.afterSwap?.(current[0], to);

  // A maintenance that read the old index just before the swap may still be writing; then recompute what changed once more.
  await sleep(2 * options.writeTargetsPollMs + 500);
  options.onPhase?.('final catch-up', (await es.count({ index: options.alias, query: since })).count);
  await eachPage(es, options, since, (changes) => maintainer(alias).maintain(changes));
  const families = (await es.count({ index: to })).count;
  return { from: current[0], to, families, products };
}

/** What a page reads of a product: enough to know its family (the maintainer reads the whole document itself). */
const Identity = z.object({ id: z.string(), groupId: z.string().optional(), deleted: z.boolean().optional() });

const familyChange = (p: z.infer<typeof Identity>): FamilyChange => ({
  id: p.id,
  key: p.deleted === true ? undefined : familyKey({ id: p.id, ...(p.groupId !== undefined ? { groupId: p.groupId } : {}) }),
});

/** Pages of the products matching `query` in family order, as family changes; returns the number read. */
async function eachPage(
  es: Client,
  options: Pick<RebuildFamiliesOptions, 'alias' | 'batchSize' | 'onProgress'>,
  query: estypes.QueryDslQueryContainer,
  onPage: (changes: FamilyChange[]) => Promise<void>,
): Promise<number> {
  let read = 0;
  const sort: estypes.Sort = [{ groupId: { order: 'asc', missing: '_last' } }, { id: 'asc' }];
  for await (const hits of pitPages(es, { index: options.alias, query, sort, batchSize: options.batchSize, _source: ['id', 'groupId', 'deleted'] })) {
    await onPage(hits.map((h) => familyChange(Identity.parse(h._source))));
    read += hits.length;
    options.onProgress?.(read);
  }
  return read;
}

/** Undo a crashed families rebuild: delete the families indices newer than the one the alias points at. */
export async function abortFamiliesRebuild(es: Client, productsAlias: string, log: Logger): Promise<string[]> {
  const alias = familiesAlias(productsAlias);
  const live = await aliasIndices(es, alias);
  const version = (index: string) => parseIndexVersion(alias, index) ?? 0;
  const newest = Math.max(0, ...live.map(version));
  const all = Object.keys(await es.indices.get({ index: `${alias}-v*`, allow_no_indices: true, expand_wildcards: 'all' }));
  const unfinished = all.filter((index) => !live.includes(index) && version(index) > newest);
  if (unfinished.length > 0) await es.indices.delete({ index: unfinished }, { ignore: [404] });
  log.info({ deleted: unfinished }, 'families rebuild aborted');
  return unfinished;
}
