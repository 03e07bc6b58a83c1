import type { Client } from '@elastic/elasticsearch';
import type { PubSub } from '@google-cloud/pubsub';
import type { MemcachedPool } from '@catalog/contract/memcached-pool';
import type { Logger } from 'pino';
import type { TopologyNames } from '@catalog/contract';
import { Batcher } from './bulk/batcher';
import { BulkWriter } from './bulk/bulk-writer';
import type { ItemOutcome } from './bulk/classify-bulk-item';
import { toBulkOperation, type BulkOperation } from './bulk/to-bulk-operation';
import { CacheInvalidator } from './cache/cache-invalidator';
import type { IndexerConfig } from './config';
import { Consumer, type Settlement } from './consume/consumer';
import { DeadLetterPublisher } from './dead-letter/dead-letter-publisher';
import { ClusterHealth } from './health/cluster-health';
import type { IndexerMetrics } from './metrics';
import { WriteTargets } from './reindex/write-targets';

export type IndexerDeps = {
  config: Pick<
    IndexerConfig,
    | 'INDEX_ALIAS' | 'BULK_MAX_DOCS' | 'BULK_MAX_BYTES' | 'BULK_MAX_WAIT_MS' | 'BULK_CONCURRENCY'
    | 'FLOW_MAX_MESSAGES' | 'FLOW_MAX_BYTES' | 'MAX_ITEM_RETRIES' | 'HEALTH_POLL_MS' | 'MEMCACHED_TIMEOUT_MS'
    | 'WRITE_TARGETS_POLL_MS' | 'LEASE_MAX_EXTENSION_MINUTES' | 'CLOSE_TIMEOUT_MS' | 'ACK_DEADLINE_MAX_SECONDS'
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
};

/** The consuming pipeline: Pub/Sub → decode → batch → bulk (external versions) → settle → invalidate cache. */
export function createIndexer(deps: IndexerDeps) {
  const { config, es, log, metrics } = deps;
  let stopping = false;
  const health = new ClusterHealth(es, log, config.HEALTH_POLL_MS, config.INDEX_ALIAS);
  const targets = deps.alsoWriteTo ? undefined : new WriteTargets(es, config.INDEX_ALIAS, log, config.WRITE_TARGETS_POLL_MS);
  const alsoWriteTo = deps.alsoWriteTo ?? (() => targets?.current() ?? []);
  const writer = new BulkWriter(es, log, {
    maxRetries: config.MAX_ITEM_RETRIES,
    isClusterHealthy: () => health.isHealthy(),
    isStopping: () => stopping,
    onBulk: (seconds) => metrics.bulkSeconds.observe(seconds),
  });
  const invalidator = deps.memcached
    ? new CacheInvalidator(deps.memcached, config.INDEX_ALIAS, log, config.MEMCACHED_TIMEOUT_MS)
    : undefined;
  const batcher = new Batcher<BulkOperation, ItemOutcome>(
    { maxDocs: config.BULK_MAX_DOCS, maxBytes: config.BULK_MAX_BYTES, maxWaitMs: config.BULK_MAX_WAIT_MS, concurrency: config.BULK_CONCURRENCY },
    async (ops, reason) => {
      metrics.batchSize.observe({ reason }, ops.length);
      log.debug({ docs: ops.length, reason }, 'flushing bulk');
      const outcomes = await writer.write(withExtraTargets(ops, alsoWriteTo()));
      const changed = ops.filter((_, i) => outcomes[i]?.kind === 'ack').map((op) => op.action.index._id);
      if (invalidator && changed.length > 0) await invalidator.changed(changed);
      return outcomes.slice(0, ops.length);
    },
  );
  const deadLetters = new DeadLetterPublisher(deps.pubsub, deps.topology.deadLetterTopic);
  const consumer = new Consumer({
    pubsub: deps.pubsub,
    subscriptionName: deps.topology.indexerSubscription,
    batcher,
    toOperation: (event) => toBulkOperation(event, config.INDEX_ALIAS, new Date()),
    deadLetters,
    metrics,
    log,
    flow: {
      maxMessages: config.FLOW_MAX_MESSAGES,
      maxBytes: config.FLOW_MAX_BYTES,
      maxExtensionMinutes: config.LEASE_MAX_EXTENSION_MINUTES,
      maxAckDeadlineSeconds: config.ACK_DEADLINE_MAX_SECONDS,
      closeTimeoutMs: config.CLOSE_TIMEOUT_MS,
    },
    onSettled: deps.onSettled,
  });
  health.onChange((healthy) => {
    if (stopping) return;
    if (healthy) consumer.resume();
    else consumer.pause();
  });

  let stopped: Promise<void> | undefined;
  return {
    health,
    consumer,
    /** Start pulling (after a first health check, so a down cluster starts paused). */
    async start(): Promise<void> {
      if (!(await health.check())) consumer.pause();
      await targets?.refresh();
      targets?.start();
      health.start();
      consumer.start();
    },
    /** Stop pulling, settle held messages (ack what ES accepted, nack the rest), flush the cache bump. Idempotent. */
    stop(): Promise<void> {
      stopped ??= (async () => {
        stopping = true;
        health.stop();
        await consumer.close();
        await batcher.drain();
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
