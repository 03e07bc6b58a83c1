import type { estypes } from '@elastic/elasticsearch';

type Query = estypes.QueryDslQueryContainer;

/**
 * The recall clauses of a search widened by runtime synonyms: a product matches the query as typed (`must`) or the
 * recall clauses of any alternative text (`mustOf(alternative)`); each is scored by what it matched. Without
 * alternatives the clauses are returned as they are (the request is unchanged).
 */
export function withAlternatives(must: Query[], alternatives: readonly string[], mustOf: (text: string) => Query[]): Query[] {
  if (alternatives.length === 0) return must;
  return [{ bool: { should: [{ bool: { must } }, ...alternatives.map((a) => ({ bool: { must: mustOf(a) } }))], minimum_should_match: 1 } }];
}
