import { z } from '@hono/zod-openapi';
import { INT32_MAX, Timestamp, multiLineText, singleLineText } from './field-rules';

/** SKU: the product's identity everywhere (URL path, event, Elasticsearch `_id`). */
export const ProductId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"')
  // "." and ".." are dot-segments: every URL would normalise them away, so such a product could never be read.
  .refine((s) => s !== '.' && s !== '..', 'must not be "." or ".."')
  .openapi({ example: 'SKU-000123' });
export type ProductId = z.infer<typeof ProductId>;

/** One category name; ` > ` is reserved as the path separator of facet values. */
const CategoryName = singleLineText(1, 100).refine((s) => !s.includes(' > '), 'must not contain " > "');

/** Separator of a category path facet value: `Electronics > Audio`. */
export const CATEGORY_SEPARATOR = ' > ';

const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** Attribute names become `attr.<name>` query parameters, so they stay URL- and field-name safe. */
export const AttributeName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and "_" only');

/** Bounds of a product's attributes (the index keeps them as `name=value` keywords of ≤ 200 characters). */
export const ATTRIBUTE_LIMITS = { count: 30, nameLength: 40, valueLength: 100 } as const;

const isPlainObject = (v: unknown): v is object => typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Attribute name → value. Names are user input, so every name is kept as an own property of a
 * null-prototype object: `__proto__` or `constructor` are just names (a plain record would drop
 * `__proto__` silently, and assigning it to `{}` would replace the prototype). Validated as a Map so that
 * an error names `attributes.<name>`.
 */
export const Attributes = z
  .preprocess(
    (v) => (isPlainObject(v) ? new Map(Object.entries(v)) : v),
    z.map(AttributeName, singleLineText(1, ATTRIBUTE_LIMITS.valueLength)).refine((m) => m.size <= ATTRIBUTE_LIMITS.count, `at most ${ATTRIBUTE_LIMITS.count} attributes`),
  )
  .transform((m): Record<string, string> => Object.assign(Object.create(null), Object.fromEntries(m)))
  .openapi({
    type: 'object',
    description: `Up to ${ATTRIBUTE_LIMITS.count} attributes; name ${ATTRIBUTE_LIMITS.nameLength} characters of [a-z0-9_], value 1–${ATTRIBUTE_LIMITS.valueLength} characters`,
    maxProperties: ATTRIBUTE_LIMITS.count,
    additionalProperties: { type: 'string', minLength: 1, maxLength: ATTRIBUTE_LIMITS.valueLength },
    example: { color: 'black', size: 'm' },
  });

/**
 * Bounds of product families (issue 17). A family larger than `familySize` keeps every variant searchable with
 * `group=false`; grouped search shows its first `familySize` variants (by id) as the family.
 */
export const VARIANT_LIMITS = { variantAttributes: 5, familySize: 200, variantsPerHit: 50 } as const;

/** A product as the inventory master keeps it and as every event carries it. */
export const Product = z
  .object({
    id: ProductId,
    title: singleLineText(1, 300),
    description: multiLineText(10_000).default(''),
    brand: singleLineText(1, 100),
    categories: z.array(CategoryName).min(1).max(5),
    price: z.number().nonnegative().max(1e9).refine(hasAtMostTwoDecimals, 'at most 2 decimals'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR'),
    // Elasticsearch `integer`: a bound here instead of a `long` mapping, because no shop counts 2 billion
    // units and a `long` would still need a bound at 2^53, where JSON numbers stop being exact.
    stock: z.number().int().nonnegative().max(INT32_MAX),
    rating: z.number().min(0).max(5),
    reviewCount: z.number().int().nonnegative().max(INT32_MAX),
    popularity: z.number().nonnegative(),
    // http(s) only: the storefront renders it as a link target and an image source.
    imageUrl: z.url({ protocol: /^https?$/ }).max(2048).optional(),
    attributes: Attributes.optional(),
    // Variants (issue 17): products sharing a `groupId` are one family; a product without one is its own family.
    groupId: ProductId.optional().describe('Family of variants this product belongs to; absent = a family of its own').openapi({ example: 'FAM-000042' }),
    variantAttributes: z
      .array(AttributeName)
      .max(VARIANT_LIMITS.variantAttributes)
      .refine((names) => new Set(names).size === names.length, 'names must be distinct')
      .optional()
      .describe(`Names of the attributes that vary within the family (e.g. color, size), at most ${VARIANT_LIMITS.variantAttributes}`)
      .openapi({ example: ['color', 'size'] }),
    createdAt: Timestamp,
    updatedAt: Timestamp,
  })
  .openapi('Product');
export type Product = z.infer<typeof Product>;

/** Product as served by the search API: the master record plus derived `inStock`. */
export const ProductView = Product.extend({ inStock: z.boolean() }).openapi('ProductView');
export type ProductView = z.infer<typeof ProductView>;

/** The family key of a product: its `groupId`, or the product itself when it has none. */
export function familyKey(product: Pick<Product, 'id' | 'groupId'>): string {
  return product.groupId !== undefined ? `g:${product.groupId}` : `p:${product.id}`;
}

/** Category path → facet values of every level: ["A","B"] → ["A", "A > B"]. */
export function categoryPaths(categories: readonly string[]): string[] {
  return categories.map((_, i) => categories.slice(0, i + 1).join(CATEGORY_SEPARATOR));
}
