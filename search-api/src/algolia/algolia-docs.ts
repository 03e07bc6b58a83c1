import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { jsonResponse } from '@catalog/contract/http';
import { ALGOLIA_LIMITS } from './limits';
import { AlgoliaFacetResult, AlgoliaSearchResult } from './results';

const AlgoliaError = z.object({ message: z.string(), status: z.number().int() }).openapi('AlgoliaError');

/** The search parameters read (documentation; the handlers parse bodies themselves, as JSON whatever the content type). */
const SearchParamsDoc = z
  .object({
    query: z.string().max(ALGOLIA_LIMITS.maxQueryLength).optional(),
    page: z.number().int().min(0).optional(),
    hitsPerPage: z.number().int().min(0).max(ALGOLIA_LIMITS.maxHitsPerPage).optional().describe(`served pages hold at most ${ALGOLIA_LIMITS.hitsPerPageCap} hits`),
    facets: z.array(z.string()).max(ALGOLIA_LIMITS.maxFacets).optional(),
    facetFilters: z.array(z.union([z.string(), z.array(z.string())])).optional().describe('AND of (filter | OR-list); `attr:-value` negates'),
    numericFilters: z.array(z.union([z.string(), z.array(z.string())])).optional(),
    filters: z.string().max(2_000).optional().describe('AND/OR/NOT, parentheses, `attr:value`, `attr op number`, `attr:x TO y`'),
    maxValuesPerFacet: z.number().int().optional(),
    highlightPreTag: z.string().optional(),
    highlightPostTag: z.string().optional(),
    attributesToHighlight: z.array(z.string()).optional(),
    attributesToSnippet: z.array(z.string()).optional(),
    attributesToRetrieve: z.array(z.string()).optional(),
    clickAnalytics: z.boolean().optional(),
    analytics: z.boolean().optional(),
    userToken: z.string().optional(),
    distinct: z
      .union([z.boolean(), z.number().int().min(0).max(ALGOLIA_LIMITS.maxDistinct)])
      .optional()
      .describe(
        'Product families (the REST `group`): true or 1 – 4 → one hit per family, represented by its best-matching variant ' +
          '(a variant filter such as `attributes.color:Blue` makes a Blue variant represent it); `nbHits` and every facet ' +
          'count count families, exactly. Algolia keeps up to N hits per `attributeForDistinct` value; here the family is ' +
          'the distinct key and 2 – 4 are served as 1. Hits add `groupId`, `variantCount`, `priceRange` {min, max} of the ' +
          'matching variants and `variants` [{ id, title, attributes (the varying ones), price, stock, inStock, imageUrl, ' +
          'matches }] (representative first, ≤ 50). Price conditions, `inStock` and `attributes.*` apply to one variant ' +
          'together; an OR or NOT mixing them with brand, categories, rating or reviewCount is a 400. false / 0 / absent: every variant.',
      ),
    enableRules: z.boolean().optional().describe('Query rules apply (default true); false: none, synonyms still do'),
    ruleContexts: z
      .array(z.string().max(ALGOLIA_LIMITS.maxAttributeLength))
      .max(ALGOLIA_LIMITS.maxRuleContexts)
      .optional()
      .describe(
        'Contexts rules with a `condition.context` match (issue 16); lowercased (InstantSearch’s queryRuleContext sends ' +
          '`ais-<attribute>-<Value>`), values that are no rule context ([a-z0-9_-], ≤ 50) match nothing. The rules of the ' +
          'REST search apply to every query of a batch: pins (the products, or under `distinct` their families, at their ' +
          'positions in relevance order, fetched in the same Elasticsearch round trip), hides, boosts/buries, filters, query ' +
          'rewrites; the answer carries `userData` (each rule’s payload), `renderingContent.redirect.url` and, with ' +
          '`getRankingInfo`, `appliedRules` [{ objectID }] and `_rankingInfo.promoted` on pinned hits. Runtime synonym sets ' +
          'expand `query` as in the REST search.',
      ),
    getRankingInfo: z.boolean().optional().describe('Adds `appliedRules` and `_rankingInfo.promoted` (pinned hits), as Algolia does'),
    typoTolerance: z
      .union([z.boolean(), z.enum(['min', 'strict'])])
      .optional()
      .describe(
        'true (default; min and strict read as true): a query that finds fewer than 10 products as typed runs once more with typos ' +
          'forgiven and words that match nothing dropped, and its result carries `queryAfterRemoval` (removed words in <em>) and ' +
          '`correction` { query, reason, droppedWords, originalTotal } as the REST search; false: the words exactly as typed.',
      ),
    params: z.string().optional().describe('the older URL-encoded form of the same parameters'),
  })
  .openapi('AlgoliaSearchParams');

const FacetSearchDoc = SearchParamsDoc.extend({
  facetQuery: z.string().max(ALGOLIA_LIMITS.maxFacetQueryLength).optional(),
  maxFacetHits: z.number().int().min(1).max(ALGOLIA_LIMITS.maxFacetHits).optional(),
}).openapi('AlgoliaFacetSearchParams');

const MultiQueryDoc = z
  .object({
    requests: z
      .array(SearchParamsDoc.extend({ indexName: z.string(), type: z.enum(['default', 'facet']).optional(), facet: z.string().optional(), facetQuery: z.string().optional() }))
      .max(ALGOLIA_LIMITS.maxRequests),
  })
  .openapi('AlgoliaMultiQuery');

const body = <T extends z.ZodType>(schema: T) => ({ content: { 'text/plain': { schema }, 'application/json': { schema } } });
const errors = Object.fromEntries(
  [
    [400, 'A parameter is invalid or out of bounds'],
    [404, 'Unknown index or endpoint'],
    [413, `Body larger than ${ALGOLIA_LIMITS.maxBodyBytes} bytes`],
    [429, 'Over the client rate limit'],
    [503, 'Elasticsearch unavailable (clients retry)'],
  ].map(([status, description]) => [status, jsonResponse(AlgoliaError, String(description))]),
);
const index = z.string().openapi({ param: { name: 'index', in: 'path' }, example: 'products' });
const tags = ['Algolia protocol'];

/** OpenAPI entries of the Algolia surface (the routes themselves are plain handlers in `algolia-routes.ts`). */
export function documentAlgoliaRoutes(app: OpenAPIHono): void {
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/1/indexes/*/queries',
      tags,
      summary: 'Multi-query (InstantSearch): search and facet value search requests, answered in order',
      request: { body: body(MultiQueryDoc) },
      responses: { 200: jsonResponse(z.object({ results: z.array(z.union([AlgoliaSearchResult, AlgoliaFacetResult])) }), 'Results in request order'), ...errors },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/1/indexes/{index}/query',
      tags,
      summary: 'Search one index (`products` or a sort replica `products_<sort>`)',
      request: { params: z.object({ index }), body: body(SearchParamsDoc) },
      responses: { 200: jsonResponse(AlgoliaSearchResult, 'Hits, counts and facets'), ...errors },
    }),
  );
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/1/indexes/{index}/facets/{facet}/query',
      tags,
      summary: 'Search for facet values (brand, categories.lvlN, attributes.<name>)',
      request: { params: z.object({ index, facet: z.string().openapi({ param: { name: 'facet', in: 'path' }, example: 'brand' }) }), body: body(FacetSearchDoc) },
      responses: { 200: jsonResponse(AlgoliaFacetResult, 'Matching facet values with counts'), ...errors },
    }),
  );
}
