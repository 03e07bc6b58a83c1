import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Hono } from 'hono';

const asset = (name: string): string => readFileSync(new URL(name, import.meta.url), 'utf8');
const require = createRequire(import.meta.url);
/** A file of an installed package, found from the package's entry (some packages export no `package.json`). */
const packageFile = (entry: string, root: string, file: string): string => {
  let dir = dirname(require.resolve(entry));
  while (!dir.endsWith(root) && dirname(dir) !== dir) dir = dirname(dir);
  return readFileSync(join(dir, file), 'utf8');
};

/** The browser builds the page loads, from node_modules (same origin: no CDN, the CSP stays `script-src 'self'`). */
export const VENDOR_SCRIPTS: Record<string, [entry: string, root: string, file: string]> = {
  'instantsearch.js': ['instantsearch.js', 'instantsearch.js', 'dist/instantsearch.production.min.js'],
  'algoliasearch-lite.js': ['algoliasearch/lite', 'algoliasearch', 'dist/lite/builds/browser.umd.js'],
  'autocomplete.js': ['@algolia/autocomplete-js', 'autocomplete-js', 'dist/umd/index.production.js'],
  'search-insights.js': ['search-insights', 'search-insights', 'dist/search-insights.iife.min.js'],
};

/** Only our own scripts and styles; product images may come from any https host. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * The storefront page (`/`): InstantSearch widgets over the Algolia protocol of this service, Autocomplete on its
 * suggestions, product detail from the REST API. Plain HTML + JS, no build step; our assets and the vendor
 * builds are read once when the routes are made and served from memory.
 */
export function storefrontRoutes(): Hono {
  const html = asset('./storefront-page.html');
  const script = asset('./storefront-client.js');
  const card = asset('./storefront-card.js');
  const merch = asset('./storefront-merch.js');
  const correction = asset('./storefront-correction.js');
  const style = asset('./storefront-style.css');
  const vendor = new Map(Object.entries(VENDOR_SCRIPTS).map(([name, [entry, root, file]]) => [name, packageFile(entry, root, file)]));
  const headers = (type: string, cache = 'no-cache') => ({ 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': cache, 'X-Content-Type-Options': 'nosniff' });
  const app = new Hono();
  app.get('/', (c) => c.body(html, 200, headers('text/html; charset=utf-8')));
  app.get('/assets/storefront.js', (c) => c.body(script, 200, headers('text/javascript; charset=utf-8')));
  app.get('/assets/storefront-card.js', (c) => c.body(card, 200, headers('text/javascript; charset=utf-8')));
  app.get('/assets/storefront-merch.js', (c) => c.body(merch, 200, headers('text/javascript; charset=utf-8')));
  app.get('/assets/storefront-correction.js', (c) => c.body(correction, 200, headers('text/javascript; charset=utf-8')));
  app.get('/assets/storefront.css', (c) => c.body(style, 200, headers('text/css; charset=utf-8')));
  app.get('/assets/vendor/:name', (c) => {
    const body = vendor.get(c.req.param('name'));
    // Versioned by the lockfile, not by URL: revalidate rather than cache for a year.
    return body === undefined ? c.notFound() : c.body(body, 200, headers('text/javascript; charset=utf-8', 'public, max-age=3600'));
  });
  return app;
}
