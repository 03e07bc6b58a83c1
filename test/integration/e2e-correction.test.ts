import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startAppProcess, waitForReady, type AppProcess } from '../../stack/src/app-processes';
import { launchChromium } from './e2e-support';
import { dropAliasIndices, freePort, randomSuffix, stackClients } from './helpers';
import { seedFixtureCatalog } from './search-fixtures';

// The storefront's did-you-mean (issue 16) in headless Chromium over a real search-api process and Elasticsearch:
// a misspelt search shows "Showing results for …", and "Search instead for …" searches the words exactly as typed.
const suffix = randomSuffix();
const alias = `products-${suffix}`;
const { es } = stackClients();
let proc: AppProcess | undefined;
let search = '';
let browser: Browser;

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
  const port = await freePort();
  proc = startAppProcess({ name: `correction-search-${suffix}`, workspace: 'search-api', port, env: { ...process.env, INDEX_ALIAS: alias, LOG_LEVEL: 'warn' } });
  search = `http://127.0.0.1:${port}`;
  await waitForReady(`${search}/readyz`, proc, 90_000);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await proc?.stop();
  await dropAliasIndices(es, alias);
  await es.close();
});

describe('storefront did-you-mean', () => {
  it('shows results for the corrected query, and "search instead for" searches the words as typed', async () => {
    const page = await browser.newPage();
    await page.goto(`${search}/?q=${encodeURIComponent('logitech keybord')}`);
    const notice = page.locator('#correction .correction');
    await expect.poll(async () => notice.textContent(), { timeout: 20_000 }).toBe('Showing results for logitech keyboard. Search instead for logitech keybord.');
    await expect.poll(async () => page.locator('#hits').textContent(), { timeout: 20_000 }).toContain('Logitech MX Keys Keyboard');
    await notice.locator('a.search-instead').click();
    await expect.poll(async () => page.locator('#summary').textContent(), { timeout: 20_000 }).toContain('No products found');
    expect(await page.locator('#correction').textContent()).toBe('');
    await page.close();
  }, 60_000);
});
