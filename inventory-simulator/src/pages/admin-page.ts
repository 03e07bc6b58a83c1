import { readFileSync } from 'node:fs';
import { Hono } from 'hono';

const asset = (name: string): string => readFileSync(new URL(name, import.meta.url), 'utf8');

/** Only our own script and style; the admin API is same-origin, search insights come from the search API's origin. Inline scripts are refused, which blunts XSS. */
const csp = (searchOrigin: string) =>
  `default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self' ${searchOrigin}; frame-ancestors 'none'`;

/** The origin of an http(s) URL; it has no quote, space or angle bracket, so it fits a header and an attribute. */
export const searchOriginOf = (url: string): string => new URL(url).origin;

/**
 * The inventory admin page: plain HTML + JS, no build step. Assets are read once when the routes are made
 * and served from memory. The page is public; its API calls carry the token the user types. It learns the search
 * API's origin from a `<meta name="search-api">` (no inline script) and reads the public insights metrics there.
 */
export function adminPageRoutes(options: { searchApiUrl: string }): Hono {
  const searchOrigin = searchOriginOf(options.searchApiUrl);
  const CSP = csp(searchOrigin);
  const html = asset('./admin.html').replace('__SEARCH_API_ORIGIN__', searchOrigin);
  const insightsScript = asset('./admin-insights.js');
  const script = asset('./admin.js');
  const merchScript = asset('./admin-merch.js');
  const style = asset('./admin.css');
  const app = new Hono();
  const headers = (type: string) => ({ 'Content-Type': type, 'Content-Security-Policy': CSP, 'Cache-Control': 'no-cache', 'X-Content-Type-Options': 'nosniff' });
  app.get('/', (c) => c.body(html, 200, headers('text/html; charset=utf-8')));
  app.get('/admin.js', (c) => c.body(script, 200, headers('text/javascript; charset=utf-8')));
  app.get('/admin-merch.js', (c) => c.body(merchScript, 200, headers('text/javascript; charset=utf-8')));
  app.get('/admin-insights.js', (c) => c.body(insightsScript, 200, headers('text/javascript; charset=utf-8')));
  app.get('/admin.css', (c) => c.body(style, 200, headers('text/css; charset=utf-8')));
  return app;
}
