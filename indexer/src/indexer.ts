import type { Client } from '@elastic/elasticsearch';
import type { PubSub } from '@google-cloud/pubsub';
import type { MemcachedPool } from '@catalog/contract/memcached-pool';
import type { Logger } from 'pino';
import { familiesAlias, type ProductEvent, type TopologyNames } from '@catalog/contract';
import { pubsubPullApi } from './adapters/pull-api';
import { bulkApi } from './adapters/bulk-api';
import { Batcher } from './bulk/batcher';
import { BulkWriter } from './bulk/bulk-writer';
import type { ItemOutcome } from './bulk/classify-bulk-item';
import { toBulkOperation, type BulkOperation } from './bulk/to-bulk-operation';
import { CacheInvalidator, invalidatorOptions } from './cache/cache-invalidator';
import type { IndexerConfig } from './config';
import { Consumer, type Settlement } from './consume/consumer';
import { DeadLetterPublisher } from './dead-letter/dead-letter-publisher';
import { FamilyMaintainer } from './families/family-maintainer';
import { FamilyStage } from './families/family-stage';
import { ClusterHealth } from './health/cluster-health';
import type { IndexerMetrics } from './metrics';
import { WriteTargets } from './reindex/write-targets';

export type IndexerDeps = {
  config: Pick<
    IndexerConfig,
    | 'INDEX_ALIAS' | 'BULK_MAX_DOCS' | 'BULK_MAX_BYTES' | 'BULK_MAX_WAIT_MS' | 'BULK_CONCURRENCY'
    | 'FLOW_MAX_MESSAGES' | 'FLOW_MAX_BYTES' | 'PULL_CONCURRENCY' | 'PULL_MAX_MESSAGES' | 'PULL_TIMEOUT_MS' | 'LEASE_SECONDS'
    | 'MAX_ITEM_RETRIES' | 'HEALTH_POLL_MS' | 'MEMCACHED_TIMEOUT_MS' | 'WRITE_TARGETS_POLL_MS' | 'CLOSE_TIMEOUT_MS'
    | 'FAMILY_CONCURRENCY' | 'FAMILY_MAX_CHANGES'
  >;
  topology: TopologyNames;
  es: Client;
  pubsub: PubSub;
  memcached: MemcachedPool | undefined;
  metrics: IndexerMetrics;
  log: Logger;
  /**
   * Extra indices every event is also written to. Defaults to polling the `<alias>-write-extra` alias,
   * which the reindex command sets during a switch.
   */
  alsoWriteTo?: () => readonly string[];
  /** Called once per settled message (benchmarks and tests measure freshness with it). */
  onSettled?: (s: Settlement) => void;
  /** False only in the indexer benchmark, which measures what maintaining the families index costs. */
  maintainFamilies?: boolean;
};

/**
 * The consuming pipeline: Pub/Sub → decode → batch → bulk (external versions) → families (a second stage that gathers
 * the changes of several batches into one round) → settle → invalidate cache.
 */
export function createIndexer(deps: IndexerDeps) {
  const { config, es, log, metrics } = deps;
  let stopping = false;
  const health = new ClusterHealth(es, log, config.HEALTH_POLL_MS, config.INDEX_ALIAS);
  const targets = deps.alsoWriteTo ? undefined : new WriteTargets(es, config.INDEX_ALIAS, log, config.WRITE_TARGETS_POLL_MS);
  const alsoWriteTo = deps.alsoWriteTo ?? (() => targets?.current() ?? []);
  let backingOff = 0;
  /** Product bulks and family steps that wait for the cluster: the backpressure gauge is 1 while any does. */
  const onBackoff = (waiting: boolean) => {
    backingOff += waiting ? 1 : -1;
    metrics.paused.set(backingOff > 0 ? 1 : 0);
  };
  /** Start times of the bulk writes running now (the stall warning shows their age). */
  const writes = new Set<number>();
  const writer = new BulkWriter(bulkApi(es), log, {
    maxRetries: config.MAX_ITEM_RETRIES,
    isClusterHealthy: () => health.isHealthy(),
    isStopping: () => stopping,
    onBulk: (seconds) => metrics.bulkSeconds.observe(seconds),
    onRequest: (result) => health.observe({ source: 'bulk', result }),
    onBackoff,
  });
  const families = new FamilyMaintainer(es, log, {
    productsIndex: config.INDEX_ALIAS,
    familiesIndex: familiesAlias(config.INDEX_ALIAS),
    maxRedos: config.MAX_ITEM_RETRIES + 2,
    maxTransientRetries: 30,
    isClusterHealthy: () => health.isHealthy(),
    onBackoff,
    maxCandidates: 2 * config.BULK_MAX_DOCS,
    isStopping: () => stopping,
    events: {
      wrote: (op, n) => metrics.familyWrites.inc({ op }, n),
      redo: (reason, n) => metrics.familyRedos.inc({ reason }, n),
    },
  });
  const familyStage =
    deps.maintainFamilies === false
      ? undefined
      : new FamilyStage(families, log, { concurrency: config.FAMILY_CONCURRENCY, maxChanges: config.FAMILY_MAX_CHANGES }, {
          round: (seconds) => metrics.familySeconds.observe(seconds),
          failed: () => metrics.familyFailures.inc(),
        });
  /** Batches whose bulk is done and whose families are not yet: their cache bump waits for them (stop() too). */
  const settling = new Set<Promise<unknown>>();
  const invalidator = deps.memcached
    ? new CacheInvalidator(deps.memcached, config.INDEX_ALIAS, log, invalidatorOptions(config.MEMCACHED_TIMEOUT_MS), {
        bumped: () => metrics.cacheBumps.inc(),
        failed: (op, n) => metrics.cacheFailures.inc({ op }, n),
        dropped: (n) => metrics.cacheFailures.inc({ op: 'dropped' }, n),
      })
    : undefined;
  // A batch's slot is free once its product bulk is done; each item's outcome is a promise that settles after its family.
  const batcher = new Batcher<BulkOperation, { outcome: Promise<ItemOutcome> }>(
    { maxDocs: config.BULK_MAX_DOCS, maxBytes: config.BULK_MAX_BYTES, maxWaitMs: config.BULK_MAX_WAIT_MS, concurrency: config.BULK_CONCURRENCY },
    async (ops, reason) => {
      metrics.batchSize.observe({ reason }, ops.length);
      log.debug({ docs: ops.length, reason }, 'flushing bulk');
      await invalidator?.beforeWrite(ops.map((op) => op.action.index._id));
      let outcomes: ItemOutcome[];
      const writeStarted = Date.now();
      writes.add(writeStarted);
      try {
        outcomes = (await writer.write(withExtraTargets(ops, alsoWriteTo()))).slice(0, ops.length);
      } catch (err) {
        invalidator?.afterWrite([]);
        throw err;
      } finally {
        writes.delete(writeStarted);
      }
      const written = ops.filter((_, i) => outcomes[i]?.kind === 'ack').map((op) => op.action.index._id);
      // The families before the ack and the cache bump: a change is fresh only once its family is.
      const settled = familyStage ? familyStage.settle(ops, outcomes) : outcomes.map((o) => Promise.resolve(o));
      const done = Promise.allSettled(settled).then(() => invalidator?.afterWrite(written));
      settling.add(done);
      void done.finally(() => settling.delete(done));
      return settled.map((outcome) => ({ outcome }));
    },
  );
  /** Index one event through the shared batches: the consumer and the dead-letter recovery both use it. */
  const index = async (event: ProductEvent, bytes: number): Promise<ItemOutcome> =>
    (await batcher.add(toBulkOperation(event, config.INDEX_ALIAS, new Date()), bytes)).outcome;
  const deadLetters = new DeadLetterPublisher(deps.pubsub, deps.topology.deadLetterTopic);
  const consumer = new Consumer({
    pull: pubsubPullApi(deps.pubsub, deps.topology.indexerSubscription),
    index,
    deadLetters,
    metrics,
    log,
    flow: {
      maxHeld: config.FLOW_MAX_MESSAGES,
      maxHeldBytes: config.FLOW_MAX_BYTES,
      maxPerPull: config.PULL_MAX_MESSAGES,
      pullConcurrency: config.PULL_CONCURRENCY,
      pullTimeoutMs: config.PULL_TIMEOUT_MS,
      leaseSeconds: config.LEASE_SECONDS,
      initialLeaseSeconds: 10,
      renewAheadMs: 5_000,
      closeTimeoutMs: config.CLOSE_TIMEOUT_MS,
    },
    onSettled: (settlement) => {
      settledCount += 1;
      deps.onSettled?.(settlement);
    },
  });

  // Stall warning: messages held but none settled for a while says where they wait.
  let settledCount = 0;
  let lastSettled = 0;
  const watchdog = setInterval(() => {
    if (consumer.held > 0 && settledCount === lastSettled) {
      const writeAgesMs = [...writes].map((t) => Date.now() - t);
      const families = familyStage?.stats();
      log.warn({ held: consumer.held, batches: batcher.stats(), families, writeAgesMs, cluster: health.current, cache: invalidator?.state() }, 'no message settled for 15 s');
    }
    lastSettled = settledCount;
  }, 15_000);
  watchdog.unref();

  let stopped: Promise<void> | undefined;
  return {
    health,
    consumer,
    index,
    /** Start pulling; a down cluster only means the first bulks wait (their messages stay leased). */
    async start(): Promise<void> {
      await health.check();
      await targets?.refresh();
      targets?.start();
      health.start();
      consumer.start();
    },
    /** Stop pulling, settle held messages (ack what ES accepted, nack the rest), flush the cache bump. Idempotent. */
    stop(): Promise<void> {
      stopped ??= (async () => {
        stopping = true;
        clearInterval(watchdog);
        health.stop();
        await consumer.close();
        await batcher.drain();
        await familyStage?.drain();
        await Promise.all(settling);
        targets?.stop();
        await invalidator?.flush();
        await deadLetters.close();
      })();
      return stopped;
    },
  };
}
export type Indexer = ReturnType<typeof createIndexer>;

/**
 * During a reindex the same operations also go to the new index. The extra items' outcomes are
 * appended after the originals; an original's result alone decides its message (the reindex command's
 * backfill and catch-up passes carry the same version into the new index anyway).
 */
function withExtraTargets(ops: BulkOperation[], extra: readonly string[]): BulkOperation[] {
  if (extra.length === 0) return ops;
  return [...ops, ...extra.flatMap((index) => ops.map((op) => ({ ...op, action: { index: { ...op.action.index, _index: index } } })))];
}
