import { z } from '@hono/zod-openapi';
import { AppliedRules } from './rules';

const Bucket = z.object({ value: z.string(), count: z.number().int() }).openapi('FacetBucket');
type Bucket = z.infer<typeof Bucket>;

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Attribute facets as a null-prototype object: names come from products, and `__proto__` is a name like any other. */
export function facetAttributes(byName: ReadonlyMap<string, Bucket[]>): Record<string, Bucket[]> {
  return Object.assign(Object.create(null), Object.fromEntries(byName));
}

/** Attribute facets by name; parsed through a Map so that no name is dropped or touches a prototype. */
const AttributeFacets = z
  .preprocess((v) => (isPlainObject(v) ? new Map(Object.entries(v)) : v), z.map(z.string(), z.array(Bucket)))
  .transform(facetAttributes)
  .openapi({ type: 'object', additionalProperties: { type: 'array', items: { $ref: '#/components/schemas/FacetBucket' } } });

/** One variant of a grouped hit: what a swatch needs. `attributes` holds only the family's varying attributes. */
export const HitVariant = z
  .object({
    id: z.string(),
    title: z.string(),
    attributes: z.record(z.string(), z.string()),
    price: z.number(),
    stock: z.number().int(),
    inStock: z.boolean(),
    imageUrl: z.string().optional(),
    matches: z.boolean().describe('Whether this variant satisfies the request\'s variant filters (colour, size, price, stock)'),
  })
  .openapi('HitVariant');
export type HitVariant = z.infer<typeof HitVariant>;

/** Fields a grouped hit adds (issue 17); absent with `group=false`. */
const FAMILY_FIELDS = {
  groupId: z.string().optional().describe('The family (absent for a product without one)'),
  variantCount: z.number().int().optional().describe('Variants in the family'),
  priceRange: z.object({ min: z.number(), max: z.number() }).optional().describe('Lowest and highest price of the matching variants'),
  variants: z.array(HitVariant).optional().describe('The family\'s variants (at most 50), the representative first'),
};

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
    ...FAMILY_FIELDS,
  })
  .openapi('SearchHit');
export type SearchHit = z.infer<typeof SearchHit>;

/** The stored fields a hit is made of (every `SearchHit` field but the highlight): what a search reads from `_source`. */
export const HIT_FIELDS: readonly string[] = Object.keys(SearchHit.shape).filter((k) => k !== 'highlight' && !(k in FAMILY_FIELDS));

export const Facets = z
  .object({
    brand: z.array(Bucket),
    category: z.array(Bucket),
    price: z.array(z.object({ from: z.number().optional(), to: z.number().optional(), count: z.number().int() })),
    rating: z.array(z.object({ min: z.number(), count: z.number().int() })),
    inStock: z.array(z.object({ value: z.boolean(), count: z.number().int() })),
    attributes: AttributeFacets.optional(),
  })
  .openapi('Facets');
export type Facets = z.infer<typeof Facets>;

/**
 * Did-you-mean and zero-result recovery: a search that matched fewer than 10 products as typed and was answered by its
 * typo pass says what the results are for. Absent when the words as typed stand.
 */
export const Correction = z
  .object({
    query: z.string().describe('The query the results are for: the spelling corrected and/or the dropped words left out'),
    reason: z.enum(['spelling', 'relaxed']).describe('spelling: words corrected to catalog words; relaxed: some words matched no product and were dropped'),
    droppedWords: z.array(z.string()).optional().describe('The words the results do not match (reason relaxed)'),
    originalTotal: z.number().int().describe('Products the query matched as typed'),
  })
  .openapi('Correction');
export type Correction = z.infer<typeof Correction>;

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
    rules: AppliedRules.optional().describe('Present when query rules applied: their ids, a redirect, banner data'),
    correction: Correction.optional().describe('Present when a thin search was answered for a corrected or relaxed query (`correct=false` turns it off)'),
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
