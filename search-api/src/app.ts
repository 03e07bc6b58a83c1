import { OpenAPIHono } from '@hono/zod-openapi';
import { compress } from 'hono/compress';
import { requestId } from 'hono/request-id';
import { routePath } from 'hono/route';
import type { Logger } from 'pino';
import type { Registry } from 'prom-client';
import {
  apiDocsRoutes,
  bearerAuth,
  clientAddressOf,
  clientKey,
  type ClientAddressOf,
  invalidInput,
  notFoundHandler,
  opsRoutes,
  problemHandler,
  rateLimit,
  type BearerAuthOptions,
  type PointsLimiter,
} from '@catalog/contract/http';
import { registerPopularRoutes, suggestionAdminRoutes, type SuggestionsDeps } from './analytics/analytics-routes';
import type { Cache } from './cache/cache';
import type { SearchBackend } from './es/es-gateway';
import { corsHeaders } from './http/cors';
import { queryErrors } from './http/query-errors';
import { AnswerBodies } from './search/answer-bodies';
import type { Metrics } from './metrics';
import { registerSearchRoutes } from './routes/search-routes';
import { algoliaSurface } from './algolia/algolia-routes';
import { registerInsightsMetricsRoutes, type InsightsDeps } from './insights/insights-routes';
import { storefrontRoutes } from './pages/storefront';
import { createSearchService, type OnSearch, type SearchServiceSettings } from './search-service';
import { staticSynonymSource, type SynonymSource } from './synonyms/synonym-source';
import type { RuleSource } from './rules/rule-source';
import { merchPreviewRoutes } from './rules/preview-routes';

export type SearchAppDeps = {
  backend: SearchBackend;
  cache: Cache;
  alias: string;
  log: Logger;
  registry: Registry;
  metrics: Metrics;
  settings: SearchServiceSettings;
  /** Allowed browser origins; `['*']` = any. */
  corsOrigins: string[];
  /** False while shutting down (`/readyz` → 503). */
  isAccepting: () => boolean;
  /** The client's address (`clientAddressOf(TRUST_PROXY_HOPS)`): rate limits and analytics count it. */
  clientAddress?: ClientAddressOf;
  /** Per-client limiter of the public routes (`PUBLIC_PATHS`); undefined = unlimited. */
  rateLimiter?: PointsLimiter;
  /** The analytics recorder's `record`, with the address of the client that searched (undefined = unknown). */
  onSearch?: OnSearch;
  /** Recorded queries: popular lists and query suggestions (distinct clients, rules, bans), and their admin. */
  suggestions: SuggestionsDeps;
  /** Bearer token of the suggestions admin (`/v1/admin/*`); undefined = those routes do not exist (404). */
  adminToken?: string;
  adminAuth?: BearerAuthOptions;
  /** Public name of the Algolia base index (its sort replicas are `<name>_<sort>`); default `products`. */
  algoliaIndexName?: string;
  /** Insights events (`POST /1/events`) and their metrics (`/v1/searches/insights`, `/no-clicks`); undefined = off. */
  insights?: InsightsDeps;
  /** Runtime synonyms and unit spellings (`search-api/src/synonyms/`); undefined = units only, no synonym sets. */
  synonyms?: SynonymSource;
  /** Query rules (`search-api/src/rules/`); undefined = none. */
  rules?: RuleSource;
};

/** Routes a client pays for with its rate limit: the storefront's API and the Algolia protocol, not ops or docs. */
export const PUBLIC_PATHS = ['/v1/products/*', '/v1/searches/*', '/1/*'] as const;

/**
 * Paths whose answers can be large and whose routes do not compress them themselves (search and the Algolia protocol
 * send gzip from their stored parts: `search/answer-bodies.ts`). hono's `compress` leaves small bodies alone only by
 * their `Content-Length`, which `c.json`/`c.body` do not set, so on every path it gzipped even a 15-byte answer through
 * a web `CompressionStream`: for a client accepting gzip (every browser) `/healthz` took ~8 ms instead of ~1 and a cached
 * autocomplete 7–10 ms at 16 connections (issue 18). Small answers (health, autocomplete, product detail, errors) go as they are.
 */
export const COMPRESSED_PATHS = ['/', '/assets/*', '/docs', '/docs/*', '/openapi.json', '/metrics', '/v1/searches/*', '/v1/admin/*'] as const;

/** The search API (no I/O at construction; `main.ts` wires real clients, tests pass their own). */
export function createSearchApp(deps: SearchAppDeps) {
  const { log, metrics } = deps;
  const app = new OpenAPIHono({
    // Every validation failure is a problem+json naming the parameter, never the validator's default body.
    defaultHook: (result) => {
      if (!result.success) throw invalidInput(queryErrors(result.error), `${result.target} parameters`);
    },
  });
  const addressOf = deps.clientAddress ?? clientAddressOf(0);
  const synonyms = deps.synonyms ?? staticSynonymSource();
  const service = createSearchService({
    backend: deps.backend,
    cache: deps.cache,
    alias: deps.alias,
    settings: deps.settings,
    suggestions: deps.suggestions,
    synonyms,
    rules: deps.rules,
    onSearch: deps.onSearch,
    onCacheOutcome: (kind, outcome) => metrics.cacheRequests.inc({ kind, outcome }),
    onRefreshAhead: (outcome) => metrics.cacheRefreshAhead.inc({ outcome }),
    onCacheError: (err, op) => {
      metrics.cacheErrors.inc({ op });
      log.debug({ err, op }, 'cache operation failed; served without cache');
    },
  });

  app.onError((err, c) => {
    const handle = problemHandler(log.child({ requestId: c.get('requestId') }));
    return handle(err, c);
  });
  app.notFound(notFoundHandler);
  app.use('*', requestId());
  app.use('*', async (c, next) => {
    const end = metrics.httpDuration.startTimer();
    await next();
    end({ method: c.req.method, route: routePath(c), status: String(c.res.status) });
    if (c.res.status >= 500) log.warn({ requestId: c.get('requestId'), path: c.req.path, status: c.res.status }, 'request failed');
  });
  app.use(
    '*',
    corsHeaders({
      origins: deps.corsOrigins,
      // POST: the Algolia protocol (its browser clients avoid the preflight, other clients may not).
      allowMethods: ['GET', 'HEAD', 'POST', 'OPTIONS'],
      exposeHeaders: ['X-Cache', 'X-Request-Id', 'Retry-After', 'RateLimit-Policy', 'RateLimit-Limit', 'RateLimit-Remaining', 'RateLimit-Reset'],
      maxAge: 600,
    }),
  );
  for (const path of COMPRESSED_PATHS) app.use(path, compress());
  if (deps.rateLimiter) {
    const limit = rateLimit({
      limiter: deps.rateLimiter,
      key: (c) => clientKey(addressOf(c)),
      onRejected: () => metrics.rateLimited.inc(),
      onError: (err) => log.warn({ err }, 'rate limiter failed; request let through'),
    });
    for (const path of PUBLIC_PATHS) app.use(path, limit);
  }

  app.route('/', opsRoutes({ registry: deps.registry, checks: { elasticsearch: () => deps.backend.health() }, isAccepting: deps.isAccepting }));
  const bodies = new AnswerBodies();
  registerSearchRoutes(app, { service, bodies, clientAddress: addressOf });
  registerPopularRoutes(app, deps.suggestions);
  if (deps.adminToken) {
    app.use('/v1/admin/*', bearerAuth(deps.adminToken, { ...deps.adminAuth, registry: deps.registry }));
    app.route('/v1/admin', suggestionAdminRoutes(deps.suggestions));
    app.route('/v1/admin', merchPreviewRoutes({ backend: deps.backend, rules: deps.rules, synonyms }));
  }
  app.route(
    '/',
    algoliaSurface({
      backend: deps.backend,
      cachedSearch: service.cachedSearch,
      bodies,
      onSearch: deps.onSearch,
      clientAddress: addressOf,
      rules: deps.rules,
      synonyms,
      indexName: deps.algoliaIndexName ?? 'products',
      log,
      insights: deps.insights,
    }),
  );
  if (deps.insights) registerInsightsMetricsRoutes(app, deps.insights);
  app.doc('/openapi.json', {
    openapi: '3.0.3',
    info: { title: 'Catalog search API', version: '1.0.0', description: 'Product search, facets, autocomplete and query analytics.' },
  });
  // Swagger UI from the installed swagger-ui-dist (no CDN: renders offline, same-origin CSP).
  app.route('/', apiDocsRoutes({ title: 'Catalog search API' }));
  app.route('/', storefrontRoutes());
  return Object.assign(app, { service });
}
export type SearchApp = ReturnType<typeof createSearchApp>;
