import { serve } from '@hono/node-server';
import { topologyNames } from '@catalog/contract';
import { adminAuthSettings, answerClientErrorsAsProblems } from '@catalog/contract/http';
import { createLogger, handleShutdown, runMain } from '@catalog/contract/process';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { createInventoryApp } from './app';
import { createRuleStore } from './merch/rule-store';
import { createSynonymStore } from './merch/synonym-store';
import { loadInventoryConfig } from './config';
import { createInventoryMetrics } from './metrics';
import { OutboxRelay } from './publish/outbox-relay';
import { pubsubPublisher } from './publish/pubsub-publisher';
import { Simulator } from './simulate/simulator';
import { MasterStore } from './store/master-store';

const config = await runMain('inventory-simulator', () => loadInventoryConfig(process.env));
const log = createLogger('inventory-simulator', config.LOG_LEVEL);

const store = new MasterStore(config.INVENTORY_DB_PATH);
const pubsub = createPubSubClient(config);
const topics = topologyNames(config.PUBSUB_NAME_SUFFIX);
const publisher = pubsubPublisher(pubsub, topics.updatesTopic);
const relay = new OutboxRelay(store, publisher, log, {
  pollMs: config.OUTBOX_POLL_MS,
  batchSize: config.OUTBOX_BATCH_SIZE,
  retainPublished: config.OUTBOX_RETAIN_PUBLISHED,
});
const simulator = new Simulator({ store, onAccepted: () => relay.wake(), log });
const registry = createInventoryMetrics(store, () => relay.stats());
// Merchandising data (synonym sets) lives next to the products index: search-api reads it from there.
const es = createElasticsearchClient(config, { requestTimeoutMs: 10_000 });

let accepting = true;
const app = createInventoryApp({
  store,
  adminToken: config.ADMIN_TOKEN,
  adminAuth: adminAuthSettings(config),
  log,
  registry,
  onAccepted: () => relay.wake(),
  checks: { store: async () => void store.pendingCount() },
  // While Pub/Sub is down, changes are still accepted into the outbox: degraded, not unready.
  degradable: { pubsub: async () => void (await pubsub.topic(topics.updatesTopic).getMetadata({ timeout: 2000 })) },
  isAccepting: () => accepting,
  maxBodyBytes: config.MAX_BODY_BYTES,
  searchApiUrl: config.SEARCH_API_URL,
  maxImportBytes: config.MAX_IMPORT_BYTES,
  maxImportLineBytes: config.MAX_IMPORT_LINE_BYTES,
  simulator,
  synonyms: createSynonymStore({ client: es, alias: config.INDEX_ALIAS }),
  rules: createRuleStore({ client: es, alias: config.INDEX_ALIAS }),
  relayStats: () => relay.stats(),
});

relay.start();
const server = serve({ fetch: app.fetch, port: config.PORT, hostname: '0.0.0.0' }, (info) =>
  log.info({ port: info.port }, 'inventory-simulator listening'),
);
answerClientErrorsAsProblems(server);

handleShutdown(log, [
  { name: 'stop accepting', run: () => void (accepting = false) },
  { name: 'stop simulation', run: () => void simulator.stop() },
  { name: 'close http', run: () => new Promise<void>((resolve) => server.close(() => resolve())) },
  { name: 'drain outbox', run: () => relay.stop() },
  { name: 'close pubsub', run: async () => { await publisher.close(); await pubsub.close(); } },
  { name: 'close store', run: () => store.close() },
  { name: 'close elasticsearch', run: () => es.close() },
]);
