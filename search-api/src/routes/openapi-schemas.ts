import { z } from '@hono/zod-openapi';
import { AttributeName, Problem, SORTS } from '@catalog/contract';

/**
 * The search parameters as OpenAPI sees them. Validation uses the contract's `SearchParams` itself (which
 * also groups `brand`/`category`/`attr.<name>` repeats); this mirrors it for documentation only.
 */
export const SearchQueryDoc = z.object({
  q: z.string().max(200).optional().openapi({ description: 'Search text; empty = browse', example: 'wireless headphones' }),
  brand: z.array(z.string()).optional().openapi({ description: 'Repeatable, OR' }),
  category: z.array(z.string()).optional().openapi({ description: 'Repeatable category path ("A > B"), OR', example: ['Electronics > Audio'] }),
  price_min: z.number().min(0).optional(),
  price_max: z.number().min(0).optional(),
  rating_min: z.number().min(0).max(5).optional(),
  in_stock: z.enum(['true', 'false']).optional(),
  'attr.{name}': z.array(z.string()).optional().openapi({ description: `Attribute filter, repeatable, OR; name ${AttributeName.description ?? '[a-z0-9_]+'}` }),
  sort: z.enum(SORTS).optional(),
  page: z.number().int().min(1).optional(),
  per_page: z.number().int().min(1).max(100).optional(),
});

/** Problem responses every route may give. */
export const problemResponses = {
  400: { description: 'Invalid parameter (named in `errors`)', content: { 'application/problem+json': { schema: Problem } } },
  503: { description: 'Elasticsearch unavailable', content: { 'application/problem+json': { schema: Problem } } },
} as const;

export const cacheHeader = z.object({ 'X-Cache': z.enum(['HIT', 'MISS']) });
