import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { GROUPED, variantField } from '../search/filters';

type Agg = estypes.AggregationsAggregationContainer;

/** Names inside a grouped variant-level facet: the variants the query keeps, their values, the families per value. */
const NAMES = { matching: 'matching', values: 'values', families: 'families' } as const;
const toVariants = (field: string): string => variantField(GROUPED, field);

/**
 * A facet aggregation of a query: `build` makes it from a field mapping. Grouped (`distinct`) over a variant-level
 * attribute (price, inStock, attributes.*) it reads the nested variants that satisfy the query's variant conditions,
 * and with `families` each value counts the families having such a variant (`reverse_nested`), not the variants.
 */
export function facetAgg(
  q: { group: boolean; variantFilter: estypes.QueryDslQueryContainer | undefined },
  variantLevel: boolean,
  build: (field: (name: string) => string) => Agg,
  families = true,
): Agg {
  if (!q.group || !variantLevel || GROUPED.variants === undefined) return build((name) => name);
  const values = build(toVariants);
  return {
    nested: { path: GROUPED.variants },
    aggs: {
      [NAMES.matching]: {
        filter: q.variantFilter ?? { match_all: {} },
        aggs: { [NAMES.values]: families ? { ...values, aggs: { [NAMES.families]: { reverse_nested: {} } } } : values },
      },
    },
  };
}

const Grouped = z.object({ [NAMES.matching]: z.object({ [NAMES.values]: z.record(z.string(), z.unknown()) }) });
const FamilyBucket = z.looseObject({ [NAMES.families]: z.object({ doc_count: z.number() }) });

/** A facet aggregation's answer as a flat one: a grouped one's buckets count families (`facetAgg`); others as they are. */
export function flatFacet(answer: unknown): unknown {
  const grouped = Grouped.safeParse(answer);
  if (!grouped.success) return answer;
  const values = grouped.data[NAMES.matching][NAMES.values];
  if (!Array.isArray(values.buckets)) return values;
  return {
    ...values,
    buckets: values.buckets.map((b: unknown) => {
      const bucket = FamilyBucket.safeParse(b);
      return bucket.success ? { ...bucket.data, doc_count: bucket.data[NAMES.families].doc_count } : b;
    }),
  };
}
