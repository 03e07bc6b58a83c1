import { OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import type { Sort } from '@catalog/contract';
import { documentAlgoliaRoutes } from './algolia-docs';
import { AlgoliaInputError, algoliaErrorHandler } from './algolia-error';
import { createAlgoliaService, type AlgoliaService, type AlgoliaServiceDeps } from './algolia-service';
import { ALGOLIA_LIMITS } from './limits';
import { HttpProblem, type ClientAddressOf } from '@catalog/contract/http';
import { readBodyText } from '../http/read-body';
import { splicedJson } from '../http/spliced-json';
import { registerEventsRoute, type InsightsDeps } from '../insights/insights-routes';
import { AnswerBodies } from '../search/answer-bodies';
import { indexSorts, type AlgoliaQuery } from './params';
import { ParsedQueries } from './parsed-queries';
import { resultParts, resultsParts } from './stored-results';

export type AlgoliaRoutesDeps = {
  service: AlgoliaService;
  /** Index names served (`indexSorts(base)`). */
  sorts: Map<string, Sort>;
  log: Logger;
  /** Bodies of stored answers (plain and gzip), shared with the REST search. */
  bodies: AnswerBodies;
  /** Insights events (`POST /1/events`); without them that path is a 404. */
  insights?: InsightsDeps;
  /** The client's address, recorded with its searches (undefined = unknown). */
  clientAddress?: ClientAddressOf;
};

const MultiQuery = z.object({
  requests: z.array(z.unknown()).max(ALGOLIA_LIMITS.maxRequests),
  // `stopIfEnoughMatches` is an optimisation hint; answering every query is always correct.
  strategy: z.enum(['none', 'stopIfEnoughMatches']).optional(),
});

/** The body as JSON whatever the content type (the clients send `text/plain` to avoid a CORS preflight). */
export async function jsonBody(c: Context): Promise<unknown> {
  const text = await readBodyText(c, ALGOLIA_LIMITS.maxBodyBytes);
  if (text === undefined) throw new HttpProblem('payload_too_large', `Request body larger than ${ALGOLIA_LIMITS.maxBodyBytes} bytes`);
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new AlgoliaInputError('Invalid JSON body', { cause: err });
  }
}

/** The Algolia search protocol (`/1/...`) with its own error shape `{ message, status }`. */
export function algoliaRoutes(deps: AlgoliaRoutesDeps): OpenAPIHono {
  const { service, sorts } = deps;
  // An OpenAPIHono only so that its documented paths merge into the app's `/openapi.json` when mounted.
  const app = new OpenAPIHono();
  documentAlgoliaRoutes(app);
  app.onError(algoliaErrorHandler(deps.log));
  const parsed = new ParsedQueries();

  const answer = async (c: Context, queries: AlgoliaQuery[]) => {
    const { results, cached } = await service.run(queries, deps.clientAddress?.(c));
    c.header('X-Cache', cached ? 'HIT' : 'MISS');
    return results;
  };
  /** One query's result alone (the single-index routes): the stored bytes with its echo, as the multi-query sends it. */
  const single = async (c: Context, query: AlgoliaQuery) => {
    const [result] = await answer(c, [query]);
    if (!result) throw new Error('no result for the query');
    return splicedJson(c, deps.bodies, resultParts(result));
  };

  app.post('/1/indexes/*/queries', async (c) => {
    const body = MultiQuery.safeParse(await jsonBody(c));
    if (!body.success) throw new AlgoliaInputError(`requests: an array of at most ${ALGOLIA_LIMITS.maxRequests} queries is required`);
    const queries = body.data.requests.map((raw, i) => parsed.parse(raw, { where: `requests[${i}]`, sorts }));
    return splicedJson(c, deps.bodies, resultsParts(await answer(c, queries)));
  });

  app.post('/1/indexes/:index/query', async (c) => single(c, parsed.parse(await jsonBody(c), { where: '', indexName: c.req.param('index'), sorts })));

  app.post('/1/indexes/:index/facets/:facet/query', async (c) =>
    single(c, parsed.parse(await jsonBody(c), { where: '', indexName: c.req.param('index'), facet: c.req.param('facet'), sorts })),
  );

  if (deps.insights) registerEventsRoute(app, { insights: deps.insights, indexNames: new Set(sorts.keys()), jsonBody });
  app.all('/1/*', (c) => c.json({ message: `No such endpoint: ${c.req.method} ${c.req.path.slice(0, 200)}`, status: 404 }, 404));
  return app;
}

export type AlgoliaSurfaceDeps = {
  backend: AlgoliaServiceDeps['backend'];
  cachedSearch: AlgoliaServiceDeps['cachedSearch'];
  onSearch?: AlgoliaServiceDeps['onSearch'];
  /** Query rules and runtime synonyms (the REST search's sources). */
  rules?: AlgoliaServiceDeps['rules'];
  synonyms?: AlgoliaServiceDeps['synonyms'];
  /** Public name of the base index; its sort replicas are `<name>_<sort>`. */
  indexName: string;
  log: Logger;
  /** Bodies of stored answers (one per app; a new one when not given). */
  bodies?: AnswerBodies;
  insights?: InsightsDeps;
  clientAddress?: AlgoliaRoutesDeps['clientAddress'];
};

/** The whole Algolia surface over the search core, ready to mount with `app.route('/', …)`. */
export function algoliaSurface(deps: AlgoliaSurfaceDeps): OpenAPIHono {
  const { insights } = deps;
  const service = createAlgoliaService({
    backend: deps.backend,
    cachedSearch: deps.cachedSearch,
    onSearch: deps.onSearch,
    rules: deps.rules,
    synonyms: deps.synonyms,
    onQueryId: insights && ((r) => insights.recorder.searched(r)),
  });
  return algoliaRoutes({ service, sorts: indexSorts(deps.indexName), log: deps.log, bodies: deps.bodies ?? new AnswerBodies(), insights, clientAddress: deps.clientAddress });
}
