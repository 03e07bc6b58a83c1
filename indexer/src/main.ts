import { serve } from '@hono/node-server';
import { topologyNames } from '@catalog/contract';
import { answerClientErrorsAsProblems } from '@catalog/contract/http';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { createLogger, handleShutdown, runMain } from '@catalog/contract/process';
import { createEsClient, createMemcached } from './adapters/clients';
import { loadIndexerConfig } from './config';
import { createIndexerMetrics } from './metrics';
import { createIndexerService } from './service';

const config = await runMain('indexer', () => loadIndexerConfig(process.env));
const log = createLogger('indexer', config.LOG_LEVEL);
const metrics = createIndexerMetrics();
const topology = topologyNames(config.PUBSUB_NAME_SUFFIX);
const es = createEsClient(config, config.ES_REQUEST_TIMEOUT_MS);
const pubsub = createPubSubClient(config);
const memcached = createMemcached({ servers: config.MEMCACHED_SERVERS, timeoutMs: config.MEMCACHED_TIMEOUT_MS, log });

const service = createIndexerService({ config, topology, es, pubsub, memcached, metrics, log });

// Listen first so /healthz answers while start-up waits for a cluster that may be down.
// PORT=0 takes a free port (several replicas on one host); the chosen port is logged.
const server = serve({ fetch: service.app.fetch, port: config.PORT, hostname: '0.0.0.0' }, (info) =>
  log.info({ port: info.port, subscription: topology.indexerSubscription, alias: config.INDEX_ALIAS }, 'indexer listening'),
);
answerClientErrorsAsProblems(server);
server.on('error', (err: NodeJS.ErrnoException) => {
  const detail = err.code === 'EADDRINUSE' ? `PORT ${config.PORT} is already in use (use PORT=0 for any free port)` : err.message;
  console.error(`indexer: cannot listen: ${detail}`);
  process.exit(1);
});

handleShutdown(log, [
  { name: 'stop pulling, drain and settle', run: () => service.stop() },
  { name: 'close http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  { name: 'close clients', run: async () => { memcached.close(); await pubsub.close(); await es.close(); } },
]);

try {
  await service.start();
} catch (err) {
  log.fatal({ err }, 'indexer could not start');
  process.exit(1);
}
