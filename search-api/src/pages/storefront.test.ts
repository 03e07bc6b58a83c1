import { Script } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { storefrontRoutes } from './storefront';

describe('storefront page', () => {
  const app = storefrontRoutes();

  it('serves the page with its script and style, under a strict CSP', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('role="search"');
    expect(html).toContain('role="combobox"');
    expect((await app.request('/assets/storefront.css')).headers.get('content-type')).toContain('text/css');
  });

  it('ships a script that parses', async () => {
    const script = await (await app.request('/assets/storefront.js')).text();
    expect(() => new Script(script)).not.toThrow();
    for (const api of ['/v1/products/search?', '/v1/products/autocomplete?', '/v1/products/']) expect(script).toContain(api);
  });

  it('never parses API text as HTML: suggestions, titles and facets become text nodes', async () => {
    const script = await (await app.request('/assets/storefront.js')).text();
    expect(script).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/);
  });
});
