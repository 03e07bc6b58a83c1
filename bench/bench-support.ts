/** What the search benchmarks share: a generated catalog in its own alias, and processes started like `npm start` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Client } from '@elastic/elasticsearch';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateCatalog } from '../inventory-simulator/src/catalog/generator';
import { toFixtureDoc } from '../test/integration/search-fixtures';

/**
 * `count` products of the demo generator (seed 42) in a fresh index behind `alias`, as the indexer writes them (its
 * document function), sent with `helpers.bulk` from a stream (bounded memory at a million); with `reuse` an existing
 * alias that holds `count` documents is kept as it is.
 */
export async function indexGeneratedCatalog(es: Client, alias: string, o: { count: number; reuse?: boolean | undefined }): Promise<{ seconds: number; reused: boolean }> {
  if (o.reuse && (await es.indices.existsAlias({ name: alias })) && (await es.count({ index: alias })).count === o.count) return { seconds: 0, reused: true };
  await deleteProductIndices(es, alias);
  await ensureProductIndex(es, alias);
  const started = performance.now();
  const docs = async function* () {
    for (const p of generateCatalog({ seed: 42, count: o.count })) yield toFixtureDoc(p);
  };
  const stats = await es.helpers.bulk<Record<string, unknown>>({
    datasource: docs(),
    onDocument: (doc) => ({ index: { _index: alias, _id: String(doc.id) } }),
    flushBytes: 5_000_000,
    refreshOnCompletion: alias,
  });
  if (stats.failed > 0) throw new Error(`${stats.failed} bulk errors while indexing the bench catalog`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`indexed ${stats.successful} products in ${seconds.toFixed(1)} s`);
  return { seconds, reused: false };
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
