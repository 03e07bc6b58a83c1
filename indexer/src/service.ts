import { setTimeout as sleep } from 'node:timers/promises';
import type { Client } from '@elastic/elasticsearch';
import type { Logger } from 'pino';
import { adminAuthSettings } from '@catalog/contract/http';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import type { IndexSizing } from '@catalog/mappings';
import { pubsubPullApi } from './adapters/pull-api';
import { createIndexerApp } from './app';
import type { IndexerConfig } from './config';
import { deadLetterRoutes } from './dead-letter/admin-routes';
import { DeadLetterConsumer } from './dead-letter/dead-letter-consumer';
import { EsDeadLetterStore } from './dead-letter/dead-letter-store';
import { createIndexer, type IndexerDeps } from './indexer';

/** The pipeline's dependencies, with the whole config (the service also runs the dead-letter store and HTTP). */
export type IndexerServiceDeps = Omit<IndexerDeps, 'config' | 'alsoWriteTo'> & { config: IndexerConfig };

/** Create the products alias when missing; two replicas starting together may race, so retry briefly. */
async function ensureAlias(es: Client, alias: string, sizing: IndexSizing, log: Logger): Promise<void> {
  for (let attempt = 1; ; attempt += 1) {
    try {
      const { index, created } = await ensureProductIndex(es, alias, sizing);
      if (created) log.info({ index, alias }, 'created products index');
      return;
    } catch (err) {
      if (attempt >= 5) throw err;
      log.warn({ err: err instanceof Error ? err.message : err, attempt }, 'ensuring products index failed; retrying');
      await sleep(500 * attempt);
    }
  }
}

/**
 * The whole indexer process minus the listening socket and signals: pipeline, dead-letter store
 * consumer, ops/admin HTTP app. `main.ts` and in-process integration tests both use it.
 */
export function createIndexerService(deps: IndexerServiceDeps) {
  const { config, es, pubsub, log, metrics, topology } = deps;
  const indexer = createIndexer({ ...deps });
  const store = new EsDeadLetterStore(es, config.DEAD_LETTER_INDEX);
  const deadLetterConsumer =
    config.DEAD_LETTER_STORE === 'on'
      ? new DeadLetterConsumer({ pull: pubsubPullApi(pubsub, topology.deadLetterStoreSubscription), store, apply: indexer.index, metrics, log })
      : undefined;
  const updates = pubsub.topic(topology.updatesTopic, { batching: { maxMilliseconds: 5 } });
  // Ready only once start-up has ensured the indices and the consumers run; not again after stop().
  let accepting = false;
  const admin = deadLetterRoutes({ store, updates, log });
  const app = createIndexerApp({
    log,
    registry: metrics.registry,
    adminToken: config.ADMIN_TOKEN,
    adminAuth: adminAuthSettings(config),
    isAccepting: () => accepting,
    admin,
    checks: {
      elasticsearch: async () => {
        if (!(await indexer.health.check())) throw new Error(`index ${config.INDEX_ALIAS} unreachable, missing or red`);
      },
      pubsub: async () => void (await pubsub.subscription(topology.indexerSubscription).getMetadata()),
    },
  });

  let stopped: Promise<void> | undefined;
  return {
    app,
    indexer,
    store,
    /**
     * Ensure indices, then start consuming both subscriptions. A stop() during start-up wins: nothing starts after
     * it, and a failure caused by the shutdown closing the clients is not a start-up failure.
     */
    async start(): Promise<void> {
      try {
        await ensureAlias(es, config.INDEX_ALIAS, { shards: config.INDEX_SHARDS, replicas: config.INDEX_REPLICAS }, log);
        if (stopped) return;
        await store.ensure();
        if (stopped) return;
        await indexer.start();
        if (stopped) return;
        deadLetterConsumer?.start();
        accepting = true;
      } catch (err) {
        if (stopped) {
          log.info({ err }, 'start-up interrupted by shutdown');
          return;
        }
        throw err;
      }
    },
    /** `/readyz` → 503, stop pulling, drain and settle. Idempotent; does not close the clients. */
    stop(): Promise<void> {
      accepting = false;
      stopped ??= Promise.all([indexer.stop(), deadLetterConsumer?.close()]).then(async () => {
        await updates.flush();
      });
      return stopped;
    },
  };
}
export type IndexerService = ReturnType<typeof createIndexerService>;
