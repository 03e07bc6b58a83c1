import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { topologyNames } from '@catalog/contract';
import { deleteProductIndices } from '@catalog/mappings/ensure-index';
import { repoRoot } from '../../stack/src/paths';
import { deleteTopology } from '../../stack/src/pubsub-topology';
import { freePort, randomSuffix, stackClients } from './helpers';

// `npm start` as the README runs it (stack/src/start.ts), on its own ports, alias and topics so it can run
// beside other tests: it reaches "ready" with a demo catalog, serves it, and stops cleanly on Ctrl-C.
const suffix = randomSuffix();
const alias = `products-${suffix}`;
const dir = mkdtempSync(join(tmpdir(), 'catalog-start-'));
const { es, pubsub } = stackClients();

afterAll(async () => {
  await deleteTopology(pubsub, topologyNames(suffix));
  await deleteProductIndices(es, alias);
  await Promise.all([pubsub.close(), es.close()]);
  rmSync(dir, { recursive: true, force: true });
});

/** Run `npm start`'s script until it prints "Press Ctrl-C"; returns its output so far and a stop function. */
async function startOnce(ports: { search: number; inventory: number; indexer: number }) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'stack/src/start.ts')], {
    cwd: repoRoot,
    env: {
      ...process.env,
      ADMIN_TOKEN: `start-test-token-${suffix}`,
      INDEX_ALIAS: alias,
      PUBSUB_NAME_SUFFIX: suffix,
      INVENTORY_DB_PATH: join(dir, 'inventory.sqlite'),
      DEAD_LETTER_INDEX: `dead-letters-${suffix}`,
      DEMO_CATALOG_SIZE: '300',
      SEARCH_API_PORT: String(ports.search),
      INVENTORY_PORT: String(ports.inventory),
      INDEXER_PORT: String(ports.indexer),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const deadline = Date.now() + 150_000;
  while (!stdout.includes('Press Ctrl-C to stop.') && child.exitCode === null && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  return {
    stdout,
    stop: async () => {
      child.kill('SIGINT');
      return exited;
    },
  };
}

describe('npm start', () => {
  it('starts the processes with a demo catalog, prints the URLs, serves searches and stops on SIGINT', async () => {
    const [search, inventory, indexer] = (await Promise.all([freePort(), freePort(), freePort()])) as [number, number, number];
    const first = await startOnce({ search, inventory, indexer });
    expect(first.stdout).toContain('Catalog search is ready');
    expect(first.stdout).toContain(`http://127.0.0.1:${search}/`);
    expect(first.stdout).toContain('demo catalog of 300 products');

    const res = await fetch(`http://127.0.0.1:${search}/v1/products/search?per_page=1&group=false`);
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ total: 300 });
    // Grouped (the default) counts the demo catalog's families: every product is in exactly one.
    const Page = z.object({ total: z.number(), hits: z.array(z.object({ variantCount: z.number() })) });
    const pages = await Promise.all(
      [1, 2, 3].map(async (page) => Page.parse(await (await fetch(`http://127.0.0.1:${search}/v1/products/search?per_page=100&page=${page}`)).json())),
    );
    expect(pages[0]?.total).toBeLessThan(300);
    expect(pages.flatMap((p) => p.hits).reduce((sum, hit) => sum + hit.variantCount, 0)).toBe(300);
    // A URL over Node's 16 KB header limit is refused before any route, still as problem+json.
    for (const port of [search, inventory, indexer]) {
      const long = await fetch(`http://127.0.0.1:${port}/healthz?pad=${'a'.repeat(17_000)}`);
      expect([long.status, long.headers.get('content-type')]).toEqual([431, 'application/problem+json']);
    }

    expect(await first.stop()).toBe(0);
    await expect(fetch(`http://127.0.0.1:${search}/healthz`)).rejects.toThrow();

    // A second start keeps the catalog it has instead of publishing it again.
    const second = await startOnce({ search, inventory, indexer });
    expect(second.stdout).toContain('catalog has 300 products');
    expect(await second.stop()).toBe(0);
  }, 300_000);
});
