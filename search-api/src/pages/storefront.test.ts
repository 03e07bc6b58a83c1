import { transformSync } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { storefrontRoutes, VENDOR_SCRIPTS } from './storefront';

describe('storefront page', () => {
  const app = storefrontRoutes();

  it('serves the page with its script and style, under a strict CSP', async () => {
    const page = await app.request('/');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-security-policy')).toContain("script-src 'self'");
    const html = await page.text();
    expect(html).toContain('id="autocomplete"');
    // Every script is ours or a vendor build served from this origin: no CDN, no inline script.
    const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
    expect(new Set(sources)).toEqual(new Set([...Object.keys(VENDOR_SCRIPTS).map((n) => `/assets/vendor/${n}`), '/assets/storefront.js']));
    expect(sources.at(-1)).toBe('/assets/storefront.js');
    expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
    expect((await app.request('/assets/storefront.css')).headers.get('content-type')).toContain('text/css');
  });

  it('ships module scripts that parse', async () => {
    const script = await (await app.request('/assets/storefront.js')).text();
    for (const path of ['/assets/storefront.js', '/assets/storefront-card.js', '/assets/storefront-merch.js', '/assets/storefront-correction.js']) {
      const res = await app.request(path);
      expect(res.headers.get('content-type'), path).toContain('text/javascript');
      const source = await res.text();
      expect(() => transformSync(source, { format: 'esm', loader: 'js' }), path).not.toThrow();
    }
    expect(script).toContain("from './storefront-card.js'");
    expect(script).toContain("from './storefront-merch.js'");
    expect(script).toContain("from './storefront-correction.js'");
    for (const api of ['/v1/products/autocomplete?', '/v1/products/', 'liteClient', "'products'"]) expect(script).toContain(api);
  });

  it('serves the InstantSearch, Algolia client, Autocomplete and search-insights builds from node_modules', async () => {
    for (const name of Object.keys(VENDOR_SCRIPTS)) {
      const res = await app.request(`/assets/vendor/${name}`);
      expect(res.status, name).toBe(200);
      expect(res.headers.get('content-type')).toContain('text/javascript');
      expect((await res.text()).length).toBeGreaterThan(10_000);
    }
    expect((await app.request('/assets/vendor/other.js')).status).toBe(404);
  });

  it('never parses API text as HTML: suggestions, titles, facets and cards become text nodes', async () => {
    for (const path of ['/assets/storefront.js', '/assets/storefront-card.js', '/assets/storefront-merch.js', '/assets/storefront-correction.js']) {
      expect(await (await app.request(path)).text(), path).not.toMatch(/innerHTML|outerHTML|insertAdjacentHTML|document\.write|DOMParser/);
    }
  });
});
