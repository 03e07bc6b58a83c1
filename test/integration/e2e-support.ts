import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { z } from 'zod';
import { topologyNames } from '@catalog/contract';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { startAppProcess, waitForReady, type AppProcess } from '../../stack/src/app-processes';
import { ensureChromium } from '../../stack/src/chromium';
import { deleteTopology, ensureTopology } from '../../stack/src/pubsub-topology';
import { dropAliasIndices, freePort, stackClients } from './helpers';

/** The three real processes on the shared stack, with their own topics, alias, dead-letter index and database. */
export type Pipeline = {
  alias: string;
  token: string;
  inventory: string;
  indexer: string;
  search: string;
  /** A temporary folder (the inventory database is in it), removed by `stop`. */
  dir: string;
  /** Stops the processes (their exit codes, in the order inventory, indexer, search-api), drops what they made, closes its clients. */
  stop: () => Promise<(number | null)[]>;
};

/**
 * Start inventory-simulator, indexer and search-api as child processes (as `npm start` runs them) for `suffix`:
 * topics and subscriptions `…-<suffix>`, alias `products-<suffix>`, an inventory database in a temporary folder.
 * Resolves once all three answer /readyz.
 */
export async function startPipeline(o: { suffix: string; label: string }): Promise<Pipeline> {
  const { suffix } = o;
  const { es, pubsub } = stackClients();
  const alias = `products-${suffix}`;
  const token = `${o.label}-token-${suffix}-0123456789`;
  const names = topologyNames(suffix);
  const deadLetters = `dead-letters-${suffix}`;
  const dbDir = mkdtempSync(join(tmpdir(), `catalog-${o.label}-`));
  await ensureTopology(pubsub, names);
  await ensureProductIndex(es, alias);
  const env = {
    ...process.env, ADMIN_TOKEN: token, PUBSUB_NAME_SUFFIX: suffix, INDEX_ALIAS: alias,
    INVENTORY_DB_PATH: join(dbDir, 'inventory.sqlite'), DEAD_LETTER_INDEX: deadLetters, LOG_LEVEL: 'warn',
  };
  const [inventoryPort, indexerPort, searchPort] = (await Promise.all([freePort(), freePort(), freePort()])) as [number, number, number];
  const search = `http://127.0.0.1:${searchPort}`;
  const procs: AppProcess[] = [
    // The admin page's insights panel reads them from the search API.
    startAppProcess({ name: `${o.label}-inventory-${suffix}`, workspace: 'inventory-simulator', port: inventoryPort, env: { ...env, SEARCH_API_URL: search } }),
    startAppProcess({ name: `${o.label}-indexer-${suffix}`, workspace: 'indexer', port: indexerPort, env }),
    startAppProcess({ name: `${o.label}-search-${suffix}`, workspace: 'search-api', port: searchPort, env }),
  ];
  const stop = async () => {
    const codes = await Promise.all(procs.map((p) => p.stop()));
    await deleteTopology(pubsub, names);
    await dropAliasIndices(es, alias);
    await es.indices.delete({ index: deadLetters }, { ignore: [404] });
    rmSync(dbDir, { recursive: true, force: true });
    await Promise.all([pubsub.close(), es.close()]);
    return codes;
  };
  try {
    await Promise.all(procs.map((p) => waitForReady(`http://127.0.0.1:${p.port}/readyz`, p, 90_000)));
  } catch (err) {
    await stop();
    throw err;
  }
  return { alias, token, inventory: `http://127.0.0.1:${inventoryPort}`, indexer: `http://127.0.0.1:${indexerPort}`, search, dir: dbDir, stop };
}

/** Import `products` through the admin API's bulk import (NDJSON, one transaction; 202 = accepted for the outbox). */
export async function importProducts(pipeline: Pick<Pipeline, 'inventory' | 'token'>, products: readonly object[]): Promise<void> {
  const imported = await fetch(`${pipeline.inventory}/v1/admin/imports`, {
    method: 'POST', headers: { authorization: `Bearer ${pipeline.token}`, 'content-type': 'application/x-ndjson' }, body: products.map((p) => JSON.stringify(p)).join('\n'),
  });
  expect(imported.status, await imported.clone().text()).toBe(202);
}

/** The total of the pipeline's REST search for `query` (a query string such as `q=tee&group=false`). */
export async function searchTotal(pipeline: Pick<Pipeline, 'search'>, query: string): Promise<number> {
  const res = await fetch(`${pipeline.search}/v1/products/search?${query}`);
  return z.object({ total: z.number() }).parse(await res.json()).total;
}

/** Headless Chromium (installed when missing, as root, like `npm test` does before it starts). */
export async function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: await ensureChromium(pino({ level: 'info' })),
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
}

/** A new page on the inventory admin page, signed in with `token` (the page keeps it for its API calls). */
export async function openAdminPage(browser: Browser, inventory: string, token: string): Promise<Page> {
  const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  await admin.goto(`${inventory}/admin`);
  await admin.getByLabel('Admin token').fill(token);
  await admin.getByRole('button', { name: 'Use token' }).click();
  await expect.poll(() => admin.locator('#status').textContent()).toContain('Token accepted');
  return admin;
}
