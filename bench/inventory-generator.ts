// Generator + master store throughput: `npx tsx bench/inventory-generator.ts [count] [seed]`.
// Prints products/s for generation alone and for seeding into a fresh SQLite store (generation + outbox writes).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { generateCatalog, seedCatalog } from '@catalog/inventory-simulator/catalog';
import { MasterStore } from '@catalog/inventory-simulator';

const count = Number(process.argv[2] ?? 100_000);
const seed = Number(process.argv[3] ?? 42);

let started = Date.now();
let bytes = 0;
for (const product of generateCatalog({ seed, count })) bytes += product.title.length;
const genSeconds = (Date.now() - started) / 1000;
console.log(`generate: ${count} products in ${genSeconds.toFixed(2)} s = ${Math.round(count / genSeconds)} products/s (${bytes} title chars)`);

const dir = mkdtempSync(join(tmpdir(), 'inventory-bench-'));
const store = new MasterStore(join(dir, 'bench.sqlite'));
try {
  started = Date.now();
  const result = await seedCatalog({ store, count, seed });
  console.log(`seed into SQLite (with outbox): ${result.written} products in ${(result.elapsedMs / 1000).toFixed(2)} s = ${result.productsPerSecond} products/s`);
  console.log(`rss ${Math.round(process.memoryUsage().rss / 1e6)} MB`);
} finally {
  store.close();
  rmSync(dir, { recursive: true, force: true });
}
