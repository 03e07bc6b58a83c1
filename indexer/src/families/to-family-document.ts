import { z } from 'zod';
import { familyKey as keyOf, FamilyVariantDocument, VARIANT_LIMITS, type AnyVariantFields, type FamilyFields } from '@catalog/contract';

/**
 * A products-index `_source` as the families logic reads it: a live product document (`toProductDocument`) or a
 * tombstone (`deleted: true`, no product fields). Other fields pass through to the family's top level.
 */
export const ProductSource = z.union([
  z.looseObject({ id: z.string(), deleted: z.literal(true) }),
  // A live product document holds every field a family keeps per variant (where a variant requires
  // `attributes` and `variantAttributes`, a product may lack them) plus what the family reads from it.
  z.looseObject({
    ...FamilyVariantDocument.shape,
    deleted: z.literal(false).optional(),
    attributes: FamilyVariantDocument.shape.attributes.optional(),
    variantAttributes: FamilyVariantDocument.shape.variantAttributes.optional(),
    groupId: z.string().optional(),
    categoryPaths: z.array(z.string()),
  }),
]);
export type ProductSource = z.infer<typeof ProductSource>;
type LiveProduct = Exclude<ProductSource, { deleted: true }>;

/** A families-index document: the primary variant's product document plus the family fields. */
export type FamilyDocument = LiveProduct & FamilyFields;

const isLive = (doc: ProductSource): doc is LiveProduct => doc.deleted !== true;

/** The family a products-index document belongs to now; undefined for a tombstone (it belongs to none). */
export function familyKeyOf(doc: ProductSource): string | undefined {
  return isLive(doc) ? keyOf({ id: doc.id, ...(doc.groupId !== undefined ? { groupId: doc.groupId } : {}) }) : undefined;
}

const byId = (a: { id: string }, b: { id: string }): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function toVariant(doc: LiveProduct): FamilyVariantDocument {
  return {
    id: doc.id,
    title: doc.title,
    price: doc.price,
    currency: doc.currency,
    stock: doc.stock,
    inStock: doc.inStock,
    rating: doc.rating,
    popularity: doc.popularity,
    ...(doc.imageUrl !== undefined ? { imageUrl: doc.imageUrl } : {}),
    attributes: { ...doc.attributes },
    attributePairs: doc.attributePairs,
    variantAttributes: doc.variantAttributes ?? [],
  };
}

/** What any of the variants has, each value once (`AnyVariantFields`). */
function anyVariant(variants: readonly FamilyVariantDocument[]): AnyVariantFields {
  const distinct = <T>(values: T[]): T[] => [...new Set(values)];
  return {
    price: distinct(variants.map((v) => v.price)),
    inStock: distinct(variants.map((v) => v.inStock)),
    attributePairs: distinct(variants.flatMap((v) => v.attributePairs)),
  };
}

/**
 * The families document of `key` from candidate product documents (issue 17; pure). Members are the live candidates
 * whose family is `key` (tombstones and products of other families are left out); undefined when none is left.
 * The top level is the PRIMARY member's product document (most popular, tie: lowest id), so a family of one is
 * field-for-field its product's document, except: `categoryPaths` = union over the members; `variantText` = the
 * distinct values of the varying attributes (the union of the members' `variantAttributes`); `variants` = the
 * members sorted by id, at most `VARIANT_LIMITS.familySize`; `memberIds` = every member's id, sorted; `anyVariant` =
 * what any of those variants has.
 */
export function toFamilyDocument(key: string, candidates: readonly ProductSource[]): FamilyDocument | undefined {
  const members = [...new Map(candidates.filter(isLive).filter((d) => familyKeyOf(d) === key).map((d) => [d.id, d])).values()].sort(byId);
  const primary = members.reduce<LiveProduct | undefined>((best, d) => (best === undefined || d.popularity > best.popularity ? d : best), undefined);
  if (!primary) return undefined;
  const varying = [...new Set(members.flatMap((d) => d.variantAttributes ?? []))];
  const variantText = [...new Set(members.flatMap((d) => varying.flatMap((name) => d.attributes?.[name] ?? [])))];
  const categoryPaths = [...new Set([primary, ...members].flatMap((d) => d.categoryPaths))];
  const variants = members.slice(0, VARIANT_LIMITS.familySize).map(toVariant);
  return { ...primary, categoryPaths, familyKey: key, memberIds: members.map((d) => d.id), variantText, variants, anyVariant: anyVariant(variants) };
}

/** Every family of a set of product documents (test fixtures that write products directly write these too). */
export function familyDocumentsFor(docs: readonly ProductSource[]): FamilyDocument[] {
  const groups = new Map<string, ProductSource[]>();
  for (const doc of docs) {
    const key = familyKeyOf(doc);
    if (key === undefined) continue;
    const group = groups.get(key);
    if (group) group.push(doc);
    else groups.set(key, [doc]);
  }
  return [...groups].sort(([a], [b]) => (a < b ? -1 : 1)).flatMap(([key, members]) => toFamilyDocument(key, members) ?? []);
}
