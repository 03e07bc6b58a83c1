import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { TopQueriesParams, TopQueriesResponse } from '@catalog/contract';
import {
  adminProblemResponses,
  BEARER_SECURITY,
  HttpProblem,
  jsonResponse,
  openApiApp,
  problemDoc,
  registerBearerScheme,
  requireJsonBody,
} from '@catalog/contract/http';
import type { AnalyticsStore } from '../es/analytics-store';
import { normalizeQuery } from '../search/normalize';
import { mayShow, type BanList, type BannedQueries } from './query-bans';
import type { SuggestionRules } from './suggestion-rules';
import { buildPopularPrefixRequest, buildTopQueriesRequest, mapTopQueries } from './top-queries';

/** What popular lists, query suggestions and their admin need. */
export type SuggestionsDeps = {
  store: AnalyticsStore;
  bans: BanList;
  rules: SuggestionRules;
  /** Client-days a query needs before anyone else sees it (popular, no-results, autocomplete). */
  minClients: number;
  windowHours: number;
};

/** The bans, or a 503: lists of recorded queries are never shown without knowing what is banned. */
async function requiredBans(bans: BanList): Promise<BannedQueries> {
  const snapshot = await bans.snapshot();
  if (!snapshot) throw new HttpProblem('unavailable', 'the banned queries cannot be read; retry shortly');
  return snapshot;
}

const problems = { 400: problemDoc('Invalid parameter (named in `errors`)'), 503: problemDoc('Elasticsearch unavailable') } as const;
const adminProblems = { ...adminProblemResponses, 503: problemDoc('Elasticsearch unavailable; retry') } as const;

const topRoute = (kind: 'popular' | 'no-results') =>
  createRoute({
    method: 'get',
    path: `/v1/searches/${kind}`,
    summary:
      kind === 'popular'
        ? 'Most searched queries of the window that found results, by distinct clients'
        : 'Most searched queries of the window that found nothing, by distinct clients',
    description: 'Counts are client-days (each client counts once per query and UTC day); queries below the minimum, banned or breaking the suggestion rules are never listed.',
    request: { query: TopQueriesParams },
    responses: { 200: jsonResponse(TopQueriesResponse, 'Queries with their counts'), ...problems },
  });

/** `GET /v1/searches/popular` and `/v1/searches/no-results`. */
export function registerPopularRoutes(app: OpenAPIHono, deps: SuggestionsDeps): void {
  for (const kind of ['popular', 'no-results'] as const) {
    app.openapi(topRoute(kind), async (c) => {
      const { limit } = c.req.valid('query');
      const bans = await requiredBans(deps.bans);
      const es = await deps.store.top(
        buildTopQueriesRequest({ limit, windowHours: deps.windowHours, minClients: deps.minClients, excluded: [...bans.keys()], noResults: kind === 'no-results' }),
      );
      return c.json({ queries: mapTopQueries(es).filter((q) => mayShow(q.query, deps.rules, bans)).slice(0, limit) }, 200);
    });
  }
}

const single = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), schema);
const BanQuery = z
  .string()
  .min(1)
  .max(200)
  .regex(/^[^\p{Cc}]*$/u, 'no control characters')
  .openapi({ description: 'A query as users type it; it is normalised (NFKC, lowercase, single spaces) like recorded ones', example: 'cheap pills' });
const SuggestionItem = z
  .object({
    query: z.string(),
    clients: z.number().int().openapi({ description: 'Client-days in the window' }),
    banned: z.boolean(),
    suggested: z.boolean().openapi({ description: 'Shown to users: enough clients, allowed by the rules, not banned' }),
  })
  .openapi('SuggestionCandidate');
const Ban = z.object({ query: z.string(), bannedAt: z.string() }).openapi('QueryBan');

const listRoute = createRoute({
  method: 'get',
  path: '/suggestions',
  summary: 'Recorded queries that found results, with their distinct-client counts, whether shown and whether banned',
  security: BEARER_SECURITY,
  request: {
    query: z
      .object({
        prefix: single(z.string().max(200)).optional(),
        limit: single(z.coerce.number().int().min(1).max(500)).default(100),
      })
      .strict(),
  },
  responses: { 200: jsonResponse(z.object({ minClients: z.number().int(), items: z.array(SuggestionItem) }), 'Candidates, most clients first'), ...adminProblems },
});
const bansRoute = createRoute({
  method: 'get',
  path: '/suggestions/bans',
  summary: 'Banned queries, newest first',
  security: BEARER_SECURITY,
  responses: { 200: jsonResponse(z.object({ items: z.array(Ban) }), 'Every banned query'), ...adminProblems },
});
const banRoute = createRoute({
  method: 'put',
  path: '/suggestions/bans',
  summary: 'Ban a query from popular lists and suggestions (idempotent; every instance within SUGGEST_BANS_REFRESH_MS)',
  security: BEARER_SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: { content: { 'application/json': { schema: z.object({ query: BanQuery }).strict() } }, required: true } },
  responses: { 200: jsonResponse(Ban, 'The ban'), 409: problemDoc('The ban list is full'), 415: problemDoc('The body is not application/json'), ...adminProblems },
});
const unbanRoute = createRoute({
  method: 'delete',
  path: '/suggestions/bans',
  summary: 'Lift a ban',
  security: BEARER_SECURITY,
  request: { query: z.object({ query: single(BanQuery) }).strict() },
  responses: { 204: { description: 'Lifted' }, 404: problemDoc('The query was not banned'), ...adminProblems },
});

/** The suggestions admin, mounted under `/v1/admin` behind the bearer token. */
export function suggestionAdminRoutes(deps: SuggestionsDeps): OpenAPIHono {
  const admin = openApiApp();
  registerBearerScheme(admin);
  admin.openapi(listRoute, async (c) => {
    const { prefix, limit } = c.req.valid('query');
    const bans = await requiredBans(deps.bans);
    const es = await deps.store.top(
      buildPopularPrefixRequest({ prefix: normalizeQuery(prefix ?? ''), limit, windowHours: deps.windowHours, minClients: 1, excluded: [] }),
    );
    const items = mapTopQueries(es)
      .slice(0, limit)
      .map(({ query, count }) => {
        const banned = bans.has(query);
        return { query, clients: count, banned, suggested: count >= deps.minClients && mayShow(query, deps.rules, bans) };
      });
    return c.json({ minClients: deps.minClients, items }, 200);
  });
  admin.openapi(bansRoute, async (c) => c.json({ items: [...(await requiredBans(deps.bans)).values()] }, 200));
  admin.openapi(banRoute, async (c) => c.json(await deps.bans.ban(normalizeQuery(c.req.valid('json').query)), 200));
  admin.openapi(unbanRoute, async (c) => {
    const query = normalizeQuery(c.req.valid('query').query);
    if (!(await deps.bans.unban(query))) throw new HttpProblem('not_found', 'that query is not banned');
    return c.body(null, 204);
  });
  return admin;
}
