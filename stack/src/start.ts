import { z } from 'zod';
import { CommonEnv, loadConfig } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { createTerminalLogger, runMain } from '@catalog/contract/process';
import { localAdminToken } from './admin-token';
import { APP_STOP_GRACE_MS, type AppProcessSpec } from './app-processes';
import { seedDemoCatalog } from './demo-seed';
import { displayPath, stackPaths } from './paths';
import { stackEnv, stopServices } from './services';
import { setupTopology } from './setup-topology';
import { OwnedServices, SupervisedApp } from './supervised-units';
import { Supervisor } from './supervisor';

/**
 * `npm start`: the local stack, the three processes and a demo catalog published through the real pipeline.
 * Afterwards it supervises what it started: a process or service that dies is restarted with backoff and
 * reported. Ctrl-C or SIGTERM stops the processes (SIGKILL after 10 s), then the services this run started
 * (never ones that were already running), and exits.
 */
const StartEnv = CommonEnv.extend({
  INDEXER_REPLICAS: z.coerce.number().int().min(1).max(8).default(1),
  DEMO_CATALOG_SIZE: z.coerce.number().int().min(0).max(1_000_000).default(3000),
  DEMO_CATALOG_SEED: z.coerce.number().int().default(42),
  SEARCH_API_PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  INVENTORY_PORT: z.coerce.number().int().min(1).max(65535).default(4000),
  INDEXER_PORT: z.coerce.number().int().min(1).max(65535).default(4100),
});

/** Grace of each service this run started between SIGTERM and SIGKILL at shutdown. */
const SERVICE_STOP_GRACE_MS = 10_000;
/** Shutdown never takes longer than this, whatever hangs. */
const SHUTDOWN_LIMIT_MS = 45_000;
const READY_TIMEOUT_MS = 120_000;
/** A signal this long after the first one kills the processes at once. */
const SECOND_SIGNAL_AFTER_MS = 2000;

const log = createTerminalLogger('start', process.env.LOG_LEVEL || 'info');
const supervisor = new Supervisor(log);
const apps: SupervisedApp[] = [];
let services: OwnedServices | undefined;

async function main(): Promise<void> {
  const options = loadConfig(StartEnv, process.env);
  const began = Date.now();
  const env = stackEnv(process.env);
  services = new OwnedServices(env, log);
  log.info('checking Elasticsearch, the Pub/Sub emulator and Memcached; starting what does not answer');
  const serviceRuns = await services.ensureAll();
  await setupTopology(env, log);
  for (const [name, run] of serviceRuns) void supervisor.watch(services.unit(name), run);

  const { token, source } = localAdminToken(env);
  // The inventory admin page reads search insights from the search API this stack starts.
  const appEnv = { ...env, ADMIN_TOKEN: token, LOG_LEVEL: env.LOG_LEVEL || 'info', SEARCH_API_URL: env.SEARCH_API_URL || `http://127.0.0.1:${options.SEARCH_API_PORT}` };
  const app = (name: string, workspace: AppProcessSpec['workspace'], port: number): SupervisedApp =>
    new SupervisedApp(
      { name, workspace, port, env: appEnv, onNotice: (notice) => log[notice.level]({ service: name }, notice.message) },
      READY_TIMEOUT_MS,
    );
  apps.push(app('inventory-simulator', 'inventory-simulator', options.INVENTORY_PORT));
  for (let i = 0; i < options.INDEXER_REPLICAS; i += 1) {
    apps.push(app(options.INDEXER_REPLICAS === 1 ? 'indexer' : `indexer-${i + 1}`, 'indexer', options.INDEXER_PORT + i));
  }
  apps.push(app('search-api', 'search-api', options.SEARCH_API_PORT));
  log.info(`starting ${apps.map((a) => a.name).join(', ')} (logs in ${displayPath(stackPaths.logs)}/)`);
  await Promise.all(
    apps.map(async (unit) => {
      const run = await unit.restart();
      log.info({ service: unit.name, childPid: run.pid, url: `http://127.0.0.1:${unit.running()?.port}` }, 'ready');
      void supervisor.watch(unit, run);
    }),
  );

  log.info({ products: options.DEMO_CATALOG_SIZE }, 'publishing the demo catalog through the inventory admin');
  const es = createElasticsearchClient(options, { requestTimeoutMs: 30_000 });
  const seeded = await seedDemoCatalog({
    es,
    alias: options.INDEX_ALIAS,
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
  Logs               ${displayPath(stackPaths.logs)}/ (warnings, errors and restarts also show here)
Press Ctrl-C to stop.`);
}

let stopping = false;

/** Stops the processes (SIGKILL after the grace), then the services this run started. Bounded. */
async function stopEverything(): Promise<void> {
  stopping = true;
  supervisor.stop();
  const running = apps.flatMap((unit) => unit.running() ?? []);
  if (running.length > 0) log.info(`stopping ${running.map((p) => p.name).join(', ')} (SIGKILL after ${APP_STOP_GRACE_MS / 1000} s)`);
  await Promise.all(running.map((p) => p.stop('SIGTERM', APP_STOP_GRACE_MS)));
  const owned = [...(services?.owned ?? [])];
  if (owned.length > 0) {
    log.info(`stopping the services this run started: ${owned.join(', ')}`);
    await stopServices(log, owned, SERVICE_STOP_GRACE_MS);
  }
}

let firstSignalAt = 0;
async function shutdown(): Promise<void> {
  if (stopping) {
    // Ctrl-C reaches us twice (from the terminal and relayed by npm): only a later one means "now".
    if (Date.now() - firstSignalAt < SECOND_SIGNAL_AFTER_MS) return;
    log.warn('second signal: killing the processes now');
    for (const unit of apps) void unit.running()?.stop('SIGKILL');
    return;
  }
  firstSignalAt = Date.now();
  setTimeout(() => {
    log.error(`shutdown took longer than ${SHUTDOWN_LIMIT_MS / 1000} s; exiting`);
    process.exit(1);
  }, SHUTDOWN_LIMIT_MS).unref();
  await stopEverything();
  log.info('stopped');
  process.exit(0);
}

process.on('SIGINT', () => void shutdown());
process.on('SIGTERM', () => void shutdown());
// Failures here are written for people ("install Java with …"): one line, no stack trace.
await runMain(
  'npm start',
  async () => {
    try {
      await main();
    } catch (err) {
      // A failure caused by Ctrl-C during the start is no failure: the shutdown under way exits.
      if (stopping) await new Promise<never>(() => undefined);
      await stopEverything();
      throw err;
    }
  },
  { stack: false },
);
