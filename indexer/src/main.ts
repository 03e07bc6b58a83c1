import { Client } from '@elastic/elasticsearch';
import { PubSub } from '@google-cloud/pubsub';
import { serve } from '@hono/node-server';
import memjs from 'memjs';
import { topologyNames } from '@catalog/contract';
import { createLogger, handleShutdown } from '@catalog/contract/process';
import { createIndexerApp } from './app';
import { loadIndexerConfig } from './config';
import { createIndexer } from './indexer';
import { createIndexerMetrics } from './metrics';

const config = loadIndexerConfig(process.env);
const log = createLogger('indexer', config.LOG_LEVEL);
const metrics = createIndexerMetrics();
const topology = topologyNames(config.PUBSUB_NAME_SUFFIX);
const es = new Client({ node: config.ELASTICSEARCH_URL, requestTimeout: config.ES_REQUEST_TIMEOUT_MS, maxRetries: 0 });
const pubsub = new PubSub({ projectId: config.PUBSUB_PROJECT_ID, apiEndpoint: config.PUBSUB_EMULATOR_HOST });
const memcached = memjs.Client.create(config.MEMCACHED_SERVERS.join(','), {
  timeout: config.MEMCACHED_TIMEOUT_MS / 1000,
  retries: 1,
  failover: true,
  logger: { log: (...args: unknown[]) => log.debug({ memjs: args.map(String).join(' ') }, 'memjs') },
});

const indexer = createIndexer({ config, topology, es, pubsub, memcached, metrics, log });
let accepting = true;
const app = createIndexerApp({
  log,
  registry: metrics.registry,
  adminToken: config.ADMIN_TOKEN,
  isAccepting: () => accepting,
  checks: {
    elasticsearch: async () => {
      if (!(await indexer.health.check())) throw new Error('unreachable or red');
    },
    pubsub: async () => void (await pubsub.subscription(topology.indexerSubscription).getMetadata()),
  },
});

await indexer.start();
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '0.0.0.0' }, (info) =>
  log.info({ port: info.port, subscription: topology.indexerSubscription, alias: config.INDEX_ALIAS }, 'indexer listening'),
);

handleShutdown(log, [
  { name: 'stop accepting', run: () => void (accepting = false) },
  { name: 'stop pulling and drain', run: () => indexer.stop() },
  { name: 'close http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  { name: 'close clients', run: async () => { memcached.close(); await pubsub.close(); await es.close(); } },
]);
