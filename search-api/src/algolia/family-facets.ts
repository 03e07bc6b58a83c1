import type { estypes } from '@elastic/elasticsearch';
import { z } from 'zod';
import { anyVariantAggs, anyVariantField, sumBuckets, UNMIGRATED } from '../search/any-variant-facet';
import { GROUPED, variantField } from '../search/filters';

type Agg = estypes.AggregationsAggregationContainer;

/** Names inside a grouped variant-level facet: the variants the query keeps, their values, the families per value. */
const NAMES = { variants: 'variants', matching: 'matching', values: 'values', families: 'families' } as const;
const toVariants = (field: string): string => variantField(GROUPED, field);

/**
 * A facet aggregation of a query: `build` makes it from a field mapping. Grouped (`distinct`) over a variant-level
 * attribute (price, inStock, attributes.*) it reads the nested variants that satisfy the query's variant conditions,
 * and with `families` each value counts the families having such a variant (`reverse_nested`), not the variants; with
 * no variant condition, from the family documents' `anyVariant` (`anyVariantAggs`).
 */
export function facetAgg(
  q: { group: boolean; variantFilter: estypes.QueryDslQueryContainer | undefined },
  variantLevel: boolean,
  build: (field: (name: string) => string) => Agg,
  families = true,
): Agg {
  if (!q.group || !variantLevel || GROUPED.variants === undefined) return build((name) => name);
  const values = build(toVariants);
  const nested: Agg = {
    nested: { path: GROUPED.variants },
    aggs: {
      [NAMES.matching]: {
        filter: q.variantFilter ?? { match_all: {} },
        aggs: { [NAMES.values]: families ? { ...values, aggs: { [NAMES.families]: { reverse_nested: {} } } } : values },
      },
    },
  };
  if (!families || q.variantFilter !== undefined) return nested;
  return { filter: { match_all: {} }, aggs: anyVariantAggs(build(anyVariantField), { [NAMES.variants]: nested }) };
}

const Grouped = z.object({ [NAMES.matching]: z.object({ [NAMES.values]: z.record(z.string(), z.unknown()) }) });
const FamilyBucket = z.looseObject({ [NAMES.families]: z.object({ doc_count: z.number() }) });
const Bucket = z.looseObject({ key: z.unknown(), doc_count: z.number() });
const AnyVariant = z.object({
  [NAMES.values]: z.looseObject({ buckets: z.array(Bucket) }),
  [UNMIGRATED]: z.object({ [NAMES.variants]: z.unknown() }),
});

/** The buckets of a terms answer, or undefined when it has none (stats). */
const bucketsOf = (answer: unknown) => z.looseObject({ buckets: z.array(Bucket) }).safeParse(answer).data?.buckets;

/** A nested facet's answer as a flat one: its buckets count families (`reverse_nested`). */
function flatNested(answer: unknown): unknown {
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

/**
 * A facet aggregation's answer as a flat one: a grouped one's buckets count families (`facetAgg`: nested, or read from
 * `anyVariant` and summed with the nested count of the families without it); others as they are.
 */
export function flatFacet(answer: unknown): unknown {
  const any = AnyVariant.safeParse(answer);
  if (!any.success) return flatNested(answer);
  const values = any.data[NAMES.values];
  return { ...values, buckets: sumBuckets(values.buckets, bucketsOf(flatNested(any.data[UNMIGRATED][NAMES.variants])) ?? []) };
}
