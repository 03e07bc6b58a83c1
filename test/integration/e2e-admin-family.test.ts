import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { importProducts, launchChromium, openAdminPage, searchTotal, startPipeline, type Pipeline } from './e2e-support';
import { eventually, randomSuffix } from './helpers';

// Editing a product's family in the inventory admin page, in headless Chromium over the three real processes: the page
// PUTs the whole record with If-Match, so the family can be set and removed again, a stale form changes nothing, and
// the storefront's one card per family follows each save.
// NF-FRESH-03's end-to-end bound: a family change is the product write and then the family's (two bulks, not one).
const FRESHNESS_BOUND_MS = 20_000;
const suffix = randomSuffix();
let pipeline: Pipeline;
let browser: Browser;

const notebook = (color: string, price: number, popularity: number) => ({
  id: `E2E-QF-${color}`.toUpperCase(), title: `Quillfeather Notebook ${color}`, description: 'A dotted A5 notebook.', brand: 'Quillfeather',
  categories: ['Office', 'Notebooks'], price, currency: 'USD', stock: 7, rating: 4.2, reviewCount: 5, popularity, attributes: { color, size: 'A5' },
});
const red = notebook('Red', 12, 9);
const blue = notebook('Blue', 10, 4);

/** When the storefront was last asked (a loaded machine takes seconds to render, which is not the index's staleness). */
let askedAt = 0;
/** The storefront's cards for `q` once the page has answered: the SKU each shows and its swatches, sorted by SKU. */
async function storefrontCards(shop: Page, q: string): Promise<{ sku: string | null; swatches: string[] }[]> {
  askedAt = Date.now();
  await shop.goto(`${pipeline.search}/?q=${encodeURIComponent(q)}`);
  await shop.locator('#summary').filter({ hasText: /products|No products/ }).waitFor();
  const cards = await shop.locator('.hit').all();
  const shown = await Promise.all(cards.map(async (card) => ({ sku: await card.locator('.sku').textContent(), swatches: await card.locator('.swatch').allTextContents() })));
  return shown.sort((a, b) => String(a.sku).localeCompare(String(b.sku)));
}

/** Find `id` in a freshly loaded admin page and open its edit form (reloaded, so the form shows what the API reads now). */
async function openProduct(admin: Page, id: string): Promise<void> {
  await admin.reload();
  await admin.getByLabel('Title or SKU').fill(id);
  await admin.getByRole('button', { name: 'Find', exact: true }).click();
  await admin.getByRole('button', { name: `Edit ${id}` }).click();
  await expect.poll(() => admin.locator('#edit-id').textContent()).toBe(id);
}

/** Find `id` in the admin page: a probe of what its row in the results shows (Family and Version), to poll. */
async function findRow(admin: Page, id: string): Promise<() => Promise<{ family: string; version: string }>> {
  await admin.getByLabel('Title or SKU').fill(id);
  await admin.getByRole('button', { name: 'Find', exact: true }).click();
  return async () => {
    const cells = await admin.locator('#results tbody tr', { hasText: id }).locator('td').allTextContents();
    return { family: cells[3] ?? '', version: cells[6] ?? '' };
  };
}
/** The product as the admin API stores it: its version and family fields. */
async function stored(id: string) {
  const res = await fetch(`${pipeline.inventory}/v1/admin/products/${id}`, { headers: { authorization: `Bearer ${pipeline.token}` } });
  expect(res.status).toBe(200);
  return z.object({ version: z.number(), groupId: z.string().optional(), variantAttributes: z.array(z.string()).optional() }).parse(await res.json());
}

beforeAll(async () => {
  pipeline = await startPipeline({ suffix, label: 'family-edit' });
  await importProducts(pipeline, [red, blue]);
  // Two products of their own (no family yet): two hits of the grouped search.
  await eventually(async () => ((await searchTotal(pipeline, 'q=quillfeather')) === 2 ? true : undefined), 60_000);
  browser = await launchChromium();
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await pipeline?.stop();
});

describe('product family in the admin page', () => {
  it('the admin page sets a family on two products (one storefront card, a swatch each), refuses a stale form (If-Match) and removes the family again (two cards)', async () => {
    const admin = await openAdminPage(browser, pipeline.inventory, pipeline.token);
    const shop = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await expect.poll(await findRow(admin, red.id)).toEqual({ family: '—', version: '1' });

    // Both notebooks join family QF-NOTE, varying by colour.
    for (const p of [red, blue]) {
      await openProduct(admin, p.id);
      expect(await admin.locator('#edit-attributes').textContent()).toBe('this product has color, size');
      await admin.getByLabel('Family (group id)').fill('QF-NOTE');
      await admin.getByLabel('Varying attributes').fill('color');
      await admin.getByRole('button', { name: 'Save changes' }).click();
      await expect.poll(() => admin.locator('#status').textContent()).toBe(`Saved ${p.id}: $${p.price}.00, stock 7, family QF-NOTE (color vary) (version 2).`);
    }
    const savedAt = Date.now();
    // The storefront: one card, the more popular red notebook representing it, a swatch per colour.
    await expect.poll(() => storefrontCards(shop, 'quillfeather'), { timeout: FRESHNESS_BOUND_MS, interval: 300 }).toEqual([{ sku: `SKU ${red.id}`, swatches: ['Red', 'Blue'] }]);
    expect(askedAt - savedAt).toBeLessThan(FRESHNESS_BOUND_MS);

    // What the admin shows after the save: the Family column, and the form reopened with the saved values.
    await expect.poll(await findRow(admin, blue.id)).toEqual({ family: 'QF-NOTE', version: '2' });
    expect(await stored(blue.id)).toEqual({ version: 2, groupId: 'QF-NOTE', variantAttributes: ['color'] });
    await openProduct(admin, red.id);
    expect([await admin.getByLabel('Family (group id)').inputValue(), await admin.getByLabel('Varying attributes').inputValue(), await admin.locator('#edit-version').textContent()]).toEqual(['QF-NOTE', 'color', '2']);

    // A form opened before someone else's change: the save is refused (If-Match), the family stays as it was.
    await openProduct(admin, blue.id);
    const patched = await fetch(`${pipeline.inventory}/v1/admin/products/${blue.id}`, {
      method: 'PATCH', headers: { authorization: `Bearer ${pipeline.token}`, 'content-type': 'application/json' }, body: JSON.stringify({ stock: 3 }),
    });
    expect(patched.status).toBe(202);
    await admin.getByLabel('Family (group id)').fill('');
    await admin.getByLabel('Varying attributes').fill('');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => admin.locator('#status').textContent()).toContain('If-Match does not match: the product is at version 3');
    expect(await admin.locator('#status').getAttribute('class')).toContain('error');
    expect(await stored(blue.id)).toEqual({ version: 3, groupId: 'QF-NOTE', variantAttributes: ['color'] });
    await expect.poll(await findRow(admin, blue.id)).toEqual({ family: 'QF-NOTE', version: '3' });

    // Reopened (version 3), the family removed: a family of its own again, and two cards in the storefront.
    await openProduct(admin, blue.id);
    expect(await admin.locator('#edit-version').textContent()).toBe('3');
    await admin.getByLabel('Family (group id)').fill('');
    await admin.getByLabel('Varying attributes').fill('');
    await admin.getByRole('button', { name: 'Save changes' }).click();
    await expect.poll(() => admin.locator('#status').textContent()).toBe(`Saved ${blue.id}: $10.00, stock 3 (version 4).`);
    const removedAt = Date.now();
    await expect
      .poll(() => storefrontCards(shop, 'quillfeather'), { timeout: FRESHNESS_BOUND_MS, interval: 300 })
      .toEqual([{ sku: `SKU ${blue.id}`, swatches: [] }, { sku: `SKU ${red.id}`, swatches: [] }]);
    expect(askedAt - removedAt).toBeLessThan(FRESHNESS_BOUND_MS);

    await expect.poll(await findRow(admin, blue.id)).toEqual({ family: '—', version: '4' });
    await openProduct(admin, blue.id);
    expect([await admin.getByLabel('Family (group id)').inputValue(), await admin.getByLabel('Varying attributes').inputValue()]).toEqual(['', '']);
    expect(await stored(blue.id)).toEqual({ version: 4 });
    await shop.close();
    await admin.close();
  }, 120_000);
});
