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

/** Soft-delete tombstones written by the indexer are never results, facets or suggestions. */
export const IS_TOMBSTONE: Query = { term: { deleted: true } };

/** `name=value` as the indexer writes it into `attributePairs`. */
export const attributePair = (name: string, value: string): string => `${name}=${value}`;

/** Every active filter of a request by facet group (order is stable for readable queries and tests). */
export function activeFilters(p: SearchParams): Map<FilterKey, Query> {
  const filters = new Map<FilterKey, Query>();
  if (p.brand.length > 0) filters.set('brand', { terms: { [FILTER_FIELDS.brand]: [...new Set(p.brand)] } });
  // categoryPaths holds every level of the path, so one term matches the node and everything under it.
  if (p.category.length > 0) filters.set('category', { terms: { [FILTER_FIELDS.categoryPaths]: [...new Set(p.category)] } });
  if (p.price_min !== undefined || p.price_max !== undefined) {
    filters.set('price', {
      range: { price: { ...(p.price_min !== undefined ? { gte: p.price_min } : {}), ...(p.price_max !== undefined ? { lte: p.price_max } : {}) } },
    });
  }
  if (p.rating_min !== undefined) filters.set('rating', { range: { rating: { gte: p.rating_min } } });
  if (p.in_stock !== undefined) filters.set('inStock', { term: { [FILTER_FIELDS.inStock]: p.in_stock } });
  for (const [name, list] of [...p.attr].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const values = [...new Set(list)];
    if (values.length > 0) filters.set(`attr.${name}`, { terms: { [FILTER_FIELDS.attributePairs]: values.map((v) => attributePair(name, v)) } });
  }
  return filters;
}

/** The filters of every group except `except`: what a disjunctive facet counts under. */
export function filtersExcept(filters: Map<FilterKey, Query>, except?: FilterKey): Query[] {
  return [...filters].filter(([key]) => key !== except).map(([, q]) => q);
}
