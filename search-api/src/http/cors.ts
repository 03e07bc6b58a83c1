import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';

export type CorsOptions = {
  /** Allowed origins; `*` allows any. */
  origins: readonly string[];
  allowMethods: string[];
  exposeHeaders: string[];
  maxAge: number;
};

/**
 * CORS, and the `Vary` that CORS and `compress` need, without copying the response. hono's `cors` sets its headers on
 * `c.res` before the handler runs, which creates an empty response that the handler's own then replaces by copy; the
 * copy reads `body`, which turns a string body into a web stream that @hono/node-server has to pump instead of writing
 * the string (and `compress`, adding `Vary` after the handler, makes a second copy). On a 26 KB cache hit that was about
 * a third of the request's CPU (issue 18, goal 2). Here a request other than a preflight gets the same headers before
 * the handler, as prepared headers every `c.json`/`c.body` starts from; a response that arrives without them (one built
 * elsewhere) gets them after, the slow way. Preflights are hono's `cors`.
 */
export function corsHeaders(options: CorsOptions): MiddlewareHandler {
  const anyOrigin = options.origins.includes('*');
  const preflight = cors({
    origin: anyOrigin ? '*' : [...options.origins],
    allowMethods: options.allowMethods,
    exposeHeaders: options.exposeHeaders,
    maxAge: options.maxAge,
  });
  const expose = options.exposeHeaders.join(',');
  // The answer varies with Origin unless every origin is allowed, and with Accept-Encoding (compress).
  const vary = anyOrigin ? 'Accept-Encoding' : 'Origin, Accept-Encoding';
  return async (c, next) => {
    if (c.req.method === 'OPTIONS') return preflight(c, next);
    const origin = c.req.header('origin') ?? '';
    const allowOrigin = anyOrigin ? '*' : options.origins.includes(origin) ? origin : undefined;
    const setHeaders = (): void => {
      if (allowOrigin) c.header('Access-Control-Allow-Origin', allowOrigin);
      c.header('Access-Control-Expose-Headers', expose);
    };
    setHeaders();
    c.header('Vary', vary);
    await next();
    if (c.res.headers.has('Access-Control-Expose-Headers')) return;
    setHeaders();
    if (!anyOrigin) c.header('Vary', 'Origin', { append: true });
  };
}
