import { z } from '@hono/zod-openapi';
import { singleLineText } from './field-rules';
import { ATTRIBUTE_LIMITS, AttributeName, CATEGORY_SEPARATOR } from './product';
import { cleanSearchText, countSearchTerms } from './search-text';

export const SORTS = ['relevance', 'price_asc', 'price_desc', 'rating_desc', 'newest'] as const;
export type Sort = (typeof SORTS)[number];
/** Deepest result reachable by paging: page × per_page. */
export const MAX_RESULT_WINDOW = 10_000;

/**
 * Bounds of the public search parameters, so that every request has a bounded cost before it reaches
 * Elasticsearch. Each is what a storefront sends, with room to spare: the longest of 2,120 real queries
 * (`data/queries-bestbuy.tsv`) has 50 characters and 9 words; InstantSearch and our storefront show at most
 * 20–30 values of a facet; a product has at most 5 category levels and 30 attributes. Values are as long as
 * the product field they must equal (brand, category name, attribute value: 100 characters). README "Limits".
 */
export const SEARCH_LIMITS = {
  /** `q`, characters. */
  queryLength: 200,
  /** `q`, terms after normalisation (`countSearchTerms`). */
  queryTerms: 32,
  /** `brand` values (the brand facet shows 30). */
  brandValues: 30,
  /** `category` values. */
  categoryValues: 10,
  /** Levels of one `category` path (a product's `categories` has at most 5). */
  categoryDepth: 5,
  /** Characters of one category level (a product's category name). */
  categoryNameLength: 100,
  /** Different `attr.<name>` parameters. */
  attrNames: 10,
  /** Values of one `attr.<name>`. */
  attrValues: 20,
  /** `brand`, `category` and every `attr.<name>` values together. */
  filterValues: 50,
} as const;
const L = SEARCH_LIMITS;

/** Prefix of the attribute filter parameters: `attr.color=black`. */
export const ATTR_PREFIX = 'attr.';
/** How OpenAPI shows the `attr.<name>` family (a parameter literally named so is refused). */
const ATTR_DOC_KEY = 'attr.{name}';

/** A parameter given once; given again, the last one counts (as browsers' forms and most servers do). */
const single = <T extends z.ZodType>(schema: T) => z.preprocess((v) => (Array.isArray(v) ? v.at(-1) : v), schema);
/** A repeatable parameter: one value or a list (Hono hands a repeated key over as a list), at most `max`. */
const repeatable = <T extends z.ZodType>(item: T, max: number) =>
  z.preprocess((v) => (v === undefined || Array.isArray(v) ? v : [v]), z.array(item).max(max, `at most ${max} values`));

/** Search text: at most 200 characters and 32 terms; control characters become spaces (`cleanSearchText`). */
export const SearchText = z
  .string()
  .max(L.queryLength)
  .transform(cleanSearchText)
  .refine((t) => countSearchTerms(t) <= L.queryTerms, `at most ${L.queryTerms} words`);

const CategoryPath = singleLineText(1, L.categoryDepth * (L.categoryNameLength + CATEGORY_SEPARATOR.length)).refine((path) => {
  const levels = path.split(CATEGORY_SEPARATOR);
  return levels.length <= L.categoryDepth && levels.every((name) => name.length >= 1 && name.length <= L.categoryNameLength);
}, `a path of 1–${L.categoryDepth} levels of 1–${L.categoryNameLength} characters joined by "${CATEGORY_SEPARATOR}"`);

/** A boolean parameter: the strings `true` / `false`, read as a boolean. */
const booleanParam = () => single(z.enum(['true', 'false']).transform((v) => v === 'true'));
/** A boolean parameter with a default, documented as the string a client would send (OpenAPI's `default` must fit the string enum). */
const booleanParamDefault = (value: boolean) => booleanParam().default(value).openapi({ default: String(value) });

const AttrValues = repeatable(singleLineText(1, ATTRIBUTE_LIMITS.valueLength), L.attrValues);
const price = single(z.coerce.number().nonnegative().max(1e9)).optional();

/** The search parameters other than `attr.<name>` (their output is `SearchParams` without `attr`). */
const SearchFields = z.object({
  q: single(SearchText)
    .default('')
    .describe(`Search text; empty = browse. At most ${L.queryLength} characters and ${L.queryTerms} words; control characters count as spaces.`)
    .openapi({ example: 'wireless headphones' }),
  brand: repeatable(singleLineText(1, 100), L.brandValues)
    .default([])
    .describe(`Brand, repeatable (OR): at most ${L.brandValues} values of 1–100 characters.`),
  category: repeatable(CategoryPath, L.categoryValues)
    .default([])
    .describe(
      `Category path ("A${CATEGORY_SEPARATOR}B"), repeatable (OR), matches the node and everything under it: at most ${L.categoryValues} paths of ` +
        `1–${L.categoryDepth} levels of 1–${L.categoryNameLength} characters.`,
    )
    .openapi({ example: ['Electronics > Audio'] }),
  price_min: price.describe('Lowest price, 0–10^9.'),
  price_max: price.describe('Highest price, 0–10^9, ≥ price_min.'),
  rating_min: single(z.coerce.number().min(0).max(5)).optional().describe('Lowest rating, 0–5.'),
  in_stock: booleanParam()
    .optional()
    .describe('Only products in stock (true) or out of stock (false).'),
  sort: single(z.enum(SORTS)).default('relevance'),
  page: single(z.coerce.number().int().min(1).max(MAX_RESULT_WINDOW))
    .default(1)
    .describe(`Page, from 1; page × per_page ≤ ${MAX_RESULT_WINDOW}.`),
  per_page: single(z.coerce.number().int().min(1).max(100)).default(20).describe('Hits per page, 1–100.'),
  group: booleanParamDefault(true).describe('One hit per product family (true, the default; total and facet counts count families) or every variant (false).'),
  correct: booleanParamDefault(true).describe(
      'A search that finds fewer than 10 products as typed is searched again with typos forgiven, words that match nothing dropped ' +
        'and a did-you-mean (`correction` in the answer): true, the default; false = the words exactly as typed ("search instead for").',
    ),
  context: single(z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'lowercase letters, digits, _ and -, at most 50'))
    .optional()
    .describe('Storefront context (a section, a campaign) that query rules may be limited to.'),
});
const FIELD_NAMES = new Set(Object.keys(SearchFields.shape));

/** Search parameters as the search builders read them: attribute filters by name in a `Map` (user keys never become object keys). */
export type SearchParams = z.output<typeof SearchFields> & { attr: ReadonlyMap<string, readonly string[]> };

/**
 * The query string of `GET /v1/products/search` as Hono's validator hands it over (a string or, for a repeated
 * key, a list) and as OpenAPI documents it; `toSearchParams` turns its output into `SearchParams`.
 */
export const SearchQuery = SearchFields.extend({
  [ATTR_DOC_KEY]: AttrValues.optional().describe(
    `Attribute filter, e.g. attr.color=black; repeatable (OR) within a name, AND across names. Name: ${ATTRIBUTE_LIMITS.nameLength} characters of ` +
      `[a-z0-9_]; at most ${L.attrNames} names per request, ${L.attrValues} values per name of 1–${ATTRIBUTE_LIMITS.valueLength} characters; ` +
      `brand, category and attr.* together at most ${L.filterValues} values.`,
  ),
})
  .catchall(AttrValues)
  .superRefine((p, ctx) => {
    const issue = (path: string, message: string) => ctx.addIssue({ code: 'custom', path: [path], message });
    let names = 0;
    let values = p.brand.length + p.category.length;
    for (const [key, list] of Object.entries(p)) {
      if (FIELD_NAMES.has(key)) continue;
      if (!key.startsWith(ATTR_PREFIX) || key === ATTR_DOC_KEY) {
        issue(key, 'unknown parameter');
      } else if (!AttributeName.safeParse(key.slice(ATTR_PREFIX.length)).success) {
        issue(key, `attribute name must be 1–${ATTRIBUTE_LIMITS.nameLength} characters of a-z, 0-9 and _`);
      } else {
        // One issue each, on the parameter that went over: 1,000 names are one error, not 990.
        if (++names === L.attrNames + 1) issue(key, `at most ${L.attrNames} different attr.<name> parameters`);
        const before = values;
        values += Array.isArray(list) ? list.length : 0;
        if (before <= L.filterValues && values > L.filterValues) issue(key, `at most ${L.filterValues} brand, category and attr.* values together`);
      }
    }
    if (p.page * p.per_page > MAX_RESULT_WINDOW) issue('page', `page × per_page must be ≤ ${MAX_RESULT_WINDOW}`);
    if (p.price_min !== undefined && p.price_max !== undefined && p.price_min > p.price_max) issue('price_min', 'must be ≤ price_max');
  });
export type SearchQuery = z.output<typeof SearchQuery>;

/** Validated query → `SearchParams`: the `attr.<name>` parameters grouped into a `Map` by name. */
export function toSearchParams(query: SearchQuery): SearchParams {
  const { q, brand, category, price_min, price_max, rating_min, in_stock, sort, page, per_page, group, correct, context } = query;
  const attr = new Map<string, readonly string[]>();
  for (const [key, list] of Object.entries(query)) {
    if (key.startsWith(ATTR_PREFIX) && key !== ATTR_DOC_KEY && Array.isArray(list)) attr.set(key.slice(ATTR_PREFIX.length), list);
  }
  return { q, brand, category, price_min, price_max, rating_min, in_stock, sort, page, per_page, group, correct, ...(context !== undefined ? { context } : {}), attr };
}

/** `{ attr: { color: [...] } }` (an object or a Map) → `{ 'attr.color': [...] }`; anything else as it is. */
function flattenAttr(input: unknown): unknown {
  if (typeof input !== 'object' || input === null || Array.isArray(input) || input instanceof URLSearchParams) return input;
  const { attr, ...rest } = Object.fromEntries(Object.entries(input));
  const groups: [string, unknown][] = attr instanceof Map ? [...attr] : typeof attr === 'object' && attr !== null ? Object.entries(attr) : [];
  return Object.fromEntries([...Object.entries(rest), ...groups.map(([name, list]): [string, unknown] => [`${ATTR_PREFIX}${name}`, list])]);
}

/**
 * `SearchQuery` for callers that hold the parameters as an object (tests, other surfaces): attribute filters
 * may come as `'attr.<name>'` keys or grouped under `attr`; the result is `SearchParams`.
 */
export const SearchParams = z.preprocess(flattenAttr, SearchQuery).transform(toSearchParams);

/** Query parameters of `GET /v1/products/autocomplete`. */
export const AutocompleteParams = z
  .object({
    q: single(SearchText)
      .default('')
      .describe(`What is being typed: at most ${L.queryLength} characters and ${L.queryTerms} words; control characters count as spaces.`),
    limit: single(z.coerce.number().int().min(1).max(20)).default(8).describe('Suggestions, 1–20.'),
  })
  .strict();
export type AutocompleteParams = z.infer<typeof AutocompleteParams>;

/** Query parameters of the popular / no-result query lists. */
export const TopQueriesParams = z
  .object({ limit: single(z.coerce.number().int().min(1).max(100)).default(10).describe('Queries, 1–100.') })
  .strict();
export type TopQueriesParams = z.infer<typeof TopQueriesParams>;
