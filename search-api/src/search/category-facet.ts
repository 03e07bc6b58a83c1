import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { CATEGORY_SEPARATOR } from '@catalog/contract';
import { FILTER_FIELDS } from './filters';

type Agg = estypes.AggregationsAggregationContainer;
type Bucket = { value: string; count: number };

/**
 * Lucene regular expression of one category name: anything without the ` > ` separator (a name may hold a
 * `>` or spaces, never both as ` > `). Built from the three states of "how much of ` > ` was just read".
 */
const NAME = '([^ ]| +[^ >]| +\\>[^ ])*( +\\>?)?';
const SEPARATOR = ' \\> ';

/** Lucene regex (also a valid JavaScript one) of the category paths with exactly `depth` levels. */
export function categoryDepthRegex(depth: number): string {
  return depth <= 1 ? NAME : `${NAME}(${SEPARATOR}${NAME}){${depth - 1}}`;
}

/** Distinct prefixes of the selected paths (`A > B` → `A`, `A > B`): the nodes whose children the facet shows. */
export function categoryFacetParents(selected: readonly string[]): string[] {
  const parents = new Set<string>();
  for (const path of selected) {
    const names = path.split(CATEGORY_SEPARATOR);
    for (let depth = 1; depth <= names.length; depth++) parents.add(names.slice(0, depth).join(CATEGORY_SEPARATOR));
  }
  return [...parents];
}

const depthOf = (path: string): number => path.split(CATEGORY_SEPARATOR).length;
/** Sub-aggregation of the children of the selected parents of one depth: `children_of_depth_2`. */
const CHILDREN_PREFIX = 'children_of_depth_';

/**
 * Which category paths the facet shows: the top level, and under every selected path each level down to its
 * children (siblings of each selected node included), so a UI can render the drill-down tree. The pure
 * statement of what `categoryFacetAggs` asks Elasticsearch for.
 */
export function shownInCategoryFacet(value: string, selected: readonly string[]): boolean {
  const hasDepth = (depth: number) => new RegExp(`^(?:${categoryDepthRegex(depth)})$`).test(value);
  return (
    hasDepth(1) ||
    categoryFacetParents(selected).some((parent) => value.startsWith(`${parent}${CATEGORY_SEPARATOR}`) && hasDepth(depthOf(parent) + 1))
  );
}

/**
 * The category facet's aggregations, without a literal of the selected paths in any regular expression: the
 * top level by a depth pattern, and per depth d the paths of depth d + 1 among the products under any parent
 * of depth d (a product has one category path, so those are exactly the parents' children). A regex holding
 * the paths themselves cost Elasticsearch ~30 µs per character to compile (0.2–0.7 s for 10–20 long paths);
 * here there are at most `categoryDepth` + 1 patterns of a few dozen characters, whatever is selected.
 */
export function categoryFacetAggs(selected: readonly string[], size: number): Record<string, Agg> {
  const field = FILTER_FIELDS.categoryPaths;
  const byDepth = new Map<number, string[]>();
  for (const parent of categoryFacetParents(selected)) byDepth.set(depthOf(parent), [...(byDepth.get(depthOf(parent)) ?? []), parent]);
  const aggs: Record<string, Agg> = { values: { terms: { field, size, include: categoryDepthRegex(1) } } };
  for (const [depth, parents] of byDepth) {
    aggs[`${CHILDREN_PREFIX}${depth}`] = {
      filter: { terms: { [field]: parents } },
      aggs: { values: { terms: { field, size, include: categoryDepthRegex(depth + 1) } } },
    };
  }
  return aggs;
}

const Terms = z.object({ values: z.object({ buckets: z.array(z.object({ key: z.string(), doc_count: z.number() })) }) });

/** The facet aggregation's answer → its values, most products first (ties by value, as Elasticsearch orders), at most `size`. */
export function categoryFacetBuckets(facet: unknown, size: number): Bucket[] {
  const parts = typeof facet === 'object' && facet !== null ? Object.entries(facet).filter(([k]) => k === 'values' || k.startsWith(CHILDREN_PREFIX)) : [];
  const byValue = new Map<string, number>();
  for (const [key, part] of parts) {
    const parsed = Terms.safeParse(key === 'values' ? facet : part);
    for (const b of parsed.success ? parsed.data.values.buckets : []) byValue.set(b.key, b.doc_count);
  }
  return [...byValue]
    .map(([value, count]) => ({ value, count }))
    .sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0))
    .slice(0, size);
}
