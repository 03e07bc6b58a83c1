import type { Logger } from 'pino';
import { CommonEnv, loadConfig, topologyNames } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { ensureTopology } from './pubsub-topology';

/** Create the contract's topics, subscriptions and indices if missing (idempotent). */
export async function setupTopology(env: NodeJS.ProcessEnv, log: Logger): Promise<void> {
  const config = loadConfig(CommonEnv, env);
  const pubsub = createPubSubClient(config);
  const es = createElasticsearchClient(config, { requestTimeoutMs: 30_000 });
  try {
    const names = topologyNames(config.PUBSUB_NAME_SUFFIX);
    await ensureTopology(pubsub, names);
    log.info({ topology: names }, 'pubsub topology ready');
    const { index, created } = await ensureProductIndex(es, config.INDEX_ALIAS, { shards: config.INDEX_SHARDS, replicas: config.INDEX_REPLICAS });
    log.info({ alias: config.INDEX_ALIAS, index, created }, 'products index ready');
  } finally {
    await pubsub.close();
    await es.close();
  }
}
