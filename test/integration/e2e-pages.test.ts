import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { familyKey, type SearchResponse } from '@catalog/contract';
import { generateCatalog } from '@catalog/inventory-simulator/catalog';
import { importProducts, launchChromium, openAdminPage, searchTotal, startPipeline, type Pipeline } from './e2e-support';
import { eventually, randomSuffix } from './helpers';

// The two pages people use, driven in headless Chromium over the three real processes on the real stack:
// a price changed in the inventory admin page shows in the storefront within the freshness bound, and
// facets narrow the results. Screenshots land in docs/ for the README.
const FRESHNESS_BOUND_MS = 10_000;
const CATALOG_SIZE = 80;
const suffix = randomSuffix();
let pipeline: Pipeline;
// Screenshots always prove the pages render; they replace the ones in docs/ only on request (E2E_SCREENSHOTS=1).
let shotDir = 'docs';
let token = '';
let inventory = '';
let search = '';
let browser: Browser;

/** The storefront shows one card per product family (it sends `distinct`): a browse counts the catalog's families. */
const catalogFamilies = new Set([...generateCatalog({ seed: 11, count: CATALOG_SIZE })].map((p) => familyKey(p))).size;
const summaryTotal = async (page: Page): Promise<number> => {
  const text = (await page.locator('#summary').textContent()) ?? '';
  const match = /of ([\d,]+) products/.exec(text);
  return match?.[1] ? Number(match[1].replaceAll(',', '')) : 0;
};

beforeAll(async () => {
  pipeline = await startPipeline({ suffix, label: 'pages' });
  ({ token, inventory, search } = pipeline);
  if (process.env.E2E_SCREENSHOTS !== '1') shotDir = pipeline.dir;

  // A small generated catalog through the real pipeline: admin bulk import → outbox → Pub/Sub → indexer.
  await importProducts(pipeline, [...generateCatalog({ seed: 11, count: CATALOG_SIZE })].map(({ createdAt: _c, updatedAt: _u, ...p }) => p));
  await eventually(async () => ((await searchTotal(pipeline, 'per_page=1&group=false')) >= CATALOG_SIZE ? true : undefined), 60_000);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pipeline?.stop();
});

describe('pages in a browser', () => {
  it('a price changed in the admin page shows in the storefront within the freshness bound', async () => {
    const target = [...generateCatalog({ seed: 11, count: 1 })][0];
    if (!target) throw new Error('no product');
    const admin = await openAdminPage(browser, inventory, token);
    await admin.getByLabel('Title or SKU').fill(target.id);
    await admin.getByRole('button', { name: 'Find', exact: true }).click();
    await admin.getByRole('button', { name: `Edit ${target.id}` }).click();
    await admin.getByLabel(/^Price/).fill('77.77');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => admin.locator('#status').textContent()).toContain('Saved');
    const savedAt = Date.now();
    await expect.poll(() => admin.locator('#events tbody tr').count()).toBeGreaterThan(0);
    await admin.screenshot({ path: join(shotDir, 'admin.png'), fullPage: true });

    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const url = `${search}/?q=${encodeURIComponent(target.title)}`;
    await expect
      .poll(async () => {
        await shop.goto(url);
        await shop.locator('#summary').filter({ hasText: /products|No products/ }).waitFor();
        return shop.locator('.hit', { hasText: target.title }).locator('.price').first().textContent();
      }, { timeout: FRESHNESS_BOUND_MS, interval: 300 })
      .toBe('$77.77');
    expect(Date.now() - savedAt).toBeLessThan(FRESHNESS_BOUND_MS);
    await shop.locator('.hit', { hasText: target.title }).getByRole('button').first().click();
    await expect.poll(() => shop.locator('#detail').textContent()).toContain('$77.77');
    await admin.close();
    await shop.close();
  });

  it('a pin rule made in the admin page leads the search results and the InstantSearch storefront (with its banner) within the rules refresh, and deleting it there removes it', async () => {
    const products = [...generateCatalog({ seed: 11, count: CATALOG_SIZE })];
    const q = (products[0]?.brand ?? '').toLowerCase();
    const target = products.find((p) => p.brand.toLowerCase() !== q);
    if (!q || !target) throw new Error('no products');
    type Answer = { hits: { id: string }[]; rules?: { applied: string[]; userData: { banner?: string }[] } };
    const first = async () => (await (await fetch(`${search}/v1/products/search?${new URLSearchParams({ q })}`)).json()) as Answer;
    expect((await first()).hits[0]?.id).not.toBe(target.id);

    const admin = await openAdminPage(browser, inventory, token);
    await admin.getByLabel('Rule id').fill('e2e-pin');
    await admin.getByLabel('When the query').selectOption('is');
    await admin.getByLabel('Phrase').fill(q);
    await admin.getByLabel('Pin SKU').fill(target.id);
    await admin.getByLabel('Banner text').fill('Pinned in the admin page');
    await admin.getByRole('button', { name: 'Save rule' }).click();
    // The first save creates the rules and audit indices.
    await expect.poll(() => admin.locator('#status').textContent(), { timeout: 15_000 }).toContain('Saved rule e2e-pin');
    await expect.poll(() => admin.locator('#rules tbody').textContent(), { timeout: 5_000 }).toContain(`pin ${target.id} at 1`);
    const savedAt = Date.now();
    // RULES_REFRESH_MS (5 s) plus the cache's own staleness bound.
    await expect.poll(async () => (await first()).hits[0]?.id, { timeout: FRESHNESS_BOUND_MS, interval: 300 }).toBe(target.id);
    expect(Date.now() - savedAt).toBeLessThan(FRESHNESS_BOUND_MS);
    expect((await first()).rules?.userData).toEqual([{ banner: 'Pinned in the admin page' }]);
    // The InstantSearch storefront (Algolia protocol, one card per family) leads with the pinned product and shows the banner.
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const firstCard = async () => {
      await shop.goto(`${search}/?q=${encodeURIComponent(q)}`);
      await shop.locator('#summary').filter({ hasText: /products|No products/ }).waitFor();
      return shop.locator('.hit .sku').first().textContent();
    };
    await expect.poll(firstCard, { timeout: FRESHNESS_BOUND_MS, interval: 300 }).toBe(`SKU ${target.id}`);
    expect(Date.now() - savedAt).toBeLessThan(FRESHNESS_BOUND_MS);
    await expect.poll(() => shop.locator('#banner').textContent()).toContain('Pinned in the admin page');

    await admin.getByRole('button', { name: 'Delete rule e2e-pin' }).click();
    await expect.poll(() => admin.locator('#status').textContent(), { timeout: 5_000 }).toContain('Deleted rule e2e-pin');
    const deletedAt = Date.now();
    await expect.poll(async () => (await first()).rules, { timeout: FRESHNESS_BOUND_MS, interval: 300 }).toBeUndefined();
    await expect.poll(async () => (await firstCard(), shop.locator('#banner').textContent()), { timeout: FRESHNESS_BOUND_MS, interval: 300 }).toBe('');
    expect(Date.now() - deletedAt).toBeLessThan(FRESHNESS_BOUND_MS);
    await shop.close();
    await admin.close();
  });

  it('the admin page shows search insights from the search API: CTR, average click position, conversion rate, no-click queries', async () => {
    const [product] = [...generateCatalog({ seed: 11, count: 1 })];
    if (!product) throw new Error('no product');
    const searchWith = async (query: string): Promise<string> => {
      const res = await fetch(`${search}/1/indexes/products/query`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query, clickAnalytics: true }) });
      expect(res.status).toBe(200);
      return ((await res.json()) as { queryID: string }).queryID;
    };
    const probe = `insights probe ${suffix}`;
    const [clicked] = [await searchWith(probe), await searchWith(probe)];
    await searchWith(`never clicked ${suffix}`);
    const event = { eventName: 'e2e', index: 'products', userToken: 'e2e-shopper', queryID: clicked, objectIDs: [product.id] };
    const sent = await fetch(`${search}/1/events`, {
      method: 'POST', headers: { 'content-type': 'text/plain' },
      body: JSON.stringify({ events: [{ ...event, eventType: 'click', positions: [3] }, { ...event, eventType: 'conversion' }] }),
    });
    expect(sent.status).toBe(200);

    const admin = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const complaints: string[] = [];
    admin.on('console', (m) => void (m.type() === 'error' && complaints.push(m.text())));
    admin.on('pageerror', (err) => complaints.push(String(err)));
    await admin.goto(`${inventory}/admin`);
    const cells = (table: string, query: string) => admin.locator(`#${table} tbody tr`, { hasText: query }).locator('td').allTextContents();
    // Events are buffered and flushed to Elasticsearch every INSIGHTS_FLUSH_MS: refresh until they are counted.
    await expect
      .poll(async () => {
        await admin.getByRole('button', { name: 'Refresh insights' }).click();
        return cells('insights', probe);
      }, { timeout: 15_000, interval: 500 })
      .toEqual([probe, '2', '50.0%', '3', '50.0%']);
    await expect.poll(() => cells('no-clicks', `never clicked ${suffix}`)).toEqual([`never clicked ${suffix}`, '1']);
    expect(await cells('no-clicks', probe)).toEqual([]);
    expect(complaints).toEqual([]);
    await admin.close();
  });

  it('facets narrow the results; autocomplete suggests as you type', async () => {
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await shop.goto(`${search}/`);
    await expect.poll(() => summaryTotal(shop), { timeout: 15_000 }).toBeGreaterThanOrEqual(catalogFamilies);
    const all = await summaryTotal(shop);

    const brand = shop.locator('fieldset', { hasText: 'Brand' }).locator('label').first();
    const brandName = ((await brand.locator('span').first().textContent()) ?? '').trim();
    await brand.locator('input').check();
    await expect.poll(() => summaryTotal(shop)).toBeLessThan(all);
    // Each card's "<brand> · <category>" line (its other .meta line holds the reviews): every one names the brand.
    const brandLines = (await shop.locator('.hit .meta').allTextContents()).filter((m) => m.includes(' · ') && !m.startsWith('★') && !m.startsWith('No reviews'));
    expect(brandLines.length).toBeGreaterThan(0);
    expect(brandLines.filter((m) => !m.startsWith(`${brandName} · `))).toEqual([]);
    await expect.poll(() => shop.url()).toContain('brand=');

    await shop.getByRole('button', { name: 'Clear all filters' }).click();
    await expect.poll(() => summaryTotal(shop)).toBe(all);
    // The hierarchical menu's entries are links (InstantSearch hierarchicalMenu).
    await shop.locator('fieldset', { hasText: 'Category' }).locator('a').first().click();
    await expect.poll(() => summaryTotal(shop)).toBeLessThan(all);

    await shop.getByRole('searchbox', { name: 'Search products' }).pressSequentially(brandName.slice(0, 4).toLowerCase(), { delay: 60 });
    await expect.poll(() => shop.getByRole('listbox').getByRole('option').count(), { timeout: 5000 }).toBeGreaterThan(0);
    await shop.screenshot({ path: join(shotDir, 'storefront.png'), fullPage: false });
    await shop.close();
  });

  it('storefront on InstantSearch: type, refine, paginate, the back button restores the state, clicks are insights events', async () => {
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const elsewhere: string[] = [];
    const complaints: string[] = [];
    // Scripts, styles and API calls come from this origin only (product images may live anywhere).
    shop.on('request', (r) => void (['script', 'stylesheet', 'xhr', 'fetch'].includes(r.resourceType()) && !r.url().startsWith(search) && elsewhere.push(r.url())));
    shop.on('console', (m) => void (m.type() === 'error' && !m.text().startsWith('Failed to load resource') && complaints.push(m.text())));
    shop.on('pageerror', (err) => complaints.push(String(err)));
    await shop.goto(`${search}/`);
    await expect.poll(() => summaryTotal(shop), { timeout: 15_000 }).toBeGreaterThanOrEqual(catalogFamilies);
    const all = await summaryTotal(shop);

    // Type a query and submit it: fewer products, the query in the URL.
    // The biggest brand's name: a query with several results.
    const word = ((await shop.locator('fieldset', { hasText: 'Brand' }).locator('label').first().locator('span').first().textContent()) ?? '').trim();
    const box = shop.getByRole('searchbox', { name: 'Search products' });
    await box.fill(word);
    await box.press('Enter');
    await expect.poll(() => shop.url()).toContain(`q=${encodeURIComponent(word)}`);
    await expect.poll(() => summaryTotal(shop)).toBeLessThan(all);
    const typed = await summaryTotal(shop);

    // Refine a brand, then go back to the unrefined query (page 1).
    const brand = shop.locator('fieldset', { hasText: 'Brand' }).locator('label').first();
    await brand.locator('input').check();
    await expect.poll(() => shop.url()).toContain('brand=');
    await expect.poll(() => summaryTotal(shop)).toBeLessThanOrEqual(typed);
    await shop.goBack();
    await expect.poll(() => shop.url()).not.toContain('brand=');
    await expect.poll(() => summaryTotal(shop)).toBe(typed);
    await expect.poll(() => box.inputValue()).toBe(word);

    // Paginate the catalog and come back with the back button.
    await shop.goto(`${search}/`);
    await expect.poll(() => summaryTotal(shop)).toBe(all);
    const firstOfPage1 = await shop.locator('.hit .title').first().textContent();
    await shop.getByRole('link', { name: 'Page 2' }).click();
    await expect.poll(() => shop.url()).toContain('page=2');
    await expect.poll(() => shop.locator('#summary').textContent()).toMatch(/^21–40 of/);
    await shop.goBack();
    await expect.poll(() => shop.locator('#summary').textContent()).toMatch(/^1–20 of/);
    await expect.poll(() => shop.locator('.hit .title').first().textContent()).toBe(firstOfPage1);

    // A click on a result after a search, and an add-to-cart, are stored as insights events of that query.
    await box.fill(word);
    await box.press('Enter');
    await expect.poll(() => summaryTotal(shop)).toBe(typed);
    await shop.locator('.hit .title').nth(1).click();
    await shop.getByRole('button', { name: 'Add to cart' }).click();
    await expect
      .poll(async () => {
        const r = (await (await fetch(`${search}/v1/searches/insights?limit=50`)).json()) as { queries: { query: string; clicks: number; averageClickPosition: number | null; conversions: number }[] };
        return r.queries.find((q) => q.query === word.toLowerCase());
      }, { timeout: 15_000 })
      .toMatchObject({ clicks: 1, averageClickPosition: 2, conversions: 1 });
    expect(elsewhere).toEqual([]);
    expect(complaints).toEqual([]);
    await shop.close();
  });

  it('a product family imported in the admin API is one storefront card: its swatches show each variant, a colour filter picks the representative', async () => {
    // Four variants (colour × size) of one family through the real pipeline; the most popular (the primary) is Red M.
    const variant = (color: string, size: string, price: number, popularity: number) => ({
      id: `E2E-ZW-${color}-${size}`.toUpperCase(), title: `Zephyrwool Sweater ${color} ${size}`, description: 'A family of sweaters.', brand: 'Zephyr',
      categories: ['Apparel', 'Sweaters'], price, currency: 'USD', stock: 5, rating: 4.5, reviewCount: 3, popularity,
      attributes: { color, size }, groupId: 'E2E-ZW', variantAttributes: ['color', 'size'],
    });
    const family = [variant('Blue', 'S', 30, 5), variant('Blue', 'M', 32, 3), variant('Red', 'S', 40, 1), variant('Red', 'M', 44, 9)];
    await importProducts(pipeline, family);

    // Indexed (products, then the family) when the grouped REST search lists the family with its four variants.
    await eventually(async () => {
      const body = (await (await fetch(`${search}/v1/products/search?q=zephyrwool`)).json()) as SearchResponse;
      return body.total === 1 && body.hits[0]?.variants?.length === 4 ? true : undefined;
    }, 90_000);
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const card = shop.locator('.hit', { hasText: 'Zephyrwool' });
    await shop.goto(`${search}/?q=zephyrwool`);
    await shop.locator('#summary').filter({ hasText: /products|No products/ }).waitFor();
    expect([await card.count(), await card.locator('.swatch').count()]).toEqual([1, 4]);
    await expect.poll(() => card.locator('.sku').textContent()).toBe('SKU E2E-ZW-RED-M');
    expect(await card.locator('.price').textContent()).toBe('$44.00');
    expect(await card.locator('.price-range').textContent()).toBe('4 options · $30.00–$44.00');
    expect(await card.getByRole('group', { name: 'color' }).getByRole('button').allTextContents()).toEqual(['Red', 'Blue']);
    expect(await card.getByRole('button', { name: 'Red', exact: true }).getAttribute('aria-pressed')).toBe('true');

    // Choosing Blue shows Blue M (the size kept) without a new search; the keyboard works the same way.
    const searches = await shop.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/1/indexes/')).length);
    await card.getByRole('button', { name: 'Blue', exact: true }).click();
    expect(await card.locator('.price').textContent()).toBe('$32.00');
    expect(await card.locator('.sku').textContent()).toBe('SKU E2E-ZW-BLUE-M');
    expect(await card.getByRole('button', { name: 'Blue', exact: true }).getAttribute('aria-pressed')).toBe('true');
    await card.getByRole('button', { name: 'S', exact: true }).focus();
    await shop.keyboard.press('Enter');
    expect(await card.locator('.price').textContent()).toBe('$30.00');
    expect(await shop.evaluate(() => performance.getEntriesByType('resource').filter((e) => e.name.includes('/1/indexes/')).length)).toBe(searches);
    await card.locator('.title').click();
    await expect.poll(() => shop.locator('#detail').textContent()).toContain('SKU E2E-ZW-BLUE-S');
    await shop.keyboard.press('Escape');

    // A colour filter makes that colour's most popular variant represent the family.
    await shop.goto(`${search}/?q=zephyrwool&color=Blue`);
    await expect.poll(() => card.locator('.sku').textContent()).toBe('SKU E2E-ZW-BLUE-S');
    expect(await card.locator('.price').textContent()).toBe('$30.00');
    expect(await card.locator('.price-range').textContent()).toBe('4 options · $30.00–$32.00');
    expect(await summaryTotal(shop)).toBe(1);
    await shop.close();
  }, 150_000);

  it('/docs of each service renders its API offline: only same-origin requests, nothing refused by the CSP', async () => {
    const services: [base: string, path: string][] = [[search, '/v1/products/search'], [inventory, '/v1/admin/products/{id}'], [pipeline.indexer, '/v1/admin/dead-letters']];
    for (const [base, path] of services) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const elsewhere: string[] = [];
      const complaints: string[] = [];
      page.on('request', (r) => void (r.url().startsWith(base) || r.url().startsWith('data:') || elsewhere.push(r.url())));
      // Chromium reports what a CSP refused (inline script or style, a foreign host) as console errors.
      page.on('console', (m) => void (m.type() === 'error' && complaints.push(m.text())));
      page.on('pageerror', (err) => complaints.push(String(err)));
      await page.goto(`${base}/docs`);
      await expect.poll(() => page.locator('.opblock-summary-path', { hasText: path }).count(), { timeout: 15_000 }).toBeGreaterThan(0);
      await page.locator('.opblock-summary').first().click();
      await expect.poll(() => page.locator('.opblock-body').count()).toBeGreaterThan(0);
      expect(elsewhere, base).toEqual([]);
      expect(complaints, base).toEqual([]);
      await page.close();
    }
  });
});
