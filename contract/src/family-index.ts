import { z } from 'zod';

/**
 * The alias of the families index (issue 17) that belongs to a products alias: one document per product family,
 * `_id` = `familyKey`, derived by the indexer from the products index. Concrete indices are `<alias>-v<N>`.
 */
export const familiesAlias = (productsAlias: string): string => `${productsAlias}-families`;

/** One variant as the families index keeps it in the nested `variants` field (sorted by id). */
export const FamilyVariantDocument = z.object({
  id: z.string(),
  title: z.string(),
  price: z.number(),
  currency: z.string(),
  stock: z.number(),
  inStock: z.boolean(),
  rating: z.number(),
  popularity: z.number(),
  imageUrl: z.string().optional(),
  attributes: z.record(z.string(), z.string()),
  attributePairs: z.array(z.string()),
  variantAttributes: z.array(z.string()),
});
export type FamilyVariantDocument = z.infer<typeof FamilyVariantDocument>;

/**
 * What any of a family's kept variants has (`variants`), each value once: the variant-level facets count a family once
 * per value from these when no other variant-level condition applies, without joining the nested variants (issue 18:
 * at a million products the nested facets were 60 % of a browse request's time).
 */
export const AnyVariantFields = z.object({
  price: z.array(z.number()),
  inStock: z.array(z.boolean()),
  attributePairs: z.array(z.string()),
});
export type AnyVariantFields = z.infer<typeof AnyVariantFields>;

/** The field of a families document that holds `AnyVariantFields`. */
export const ANY_VARIANT = 'anyVariant';

/**
 * The family-only fields of a families document; every other top-level field is the product document of the
 * family's primary variant (most popular, tie: lowest id), except `categoryPaths` (union over the variants).
 */
export const FamilyFields = z.object({
  familyKey: z.string(),
  groupId: z.string().optional(),
  memberIds: z.array(z.string()),
  variantText: z.array(z.string()),
  variants: z.array(FamilyVariantDocument),
  [ANY_VARIANT]: AnyVariantFields,
});
export type FamilyFields = z.infer<typeof FamilyFields>;
