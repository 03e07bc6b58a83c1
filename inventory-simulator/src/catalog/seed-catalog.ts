import type { MasterStore } from '../store/master-store';
import { generateCatalog } from './generator';

/** Progress of a seeding run, reported after every batch. */
export type SeedProgress = { written: number; total: number; elapsedMs: number };

export type SeedOptions = {
  store: MasterStore;
  count: number;
  seed: number;
  /** Products per transaction: big enough to amortise the commit, small enough to not block readers long. */
  batchSize?: number;
  /** Index of the first product (resume or extend a catalog). */
  start?: number;
  onProgress?: (progress: SeedProgress) => void;
  /** Called after each committed batch (e.g. wake the outbox relay). */
  onBatch?: () => void;
  now?: () => Date;
};

export type SeedResult = { written: number; elapsedMs: number; productsPerSecond: number };

/**
 * Write the generated catalog `seed` into the master store in batched transactions, each queuing its events
 * in the outbox, so that the relay publishes them through the real pipeline. Yields to the event loop between
 * batches (an HTTP server in the same process stays responsive); memory stays bounded by one batch.
 */
export async function seedCatalog(options: SeedOptions): Promise<SeedResult> {
  const batchSize = options.batchSize ?? 1000;
  const now = options.now ?? (() => new Date());
  const started = Date.now();
  const source = generateCatalog({ seed: options.seed, count: options.count, start: options.start ?? 0 });
  let written = 0;
  for (;;) {
    const batch = [];
    for (let next = source.next(); !next.done; next = source.next()) {
      batch.push(next.value);
      if (batch.length === batchSize) break;
    }
    if (batch.length === 0) break;
    written += options.store.upsertMany(batch, now());
    options.onBatch?.();
    options.onProgress?.({ written, total: options.count, elapsedMs: Date.now() - started });
    await new Promise((resolve) => setImmediate(resolve));
  }
  const elapsedMs = Date.now() - started;
  return { written, elapsedMs, productsPerSecond: Math.round(written / Math.max(elapsedMs / 1000, 0.001)) };
}
