import { z } from '@hono/zod-openapi';

const Bucket = z.object({ value: z.string(), count: z.number().int() });

/** One search hit: what a result list shows, not the whole product. */
export const SearchHit = z
  .object({
    id: z.string(),
    title: z.string(),
    brand: z.string(),
    categories: z.array(z.string()),
    price: z.number(),
    currency: z.string(),
    stock: z.number().int(),
    inStock: z.boolean(),
    rating: z.number(),
    reviewCount: z.number().int(),
    imageUrl: z.string().optional(),
    highlight: z.object({ title: z.string().optional(), description: z.string().optional() }).optional(),
  })
  .openapi('SearchHit');
export type SearchHit = z.infer<typeof SearchHit>;

export const Facets = z
  .object({
    brand: z.array(Bucket),
    category: z.array(Bucket),
    price: z.array(z.object({ from: z.number().optional(), to: z.number().optional(), count: z.number().int() })),
    rating: z.array(z.object({ min: z.number(), count: z.number().int() })),
    inStock: z.array(z.object({ value: z.boolean(), count: z.number().int() })),
    attributes: z.record(z.string(), z.array(Bucket)).optional(),
  })
  .openapi('Facets');
export type Facets = z.infer<typeof Facets>;

export const SearchResponse = z
  .object({
    query: z.string(),
    page: z.number().int(),
    perPage: z.number().int(),
    total: z.number().int(),
    totalPages: z.number().int(),
    hits: z.array(SearchHit),
    facets: Facets,
    tookMs: z.number(),
    cached: z.boolean(),
  })
  .openapi('SearchResponse');
export type SearchResponse = z.infer<typeof SearchResponse>;

export const Suggestion = z.object({
  type: z.enum(['query', 'product', 'brand', 'category']),
  text: z.string(),
  id: z.string().optional(),
});
export const AutocompleteResponse = z
  .object({ query: z.string(), suggestions: z.array(Suggestion), cached: z.boolean().optional() })
  .openapi('AutocompleteResponse');
export type AutocompleteResponse = z.infer<typeof AutocompleteResponse>;

export const TopQueriesResponse = z
  .object({ queries: z.array(z.object({ query: z.string(), count: z.number().int() })) })
  .openapi('TopQueriesResponse');
export type TopQueriesResponse = z.infer<typeof TopQueriesResponse>;
