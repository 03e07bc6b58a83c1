import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context, TypedResponse } from 'hono';
import {
  AutocompleteParams,
  AutocompleteResponse,
  ProductId,
  ProductView,
  SearchQuery,
  SearchResponse,
  type SearchParams,
  toSearchParams,
} from '@catalog/contract';
import { HttpProblem, jsonResponse, problemDoc, type ClientAddressOf } from '@catalog/contract/http';
import { blameParameters } from '../es/es-errors';
import { splicedJson } from '../http/spliced-json';
import type { AnswerBodies } from '../search/answer-bodies';
import { searchResponseParts } from '../search/stored-search';
import type { SearchService } from '../search-service';
import { cacheHeader, problemResponses } from './openapi-schemas';
import { queryStringOf, ValidatedQueries } from './validated-queries';

export type SearchRoutesDeps = {
  service: SearchService;
  bodies: AnswerBodies;
  /** The client's address, recorded with its searches (undefined = unknown). */
  clientAddress: ClientAddressOf;
};

const searchRoute = createRoute({
  method: 'get',
  path: '/v1/products/search',
  summary: 'Search products with facets',
  request: { query: SearchQuery },
  responses: { 200: { ...jsonResponse(SearchResponse, 'Results'), headers: cacheHeader }, ...problemResponses },
});

const autocompleteRoute = createRoute({
  method: 'get',
  path: '/v1/products/autocomplete',
  summary: 'Suggestions while typing: popular queries, brands, categories, products',
  request: { query: AutocompleteParams },
  responses: { 200: { ...jsonResponse(AutocompleteResponse, 'Suggestions'), headers: cacheHeader }, ...problemResponses },
});

const productRoute = createRoute({
  method: 'get',
  path: '/v1/products/{id}',
  summary: 'One product',
  request: { params: z.object({ id: ProductId }) },
  responses: {
    200: { ...jsonResponse(ProductView, 'The product'), headers: cacheHeader },
    404: problemDoc('Unknown or deleted'),
    ...problemResponses,
  },
});

/**
 * JSON that is already serialised (a stored search answer, built from a validated `SearchResponse`), sent as is and
 * typed as the documented response it encodes.
 */
const asDocumented = <T>(res: Response) => res as unknown as TypedResponse<T, 200, 'json'>;

/** The parameters of a search whose values reach Elasticsearch as text: who a refused query is blamed on. */
const valueParameters = (p: SearchParams): string[] => [
  ...(p.q !== '' ? ['q'] : []),
  ...(p.brand.length > 0 ? ['brand'] : []),
  ...(p.category.length > 0 ? ['category'] : []),
  ...[...p.attr.keys()].map((name) => `attr.${name}`),
];

/** The public routes of the contract, registered with their OpenAPI descriptions. */
export function registerSearchRoutes(app: OpenAPIHono, deps: SearchRoutesDeps): void {
  const { service, bodies } = deps;

  /** One search answered: the stored bytes with the echo in front (a hit is never parsed, validated or serialised again). */
  const search = async (c: Context, params: SearchParams): Promise<Response> => {
    const started = performance.now();
    const { stored, hit, version } = await service.search(params, deps.clientAddress(c)).catch((err: unknown) => {
      throw blameParameters(err, valueParameters(params));
    });
    c.header('X-Cache', hit ? 'HIT' : 'MISS');
    const tookMs = Math.round((performance.now() - started) * 10) / 10;
    const { prefix, rest } = searchResponseParts(stored, { query: params.q, cached: hit, tookMs });
    return splicedJson(c, bodies, [prefix, { key: version, text: rest }]);
  };
  // A query string validated before skips the validator (`validated-queries.ts`); any other goes through the route below.
  const validated = new ValidatedQueries();
  app.use(searchRoute.path, async (c, next) => {
    const params = c.req.method === 'GET' ? validated.get(queryStringOf(c.req.url)) : undefined;
    return params ? search(c, params) : next();
  });
  app.openapi(searchRoute, async (c) =>
    asDocumented<SearchResponse>(await search(c, validated.remember(queryStringOf(c.req.url), toSearchParams(c.req.valid('query'))))),
  );

  app.openapi(autocompleteRoute, async (c) => {
    const { response, hit } = await service.autocomplete(c.req.valid('query')).catch((err: unknown) => {
      throw blameParameters(err, ['q']);
    });
    c.header('X-Cache', hit ? 'HIT' : 'MISS');
    return c.json(response, 200);
  });

  app.openapi(productRoute, async (c) => {
    const { id } = c.req.valid('param');
    const { product, hit } = await service.product(id);
    if (!product) throw new HttpProblem('not_found', `no product ${id}`);
    c.header('X-Cache', hit ? 'HIT' : 'MISS');
    return c.json(product, 200);
  });
}
