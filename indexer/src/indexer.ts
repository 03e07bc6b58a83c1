import type { Client } from '@elastic/elasticsearch';
import type { PubSub } from '@google-cloud/pubsub';
import type { Client as Memcached } from 'memjs';
import type { Logger } from 'pino';
import type { TopologyNames } from '@catalog/contract';
import { Batcher } from './bulk/batcher';
import { BulkWriter } from './bulk/bulk-writer';
import type { ItemOutcome } from './bulk/classify-bulk-item';
import { toBulkOperation, type BulkOperation } from './bulk/to-bulk-operation';
import { CacheInvalidator } from './cache/cache-invalidator';
import type { IndexerConfig } from './config';
import { Consumer } from './consume/consumer';
import { DeadLetterPublisher } from './dead-letter/dead-letter-publisher';
import { ClusterHealth } from './health/cluster-health';
import type { IndexerMetrics } from './metrics';

export type IndexerDeps = {
  config: Pick<
    IndexerConfig,
    | 'INDEX_ALIAS' | 'BULK_MAX_DOCS' | 'BULK_MAX_BYTES' | 'BULK_MAX_WAIT_MS' | 'BULK_CONCURRENCY'
    | 'FLOW_MAX_MESSAGES' | 'FLOW_MAX_BYTES' | 'MAX_ITEM_RETRIES' | 'HEALTH_POLL_MS' | 'MEMCACHED_TIMEOUT_MS'
  >;
  topology: TopologyNames;
  es: Client;
  pubsub: PubSub;
  memcached: Memcached | undefined;
  metrics: IndexerMetrics;
  log: Logger;
  /** Extra indices every event is also written to (used by the reindex command during a switch). */
  alsoWriteTo?: () => readonly string[];
};

/** The consuming pipeline: Pub/Sub → decode → batch → bulk (external versions) → settle → invalidate cache. */
export function createIndexer(deps: IndexerDeps) {
  const { config, es, log, metrics } = deps;
  let stopping = false;
  const health = new ClusterHealth(es, log, config.HEALTH_POLL_MS);
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
      const outcomes = await writer.write(withExtraTargets(ops, deps.alsoWriteTo?.() ?? []));
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
    flow: { maxMessages: config.FLOW_MAX_MESSAGES, maxBytes: config.FLOW_MAX_BYTES },
  });
  health.onChange((healthy) => {
    if (stopping) return;
    if (healthy) consumer.resume();
    else void consumer.pause();
  });

  return {
    health,
    consumer,
    /** Start pulling (after a first health check, so a down cluster starts paused). */
    async start(): Promise<void> {
      if (await health.check()) consumer.resume();
      else metrics.paused.set(1);
      health.start();
    },
    /** Stop pulling, settle held messages, flush the cache bump. Idempotent. */
    async stop(): Promise<void> {
      stopping = true;
      health.stop();
      await Promise.all([consumer.pause(), batcher.drain()]);
      await invalidator?.flush();
      await deadLetters.close();
    },
  };
}
export type Indexer = ReturnType<typeof createIndexer>;

/**
 * During a reindex the same operations also go to the new index. The extra items' outcomes are
 * appended after the originals; an original's result alone decides its message (the backfill will
 * carry the same version into the new index anyway).
 */
function withExtraTargets(ops: BulkOperation[], extra: readonly string[]): BulkOperation[] {
  if (extra.length === 0) return ops;
  return [...ops, ...extra.flatMap((index) => ops.map((op) => ({ ...op, action: { index: { ...op.action.index, _index: index } } })))];
}
