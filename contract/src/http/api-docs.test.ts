import { Script } from 'node:vm';
import { gunzipSync } from 'node:zlib';
import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { apiDocsRoutes } from './api-docs';

/** The URLs of the page's scripts, stylesheets and icons. */
function docsAssetUrls(html: string): string[] {
  return [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
}

const app = new Hono().route('/', apiDocsRoutes({ title: 'Demo <API>' }));

describe('apiDocsRoutes', () => {
  it('serves a page under a strict CSP that loads only same-origin assets, all of which are served', async () => {
    const page = await app.request('/docs');
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    const csp = page.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe');
    const html = await page.text();
    expect(html).toContain('<title>Demo &lt;API&gt;</title>');
    expect(html).toContain('data-spec-url="/openapi.json"');
    expect(html).not.toMatch(/<script>|<script[^>]*>[^<\s]/);
    const urls = docsAssetUrls(html);
    expect(urls).toEqual(expect.arrayContaining(['/docs/swagger-ui-bundle.js', '/docs/docs-init.js', '/docs/swagger-ui.css']));
    for (const url of urls) {
      expect(url).toMatch(/^\/docs\/[\w.-]+$/);
      const res = await app.request(url);
      expect(res.status, url).toBe(200);
      const type = url.endsWith('.js') ? 'text/javascript' : url.endsWith('.css') ? 'text/css' : 'image/png';
      expect(res.headers.get('content-type'), url).toContain(type);
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    }
  });

  it('serves the Swagger UI bundle of the installed package, gzipped when the client accepts it', async () => {
    const plain = await app.request('/docs/swagger-ui-bundle.js');
    const text = await plain.text();
    expect(text).toContain('SwaggerUIBundle');
    expect(text.length).toBeGreaterThan(1_000_000);
    const zipped = await app.request('/docs/swagger-ui-bundle.js', { headers: { 'Accept-Encoding': 'gzip, br' } });
    expect(zipped.headers.get('content-encoding')).toBe('gzip');
    expect(gunzipSync(Buffer.from(await zipped.arrayBuffer())).toString('utf8')).toBe(text);
  });

  it('boots from a script file that parses and reads the spec URL from the page', async () => {
    const init = await (await app.request('/docs/docs-init.js')).text();
    expect(() => new Script(init)).not.toThrow();
    expect(init).toContain("getAttribute('data-spec-url')");
  });

  it('answers 404 for any other file under the docs path', async () => {
    for (const path of ['/docs/index.html', '/docs/__proto__', '/docs/constructor', '/docs/..%2Fpackage.json']) {
      expect((await app.request(path)).status, path).toBe(404);
    }
  });

  it('refuses a path it could not serve assets under', () => {
    expect(() => apiDocsRoutes({ title: 't', path: 'docs/' })).toThrow(/path/);
  });
});
