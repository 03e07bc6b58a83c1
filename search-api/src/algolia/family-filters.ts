import type { estypes } from '@elastic/elasticsearch';
import { attributePair, GROUPED, variantField } from '../search/filters';
import type { FamilyVariant } from '../search/representative';
import { AlgoliaInputError } from './algolia-error';
import { parseBoolean, resolveAttribute, type Attribute } from './attributes';
import type { FilterNode } from './filter-parser';
import { toEsFilter } from './filters';

type Query = estypes.QueryDslQueryContainer;

/** Price, stock and product attributes belong to one variant; brand, categories, rating and reviewCount to the family. */
export const isVariantAttribute = (a: Attribute): boolean => a.kind === 'attribute' || a.kind === 'boolean' || (a.kind === 'numeric' && a.name === 'price');

/** A filter tree's level; an unknown attribute counts as the family's (its translation names it in a 400). */
function levelOf(node: FilterNode): 'family' | 'variant' | 'mixed' {
  if (node.type === 'and' || node.type === 'or' || node.type === 'not') {
    const levels = new Set((node.type === 'not' ? [node.child] : node.children).map(levelOf));
    return levels.size === 1 ? [...levels][0] ?? 'family' : 'mixed';
  }
  const a = resolveAttribute(node.attribute);
  return a && isVariantAttribute(a) ? 'variant' : 'family';
}

/**
 * A filter tree → its family-level and variant-level conditions (the AND of each list). A family matches when its
 * own conditions hold and ONE of its variants satisfies every variant condition at once. An OR or a NOT that mixes
 * both levels has no such split: a 400 naming the parameter.
 */
export function splitByLevel(node: FilterNode, param: string): { family: FilterNode[]; variant: FilterNode[] } {
  const level = levelOf(node);
  if (level === 'family') return { family: [node], variant: [] };
  if (level === 'variant') return { family: [], variant: [node] };
  if (node.type !== 'and') {
    throw new AlgoliaInputError(
      `${param}: with distinct, an OR or a NOT cannot mix family attributes (brand, categories, rating, reviewCount) with variant attributes (price, inStock, attributes.*)`,
    );
  }
  const parts = node.children.map((c) => splitByLevel(c, param));
  return { family: parts.flatMap((p) => p.family), variant: parts.flatMap((p) => p.variant) };
}

/** What a grouped query filters with: family documents, their variants (nested), and the variant conditions to match variants with. */
export type GroupedFilter = { filter: Query | undefined; variantFilter: Query | undefined; variantNode: FilterNode | undefined };

const and = (list: Query[]): Query | undefined => (list.length > 1 ? { bool: { filter: list } } : list[0]);

/**
 * The filters of a grouped query (`distinct`), each source translated on its own so that a 400 names it: `filter`
 * selects family documents (family conditions, and one nested clause for all variant conditions), `variantFilter`
 * is that nested clause's query (facets count the variants it keeps), `variantNode` marks the matching variants of a hit.
 */
export function groupedFilter(sources: readonly (readonly [FilterNode | undefined, string])[]): GroupedFilter {
  const family: Query[] = [];
  const variant: Query[] = [];
  const variantNodes: FilterNode[] = [];
  for (const [node, param] of sources) {
    if (!node) continue;
    const split = splitByLevel(node, param);
    family.push(...split.family.map((n) => toEsFilter(n, param)));
    variant.push(...split.variant.map((n) => toEsFilter(n, param, (field) => variantField(GROUPED, field))));
    variantNodes.push(...split.variant);
  }
  const variantFilter = and(variant);
  const nested: Query[] = variantFilter && GROUPED.variants ? [{ nested: { path: GROUPED.variants, query: variantFilter } }] : [];
  return {
    filter: and([...family, ...nested]),
    variantFilter,
    variantNode: variantNodes.length > 1 ? { type: 'and', children: variantNodes } : variantNodes[0],
  };
}

const compare = (x: number, op: Extract<FilterNode, { type: 'numeric' }>['op'], y: number): boolean =>
  op === '<' ? x < y : op === '<=' ? x <= y : op === '=' ? x === y : op === '!=' ? x !== y : op === '>=' ? x >= y : x > y;

/** Whether a variant satisfies variant-level conditions (as Elasticsearch evaluates them on `variants.*`). */
export function variantMatches(node: FilterNode, v: FamilyVariant): boolean {
  switch (node.type) {
    case 'and':
      return node.children.every((c) => variantMatches(c, v));
    case 'or':
      return node.children.some((c) => variantMatches(c, v));
    case 'not':
      return !variantMatches(node.child, v);
    case 'range':
      return node.attribute === 'price' && v.price >= node.from && v.price <= node.to;
    case 'numeric':
      if (node.attribute === 'inStock') return compare(v.inStock ? 1 : 0, node.op, node.value);
      return node.attribute === 'price' && compare(v.price, node.op, node.value);
    case 'facet': {
      const a = resolveAttribute(node.attribute);
      if (a?.kind === 'attribute') return (v.attributePairs ?? []).includes(attributePair(a.key, node.value));
      if (a?.kind === 'boolean') return parseBoolean(node.value) === v.inStock;
      return a?.kind === 'numeric' && a.name === 'price' && node.value.trim() !== '' && Number(node.value) === v.price;
    }
  }
}
