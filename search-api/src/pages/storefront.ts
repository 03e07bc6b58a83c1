import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const asset = (name: string): string => readFileSync(new URL(name, import.meta.url), 'utf8');

/** Only our own script and style; product images may come from any https host. */
const CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' https: data:; connect-src 'self'; frame-ancestors 'none'";

/**
 * The storefront page (`/`): search box with as-you-type autocomplete, facet sidebar with counts, sort,
 * pagination and product detail, all from the public search API on the same origin. Plain HTML + JS, no
 * build step; assets are read once when the routes are made and served from memory.
 */
export function storefrontRoutes(): Hono {
  const html = asset('./storefront-page.html');
  const script = asset('./storefront-client.js');
  const style = asset('./storefront-style.css');
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  const app = new Hono();
  app.get('/', (c) => c.body(html, 200, headers('text/html; charset=utf-8')));
  app.get('/assets/storefront.js', (c) => c.body(script, 200, headers('text/javascript; charset=utf-8')));
  app.get('/assets/storefront.css', (c) => c.body(style, 200, headers('text/css; charset=utf-8')));
  return app;
}
