import type { estypes } from '@elastic/elasticsearch';
import type { SearchParams } from '@catalog/contract';

type Query = estypes.QueryDslQueryContainer;

/** Facet groups a filter can belong to; attribute facets are `attr.<name>`. */
export type FilterKey = 'brand' | 'category' | 'price' | 'rating' | 'inStock' | `attr.${string}`;

/** Keyword / doc-values fields that filters and facets read (the indexer writes them, see mappings/). */
export const FILTER_FIELDS = {
  brand: 'brand.keyword',
  /** Every level of the category path: `A`, `A > B`, `A > B > C`. */
  categoryPaths: 'categoryPaths',
  /** `name=value` of each product attribute. */
  attributePairs: 'attributePairs',
  inStock: 'inStock',
} as const;

/**
 * Where a search runs: over products (flat, `group=false`) or over family documents whose variants are `nested`
 * under `variants` (grouped, issue 17). Variant-level filters (price, stock, attributes) read `variants.<field>` there
 * and one variant must satisfy all of them at once; family-level ones (brand, category, rating) read the top level.
 */
export type SearchScope = { variants?: string };
export const FLAT: SearchScope = {};
export const GROUPED: SearchScope = { variants: 'variants' };

/** The scope a request searches in: grouped unless it asks for `group=false`. */
export const scopeOf = (p: Pick<SearchParams, 'group'>): SearchScope => (p.group ? GROUPED : FLAT);

/** Price, stock and attributes belong to one variant; brand, category and rating to the family. */
export const isVariantFilter = (key: FilterKey): boolean => key === 'price' || key === 'inStock' || key.startsWith('attr.');

/** A variant-level field in a scope: `price` flat, `variants.price` grouped. */
export const variantField = (scope: SearchScope, field: string): string => (scope.variants !== undefined ? `${scope.variants}.${field}` : field);

/** The documents of these products: the products themselves, or grouped the families they are members of. */
export const productIdsQuery = (scope: SearchScope, ids: string[]): Query => (scope.variants !== undefined ? { terms: { memberIds: ids } } : { ids: { values: ids } });

/** Soft-delete tombstones written by the indexer are never results, facets or suggestions. */
export const IS_TOMBSTONE: Query = { term: { deleted: true } };

/** `name=value` as the indexer writes it into `attributePairs`. */
export const attributePair = (name: string, value: string): string => `${name}=${value}`;

/** `name=value` → [name, value]; undefined when it is not a pair. */
export function splitAttributePair(pair: string): [string, string] | undefined {
  const at = pair.indexOf('=');
  return at > 0 ? [pair.slice(0, at), pair.slice(at + 1)] : undefined;
}

/** Every active filter of a request by facet group (order is stable for readable queries and tests), its fields in `scope`. */
export function activeFilters(p: SearchParams, scope: SearchScope = FLAT): Map<FilterKey, Query> {
  const v = (field: string) => variantField(scope, field);
  const filters = new Map<FilterKey, Query>();
  if (p.brand.length > 0) filters.set('brand', { terms: { [FILTER_FIELDS.brand]: [...new Set(p.brand)] } });
  // categoryPaths holds every level of the path, so one term matches the node and everything under it.
  if (p.category.length > 0) filters.set('category', { terms: { [FILTER_FIELDS.categoryPaths]: [...new Set(p.category)] } });
  if (p.price_min !== undefined || p.price_max !== undefined) {
    filters.set('price', {
      range: { [v('price')]: { ...(p.price_min !== undefined ? { gte: p.price_min } : {}), ...(p.price_max !== undefined ? { lte: p.price_max } : {}) } },
    });
  }
  if (p.rating_min !== undefined) filters.set('rating', { range: { rating: { gte: p.rating_min } } });
  if (p.in_stock !== undefined) filters.set('inStock', { term: { [v(FILTER_FIELDS.inStock)]: p.in_stock } });
  for (const [name, list] of [...p.attr].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const values = [...new Set(list)];
    if (values.length > 0) filters.set(`attr.${name}`, { terms: { [v(FILTER_FIELDS.attributePairs)]: values.map((value) => attributePair(name, value)) } });
  }
  return filters;
}

/** The variant-level filters of every group except `except`, as they are (what one variant must satisfy together). */
export function variantFiltersExcept(filters: Map<FilterKey, Query>, except?: FilterKey): Query[] {
  return [...filters].filter(([key]) => key !== except && isVariantFilter(key)).map(([, q]) => q);
}

/**
 * The filters of every group except `except`: what a disjunctive facet counts under. Grouped, the family-level ones
 * as they are and the variant-level ones in one `nested` clause (a family matches when one variant satisfies them all).
 */
export function filtersExcept(filters: Map<FilterKey, Query>, except?: FilterKey, scope: SearchScope = FLAT): Query[] {
  const others = [...filters].filter(([key]) => key !== except);
  if (scope.variants === undefined) return others.map(([, q]) => q);
  const variant = variantFiltersExcept(filters, except);
  const family = others.filter(([key]) => !isVariantFilter(key)).map(([, q]) => q);
  return variant.length === 0 ? family : [...family, { nested: { path: scope.variants, query: { bool: { filter: variant } } } }];
}
