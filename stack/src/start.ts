import { pino } from 'pino';
import { z } from 'zod';
import { CommonEnv, loadConfig } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { localAdminToken } from './admin-token';
import { startAppProcess, waitForReady, type AppProcess } from './app-processes';
import { seedDemoCatalog } from './demo-seed';
import { describeError, ensureServices, stackEnv, stopServices, type ServiceName } from './services';
import { setupTopology } from './setup-topology';

/**
 * `npm start`: the local stack, the three processes and a demo catalog published through the real
 * pipeline. Ctrl-C stops the processes, then the services this run started (not ones already running).
 */
const StartEnv = z.object({
  INDEXER_REPLICAS: z.coerce.number().int().min(1).max(8).default(1),
  DEMO_CATALOG_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  DEMO_CATALOG_SEED: z.coerce.number().int().default(42),
  SEARCH_API_PORT: z.coerce.number().int().default(3000),
  INVENTORY_PORT: z.coerce.number().int().default(4000),
  INDEXER_PORT: z.coerce.number().int().default(4100),
});

const log = pino({ name: 'start', level: process.env.LOG_LEVEL || 'info' }, pino.destination(2));
const processes: AppProcess[] = [];
let startedServices: ServiceName[] = [];

async function main(): Promise<void> {
  const options = StartEnv.parse(process.env);
  const began = Date.now();
  // Only the emulator is used locally: keep Google's auth library (here and in the children) from
  // probing for a GCE metadata server.
  process.env.METADATA_SERVER_DETECTION ??= 'none';
  const env = stackEnv(process.env);
  const results = await ensureServices({ env }, log);
  startedServices = (Object.entries(results) as [ServiceName, { started: boolean }][]).filter(([, r]) => r.started).map(([n]) => n);
  await setupTopology(env, log);
  const { token, source } = localAdminToken(env);
  const appEnv = { ...env, ADMIN_TOKEN: token, LOG_LEVEL: env.LOG_LEVEL || 'info' };

  processes.push(startAppProcess({ name: 'inventory-simulator', workspace: 'inventory-simulator', port: options.INVENTORY_PORT, env: appEnv }));
  for (let i = 0; i < options.INDEXER_REPLICAS; i += 1) {
    const name = options.INDEXER_REPLICAS === 1 ? 'indexer' : `indexer-${i + 1}`;
    processes.push(startAppProcess({ name, workspace: 'indexer', port: options.INDEXER_PORT + i, env: appEnv }));
  }
  processes.push(startAppProcess({ name: 'search-api', workspace: 'search-api', port: options.SEARCH_API_PORT, env: appEnv }));
  await Promise.all(processes.map((p) => waitForReady(`http://127.0.0.1:${p.port}/readyz`, p, 120_000)));

  const es = createElasticsearchClient(loadConfig(CommonEnv, env), { requestTimeoutMs: 30_000 });
  const seeded = await seedDemoCatalog({
    es,
    alias: env.INDEX_ALIAS || 'products',
    adminUrl: `http://127.0.0.1:${options.INVENTORY_PORT}`,
    token,
    count: options.DEMO_CATALOG_SIZE,
    seed: options.DEMO_CATALOG_SEED,
    log,
  });
  await es.close();

  const seconds = ((Date.now() - began) / 1000).toFixed(1);
  console.log(`
Catalog search is ready (${seconds} s; ${seeded}).
  Storefront         http://127.0.0.1:${options.SEARCH_API_PORT}/
  Search API docs    http://127.0.0.1:${options.SEARCH_API_PORT}/docs
  Search example     http://127.0.0.1:${options.SEARCH_API_PORT}/v1/products/search?q=headphones
  Inventory admin    http://127.0.0.1:${options.INVENTORY_PORT}/admin
  Indexer admin      http://127.0.0.1:${options.INDEXER_PORT}/v1/admin/dead-letters
  Elasticsearch      ${env.ELASTICSEARCH_URL}
  Admin token        from ${source} (send as "Authorization: Bearer <token>")
  Logs               .local/logs/
Press Ctrl-C to stop.`);
}

let stopping = false;
async function shutdown(code: number): Promise<never> {
  if (stopping) process.exit(1);
  stopping = true;
  console.log('\nstopping…');
  await Promise.all(processes.map((p) => p.stop()));
  if (startedServices.length > 0) await stopServices(log, startedServices);
  process.exit(code);
}

process.on('SIGINT', () => void shutdown(0));
process.on('SIGTERM', () => void shutdown(0));
main().catch(async (err: unknown) => {
  console.error(`npm start failed: ${describeError(err)}`);
  await shutdown(1);
});
