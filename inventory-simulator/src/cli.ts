import { Command, InvalidArgumentError } from 'commander';
import { SingleBar, Presets } from 'cli-progress';
import { CommonEnv, loadConfig, topologyNames } from '@catalog/contract';
import { createLogger, runMain } from '@catalog/contract/process';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { seedCatalog } from './catalog/seed-catalog';
import { OutboxRelay } from './publish/outbox-relay';
import { pubsubPublisher } from './publish/pubsub-publisher';
import { Simulator } from './simulate/simulator';
import { MasterStore } from './store/master-store';

/**
 * `npm run seed` / `npm run simulate`. Both write through the master store (the same SQLite file as the
 * inventory process, INVENTORY_DB_PATH), so every change lands in the outbox. A running inventory process
 * publishes it within OUTBOX_POLL_MS; with `--publish` this CLI runs its own relay and waits until Pub/Sub
 * acknowledged everything (use it when no inventory process runs; with one running, both would publish and
 * the indexer would drop the duplicates by version).
 */
const int = (name: string, min: number, max: number) => (value: string): number => {
  const n = Number(value);
  if (!Number.isInteger(n) || n < min || n > max) throw new InvalidArgumentError(`${name} must be an integer in ${min}..${max}`);
  return n;
};
const dbDefault = process.env.INVENTORY_DB_PATH || '.local/inventory.sqlite';

async function withPublisher<T>(store: MasterStore, publish: boolean, work: (wake: () => void) => Promise<T>): Promise<T> {
  if (!publish) {
    const result = await work(() => undefined);
    console.log(`events queued in the outbox (${store.pendingCount()} pending); the inventory process publishes them, or rerun with --publish`);
    return result;
  }
  const config = loadConfig(CommonEnv, process.env);
  const log = createLogger('inventory-cli', process.env.LOG_LEVEL ?? 'warn');
  const pubsub = createPubSubClient(config);
  const publisher = pubsubPublisher(pubsub, topologyNames(config.PUBSUB_NAME_SUFFIX).updatesTopic);
  const relay = new OutboxRelay(store, publisher, log, { pollMs: 200, batchSize: 1000 });
  relay.start();
  try {
    const result = await work(() => relay.wake());
    const started = Date.now();
    const pending = store.pendingCount();
    const bar = new SingleBar({ format: 'publishing {bar} {value}/{total} events | {eta_formatted} left' }, Presets.shades_classic);
    bar.start(pending, 0);
    const timer = setInterval(() => bar.update(pending - store.pendingCount()), 250);
    await relay.drained();
    clearInterval(timer);
    bar.update(pending);
    bar.stop();
    const seconds = (Date.now() - started) / 1000;
    console.log(`published ${relay.stats().published} events to Pub/Sub (${Math.round(pending / Math.max(seconds, 0.001))} events/s after the writes)`);
    return result;
  } finally {
    await relay.stop();
    await publisher.close();
    await pubsub.close();
  }
}

const program = new Command('inventory').description('Inventory simulator tools: seed a catalog, simulate a change stream');

program
  .command('seed')
  .description('write a generated, deterministic catalog into the master store (and its events into the outbox)')
  .option('--count <n>', 'products to generate', int('--count', 1, 10_000_000), 10_000)
  .option('--seed <n>', 'PRNG seed: the same seed gives the same catalog', int('--seed', 0, 2 ** 32 - 1), 42)
  .option('--start <n>', 'index of the first product (extend an existing catalog)', int('--start', 0, 10_000_000), 0)
  .option('--batch-size <n>', 'products per transaction', int('--batch-size', 1, 100_000), 1000)
  .option('--db <path>', 'SQLite master store (INVENTORY_DB_PATH)', dbDefault)
  .option('--publish', 'publish the outbox to Pub/Sub from this process and wait until it is drained', false)
  .action(async (opts: { count: number; seed: number; start: number; batchSize: number; db: string; publish: boolean }) => {
    const store = new MasterStore(opts.db);
    try {
      await withPublisher(store, opts.publish, async (wake) => {
        const bar = new SingleBar({ format: 'seeding {bar} {value}/{total} products | {rate}/s | {eta_formatted} left' }, Presets.shades_classic);
        bar.start(opts.count, 0, { rate: 0 });
        const seeded = await seedCatalog({
          store,
          count: opts.count,
          seed: opts.seed,
          start: opts.start,
          batchSize: opts.batchSize,
          onBatch: wake,
          onProgress: (p) => bar.update(p.written, { rate: Math.round(p.written / Math.max(p.elapsedMs / 1000, 0.001)) }),
        });
        bar.stop();
        console.log(`seeded ${seeded.written} products (seed ${opts.seed}) in ${(seeded.elapsedMs / 1000).toFixed(1)} s: ${seeded.productsPerSecond} products/s into ${opts.db}`);
        return seeded;
      });
    } finally {
      store.close();
    }
  });

program
  .command('simulate')
  .description('write a realistic stream of changes (prices, stock, new products, deletions, bursts)')
  .option('--rate <n>', 'changes per second', int('--rate', 1, 10_000), 200)
  .option('--duration <s>', 'seconds to run', int('--duration', 1, 86_400), 60)
  .option('--seed <n>', 'PRNG seed of the change stream', int('--seed', 0, 2 ** 32 - 1), 1)
  .option('--db <path>', 'SQLite master store (INVENTORY_DB_PATH)', dbDefault)
  .option('--publish', 'publish the outbox to Pub/Sub from this process and wait until it is drained', false)
  .action(async (opts: { rate: number; duration: number; seed: number; db: string; publish: boolean }) => {
    const store = new MasterStore(opts.db);
    try {
      if (store.counts().live === 0) console.log('the store has no live products yet: only "new" changes will apply (run `npm run seed` first)');
      await withPublisher(store, opts.publish, async (wake) => {
        const log = createLogger('inventory-cli', process.env.LOG_LEVEL ?? 'warn');
        const simulator = new Simulator({ store, onAccepted: wake, log });
        const bar = new SingleBar({ format: 'simulating {bar} {value}/{total} s | {events} events' }, Presets.shades_classic);
        bar.start(opts.duration, 0, { events: 0 });
        const started = Date.now();
        const timer = setInterval(() => bar.update(Math.min(opts.duration, Math.floor((Date.now() - started) / 1000)), { events: simulator.status().published.total }), 500);
        const status = await simulator.runFor({ rate: opts.rate, durationSeconds: opts.duration, seed: opts.seed });
        clearInterval(timer);
        bar.update(opts.duration, { events: status.published.total });
        bar.stop();
        const { total, ...byKind } = status.published;
        console.log(`simulated ${total} changes in ${opts.duration} s (${status.achievedRate}/s):`);
        for (const [kind, n] of Object.entries(byKind)) console.log(`  ${kind.padEnd(10)} ${n}`);
        return status;
      });
    } finally {
      store.close();
    }
  });

await runMain('inventory', () => program.parseAsync(process.argv));
