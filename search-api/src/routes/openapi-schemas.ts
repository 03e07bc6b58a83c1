import { z } from '@hono/zod-openapi';
import { Problem } from '@catalog/contract';

/** Problem responses every route may give. */
export const problemResponses = {
  400: { description: 'Invalid parameter (named in `errors`)', content: { 'application/problem+json': { schema: Problem } } },
  503: { description: 'Elasticsearch unavailable', content: { 'application/problem+json': { schema: Problem } } },
} as const;

export const cacheHeader = z.object({ 'X-Cache': z.enum(['HIT', 'MISS']) });
