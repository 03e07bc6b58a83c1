import type { estypes } from '@elastic/elasticsearch';
import { AlgoliaInputError } from './algolia-error';
import { facetCondition, parseBoolean, resolveAttribute } from './attributes';
import { FILTER_LIMITS, parseFilters, type FilterNode } from './filter-parser';

type Query = estypes.QueryDslQueryContainer;

/** `facetFilters` / `numericFilters` as clients send them: AND of (a filter or an OR-list of filters). */
export type FilterList = readonly (string | readonly string[])[];

function andOfOrs(list: FilterList, param: string, one: (text: string, path: string) => FilterNode): FilterNode | undefined {
  const total = list.reduce((n, item) => n + (typeof item === 'string' ? 1 : item.length), 0);
  if (total > FILTER_LIMITS.maxConditions) throw new AlgoliaInputError(`${param}: more than ${FILTER_LIMITS.maxConditions} filters`);
  const groups = list.flatMap((item, i): FilterNode[] => {
    if (typeof item === 'string') return [one(item, `${param}[${i}]`)];
    const alternatives = item.map((text, j) => one(text, `${param}[${i}][${j}]`));
    if (alternatives.length === 0) return [];
    return [alternatives.length === 1 ? (alternatives[0] as FilterNode) : { type: 'or', children: alternatives }];
  });
  if (groups.length === 0) return undefined;
  return groups.length === 1 ? groups[0] : { type: 'and', children: groups };
}

/** One `attribute:value` of `facetFilters`: `attribute:-value` excludes, `attribute:\-value` is a literal dash. */
export function parseFacetFilter(text: string, path: string): FilterNode {
  const colon = text.indexOf(':');
  if (colon <= 0) throw new AlgoliaInputError(`${path}: expected "attribute:value", got "${text.slice(0, 50)}"`);
  const attribute = text.slice(0, colon).trim();
  let value = text.slice(colon + 1);
  if (value.length > FILTER_LIMITS.maxValueLength) throw new AlgoliaInputError(`${path}: value longer than ${FILTER_LIMITS.maxValueLength} characters`);
  let negated = false;
  if (value.startsWith('-')) {
    negated = true;
    value = value.slice(1);
  } else if (value.startsWith('\\-')) {
    value = value.slice(1);
  }
  const node: FilterNode = { type: 'facet', attribute, value };
  return negated ? { type: 'not', child: node } : node;
}

/** One `numericFilters` entry: `price>=10`, `rating!=3`, `price:10 TO 20`. */
export function parseNumericFilter(text: string, path: string): FilterNode {
  const node = parseFilters(text, path);
  if (node?.type !== 'numeric' && node?.type !== 'range') throw new AlgoliaInputError(`${path}: expected a comparison such as "price>=10" or a range "price:10 TO 20"`);
  return node;
}

/** `facetFilters` → a filter tree (AND of ORs, with `-` negation). */
export const facetFiltersNode = (list: FilterList, param = 'facetFilters') => andOfOrs(list, param, parseFacetFilter);

/** `numericFilters` → a filter tree (AND of ORs). */
export const numericFiltersNode = (list: FilterList, param = 'numericFilters') => andOfOrs(list, param, parseNumericFilter);

const RANGE_OPS = { '<': 'lt', '<=': 'lte', '>=': 'gte', '>': 'gt' } as const;

/** Where an indexed field is read: as it is, or under a nested path (`variants.price` in the families index). */
export type FieldOf = (field: string) => string;
const AS_IS: FieldOf = (field) => field;

function numericCondition(node: Extract<FilterNode, { type: 'numeric' }>, param: string, field: FieldOf): Query {
  const a = resolveAttribute(node.attribute);
  if (a?.kind === 'boolean' && (node.op === '=' || node.op === '!=')) {
    const b = parseBoolean(String(node.value));
    if (b === undefined) throw new AlgoliaInputError(`${param}: ${node.attribute} is 0 or 1`);
    return { term: { [field(a.name)]: node.op === '=' ? b : !b } };
  }
  if (a?.kind !== 'numeric') throw new AlgoliaInputError(`${param}: ${node.attribute} is not a numeric attribute`);
  if (node.op === '=') return { term: { [field(a.name)]: node.value } };
  if (node.op === '!=') return { bool: { must_not: [{ term: { [field(a.name)]: node.value } }] } };
  return { range: { [field(a.name)]: { [RANGE_OPS[node.op]]: node.value } } };
}

/** A filter tree → one Elasticsearch filter (its fields read through `field`); an unknown attribute or an impossible value is a 400. */
export function toEsFilter(node: FilterNode, param: string, field: FieldOf = AS_IS): Query {
  switch (node.type) {
    case 'and':
      return { bool: { filter: node.children.map((c) => toEsFilter(c, param, field)) } };
    case 'or':
      return { bool: { should: node.children.map((c) => toEsFilter(c, param, field)), minimum_should_match: 1 } };
    case 'not':
      return { bool: { must_not: [toEsFilter(node.child, param, field)] } };
    case 'numeric':
      return numericCondition(node, param, field);
    case 'range': {
      const a = resolveAttribute(node.attribute);
      if (a?.kind !== 'numeric') throw new AlgoliaInputError(`${param}: ${node.attribute} is not a numeric attribute`);
      return { range: { [field(a.name)]: { gte: node.from, lte: node.to } } };
    }
    case 'facet': {
      const a = resolveAttribute(node.attribute);
      if (!a) throw new AlgoliaInputError(`${param}: unknown attribute "${node.attribute.slice(0, 60)}"`);
      const condition = facetCondition(a, node.value, field);
      if (!condition) throw new AlgoliaInputError(`${param}: "${node.value.slice(0, 60)}" is not a value of ${a.name}`);
      return condition;
    }
  }
}
