import { z } from '@hono/zod-openapi';
import { problemDoc } from '@catalog/contract/http';

/** Problem responses every route may give. */
export const problemResponses = {
  400: problemDoc('Invalid parameter (named in `errors`)'),
  503: problemDoc('Elasticsearch unavailable'),
} as const;

export const cacheHeader = z.object({ 'X-Cache': z.enum(['HIT', 'MISS']) });
