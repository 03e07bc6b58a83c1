import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { Hono } from 'hono';

/**
 * Same-origin only and no inline script, like the storefront and admin pages. Swagger UI styles elements
 * through the DOM (allowed by `style-src 'self'`) and its icons are `data:` images inside its stylesheet.
 */
export const DOCS_CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

/** Boots Swagger UI from the page's `data-spec-url` (a file, because the CSP refuses inline scripts). */
const INIT_SCRIPT = `window.addEventListener('load', function () {
  var root = document.getElementById('swagger-ui');
  window.ui = SwaggerUIBundle({
    url: root.getAttribute('data-spec-url'),
    domNode: root,
    deepLinking: true,
    presets: [SwaggerUIBundle.presets.apis],
    layout: 'BaseLayout',
    validatorUrl: null
  });
});
`;

const DOCS_STYLE = 'body { margin: 0; background: #fafafa; }\n';

type Asset = { body: Uint8Array<ArrayBuffer>; gzip: Uint8Array<ArrayBuffer>; type: string };

/** A copy into a plain ArrayBuffer (Node's Buffers may sit in a shared pool, which Response bodies refuse). */
const own = (bytes: Uint8Array): Uint8Array<ArrayBuffer> => new Uint8Array(bytes);

const asset = (body: string | Uint8Array, type: string): Asset => {
  const bytes = own(typeof body === 'string' ? new TextEncoder().encode(body) : body);
  return { body: bytes, gzip: own(gzipSync(bytes)), type };
};

/** The files of the installed swagger-ui-dist, read and compressed once per process (bundle 1.7 MB → 0.46 MB). */
let distAssets: Record<string, Asset> | undefined;
function swaggerUiAssets(): Record<string, Asset> {
  if (!distAssets) {
    const dir = dirname(createRequire(import.meta.url).resolve('swagger-ui-dist/package.json'));
    const read = (name: string) => readFileSync(join(dir, name));
    distAssets = {
      'swagger-ui.css': asset(read('swagger-ui.css'), 'text/css; charset=utf-8'),
      'swagger-ui-bundle.js': asset(read('swagger-ui-bundle.js'), 'text/javascript; charset=utf-8'),
      'favicon-32x32.png': asset(read('favicon-32x32.png'), 'image/png'),
    };
  }
  return distAssets;
}

const escapeHtml = (s: string): string =>
  s.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

export type ApiDocsOptions = {
  /** Page title. */
  title: string;
  /** Where the page lives; its assets are served under `<path>/`. */
  path?: string;
  /** The OpenAPI document the page renders. */
  specUrl?: string;
};

/**
 * `GET /docs`: Swagger UI for the app's OpenAPI document, served entirely from the installed
 * `swagger-ui-dist` package (no CDN, so it renders offline and under a same-origin CSP).
 */
export function apiDocsRoutes({ title, path = '/docs', specUrl = '/openapi.json' }: ApiDocsOptions): Hono {
  if (!path.startsWith('/') || path.endsWith('/')) throw new Error(`apiDocsRoutes: path must start and not end with "/" (${path})`);
  const html = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<link rel="icon" type="image/png" href="${path}/favicon-32x32.png">
<link rel="stylesheet" href="${path}/swagger-ui.css">
<link rel="stylesheet" href="${path}/docs.css">
</head>
<body>
<div id="swagger-ui" data-spec-url="${escapeHtml(specUrl)}"></div>
<script src="${path}/swagger-ui-bundle.js"></script>
<script src="${path}/docs-init.js"></script>
</body>
</html>
`;
  const assets: Record<string, Asset> = {
    ...swaggerUiAssets(),
    'docs-init.js': asset(INIT_SCRIPT, 'text/javascript; charset=utf-8'),
    'docs.css': asset(DOCS_STYLE, 'text/css; charset=utf-8'),
  };
  const headers = (type: string, cache: string) => ({
    'Content-Type': type,
    'Content-Security-Policy': DOCS_CSP,
    'X-Content-Type-Options': 'nosniff',
    'Cache-Control': cache,
  });
  const app = new Hono();
  app.get(path, (c) => c.body(html, 200, headers('text/html; charset=utf-8', 'no-cache')));
  app.get(`${path}/:file`, (c) => {
    const file = c.req.param('file');
    const found = Object.hasOwn(assets, file) ? assets[file] : undefined;
    if (!found) return c.notFound();
    const gzip = /\bgzip\b/.test(c.req.header('accept-encoding') ?? '');
    // Compressed once per process (~150 ms): gzipping the 1.7 MB bundle per request would cost that every time.
    return c.body(gzip ? found.gzip : found.body, 200, {
      ...headers(found.type, 'public, max-age=3600'),
      Vary: 'Accept-Encoding',
      ...(gzip ? { 'Content-Encoding': 'gzip' } : {}),
    });
  });
  return app;
}
