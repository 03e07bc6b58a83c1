/** What the search benchmarks share: a generated catalog in its own alias, and processes started like `npm start` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Client } from '@elastic/elasticsearch';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateCatalog } from '../inventory-simulator/src/catalog/generator';
import { toFixtureDoc } from '../test/integration/search-fixtures';

/**
 * `count` products of the demo generator (seed 42) in a fresh index behind `alias`, as the indexer writes them;
 * with `reuse` an existing alias is kept as it is.
 */
export async function indexGeneratedCatalog(es: Client, alias: string, o: { count: number; reuse?: boolean }): Promise<void> {
  if (o.reuse && (await es.indices.existsAlias({ name: alias }))) return;
  await deleteProductIndices(es, alias);
  await ensureProductIndex(es, alias);
  const products = [...generateCatalog({ seed: 42, count: o.count })];
  const started = Date.now();
  for (let i = 0; i < products.length; i += 5_000) {
    const r = await es.bulk({ operations: products.slice(i, i + 5_000).flatMap((p) => [{ index: { _index: alias, _id: p.id } }, toFixtureDoc(p)]) });
    if (r.errors) throw new Error('bulk errors while indexing the bench catalog');
  }
  await es.indices.refresh({ index: alias });
  console.log(`indexed ${products.length} products in ${((Date.now() - started) / 1000).toFixed(1)} s`);
}

/** Run a TypeScript entry point (`search-api/src/main.ts`, …) on `port`; resolves once its `/readyz` answers 200. */
export function startProcess(name: string, script: string, port: number, env: Record<string, string>): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script], {
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + 30_000;
    const poll = async () => {
      try {
        if ((await fetch(`http://127.0.0.1:${port}/readyz`)).ok) return resolve(child);
      } catch {
        // not listening yet
      }
      if (child.exitCode !== null) return reject(new Error(`${name} exited with ${child.exitCode}`));
      if (Date.now() > deadline) return reject(new Error(`${name} on ${port} not ready`));
      setTimeout(poll, 200);
    };
    void poll();
  });
}
