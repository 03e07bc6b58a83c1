import { z } from '@hono/zod-openapi';
import { AttributeName } from './product';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating_desc', 'newest'] as const;
export type Sort = (typeof SORTS)[number];
/** Deepest result reachable by paging: page × per_page. */
export const MAX_RESULT_WINDOW = 10_000;

const price = z.coerce.number().nonnegative().max(1e9);
const facetValue = z.string().trim().min(1).max(300);

/** Query parameters of `GET /v1/products/search` after repeated keys are grouped (see `groupQuery`). */
export const SearchParams = z
  .object({
    q: z.string().trim().max(200).default(''),
    brand: z.array(facetValue).max(50).default([]),
    category: z.array(facetValue).max(20).default([]),
    price_min: price.optional(),
    price_max: price.optional(),
    rating_min: z.coerce.number().min(0).max(5).optional(),
    in_stock: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
    attr: z.record(AttributeName, z.array(facetValue).max(20)).default({}),
    sort: z.enum(SORTS).default('relevance'),
    page: z.coerce.number().int().min(1).default(1),
    per_page: z.coerce.number().int().min(1).max(100).default(20),
  })
  .strict()
  .superRefine((p, ctx) => {
    if (p.page * p.per_page > MAX_RESULT_WINDOW) {
      ctx.addIssue({ code: 'custom', path: ['page'], message: `page × per_page must be ≤ ${MAX_RESULT_WINDOW}` });
    }
    if (p.price_min !== undefined && p.price_max !== undefined && p.price_min > p.price_max) {
      ctx.addIssue({ code: 'custom', path: ['price_min'], message: 'must be ≤ price_max' });
    }
  });
export type SearchParams = z.infer<typeof SearchParams>;

/** Query parameters of `GET /v1/products/autocomplete`. */
export const AutocompleteParams = z
  .object({
    q: z.string().trim().max(200).default(''),
    limit: z.coerce.number().int().min(1).max(20).default(8),
  })
  .strict();
export type AutocompleteParams = z.infer<typeof AutocompleteParams>;

/** Query parameters of the popular / no-result query lists. */
export const TopQueriesParams = z
  .object({ limit: z.coerce.number().int().min(1).max(100).default(10) })
  .strict();
export type TopQueriesParams = z.infer<typeof TopQueriesParams>;

const REPEATABLE = new Set(['brand', 'category']);

/**
 * URL query → the plain object the schemas parse: `brand`, `category` and `attr.<name>` become arrays,
 * a scalar given twice keeps its last value (as browsers' forms and most servers do).
 */
export function groupQuery(params: URLSearchParams): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  const attr: Record<string, string[]> = {};
  for (const [key, value] of params) {
    if (key.startsWith('attr.')) {
      (attr[key.slice(5)] ??= []).push(value);
    } else if (REPEATABLE.has(key)) {
      const list = (out[key] as string[] | undefined) ?? [];
      out[key] = [...list, value];
    } else {
      out[key] = value;
    }
  }
  if (Object.keys(attr).length > 0) out.attr = attr;
  return out;
}
