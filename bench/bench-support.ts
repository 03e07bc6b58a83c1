/** What the search benchmarks share: a generated catalog in its own alias, and processes started like `npm start` does. */
import { spawn, type ChildProcess } from 'node:child_process';
import type { Client } from '@elastic/elasticsearch';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { familiesAlias, familyKey } from '@catalog/contract';
import { generateCatalog } from '../inventory-simulator/src/catalog/generator';
import { ProductSource, toFamilyDocument } from '../indexer/src/families/to-family-document';
import { toFixtureDoc } from '../test/integration/search-fixtures';

/**
 * `count` products of the demo generator (seed 42) in a fresh index behind `alias`, and their families behind
 * `familiesAlias(alias)`, as the indexer writes them (its document functions), sent with `helpers.bulk` from a stream
 * (bounded memory at a million); with `reuse` an existing alias that holds `count` documents (and families) is kept.
 */
export async function indexGeneratedCatalog(es: Client, alias: string, o: { count: number; reuse?: boolean | undefined }): Promise<{ seconds: number; reused: boolean }> {
  const reusable = async () =>
    (await es.indices.existsAlias({ name: alias })) &&
    (await es.count({ index: alias })).count === o.count &&
    (await es.indices.existsAlias({ name: familiesAlias(alias) })) &&
    (await es.count({ index: familiesAlias(alias) })).count > 0;
  if (o.reuse && (await reusable())) return { seconds: 0, reused: true };
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
  const families = await es.helpers.bulk<Record<string, unknown>>({
    datasource: familyDocuments(o.count),
    onDocument: (doc) => ({ index: { _index: familiesAlias(alias), _id: String(doc.familyKey) } }),
    flushBytes: 5_000_000,
    refreshOnCompletion: familiesAlias(alias),
  });
  if (families.failed > 0) throw new Error(`${families.failed} bulk errors while indexing the bench families`);
  const seconds = (performance.now() - started) / 1000;
  console.log(`indexed ${stats.successful} products in ${families.successful} families in ${seconds.toFixed(1)} s`);
  return { seconds, reused: false };
}

/**
 * The families of the generated catalog as the indexer derives them (`toFamilyDocument`, issue 17), streamed: a
 * first pass counts each family's members, the second emits a family once all of its members were generated (the
 * generator makes a family's variants together, so few are open at once).
 */
async function* familyDocuments(count: number): AsyncGenerator<Record<string, unknown>> {
  const sizes = new Map<string, number>();
  for (const p of generateCatalog({ seed: 42, count })) sizes.set(familyKey(p), (sizes.get(familyKey(p)) ?? 0) + 1);
  const open = new Map<string, ProductSource[]>();
  for (const p of generateCatalog({ seed: 42, count })) {
    const key = familyKey(p);
    const members = [...(open.get(key) ?? []), ProductSource.parse(toFixtureDoc(p))];
    if (members.length < (sizes.get(key) ?? 0)) {
      open.set(key, members);
      continue;
    }
    open.delete(key);
    const family = toFamilyDocument(key, members);
    if (family) yield family;
  }
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
