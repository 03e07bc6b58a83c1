import { z } from '@hono/zod-openapi';

/** SKU: the product's identity everywhere (URL path, event, Elasticsearch `_id`). */
export const ProductId = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9._-]+$/, 'only letters, digits, ".", "_" and "-"')
  .openapi({ example: 'SKU-000123' });
export type ProductId = z.infer<typeof ProductId>;

/** One category name; ` > ` is reserved as the path separator of facet values. */
const CategoryName = z
  .string()
  .trim()
  .min(1)
  .max(100)
  .refine((s) => !s.includes(' > '), 'must not contain " > "');

/** Separator of a category path facet value: `Electronics > Audio`. */
export const CATEGORY_SEPARATOR = ' > ';

const hasAtMostTwoDecimals = (n: number): boolean => Math.abs(n * 100 - Math.round(n * 100)) < 1e-6;

/** Attribute names become `attr.<name>` query parameters, so they stay URL- and field-name safe. */
export const AttributeName = z
  .string()
  .min(1)
  .max(40)
  .regex(/^[a-z0-9_]+$/, 'lowercase letters, digits and "_" only');

/** A product as the inventory master keeps it and as every event carries it. */
export const Product = z
  .object({
    id: ProductId,
    title: z.string().trim().min(1).max(300),
    description: z.string().max(10_000).default(''),
    brand: z.string().trim().min(1).max(100),
    categories: z.array(CategoryName).min(1).max(5),
    price: z.number().nonnegative().max(1e9).refine(hasAtMostTwoDecimals, 'at most 2 decimals'),
    currency: z.string().regex(/^[A-Z]{3}$/, 'ISO 4217 code, e.g. EUR'),
    stock: z.number().int().nonnegative(),
    rating: z.number().min(0).max(5),
    reviewCount: z.number().int().nonnegative(),
    popularity: z.number().nonnegative(),
    imageUrl: z.url().max(2048).optional(),
    attributes: z
      .record(AttributeName, z.string().trim().min(1).max(100))
      .refine((a) => Object.keys(a).length <= 30, 'at most 30 attributes')
      .optional(),
    createdAt: z.iso.datetime({ offset: true }),
    updatedAt: z.iso.datetime({ offset: true }),
  })
  .openapi('Product');
export type Product = z.infer<typeof Product>;

/** Product as served by the search API: the master record plus derived `inStock`. */
export const ProductView = Product.extend({ inStock: z.boolean() }).openapi('ProductView');
export type ProductView = z.infer<typeof ProductView>;

/** Category path → facet values of every level: ["A","B"] → ["A", "A > B"]. */
export function categoryPaths(categories: readonly string[]): string[] {
  return categories.map((_, i) => categories.slice(0, i + 1).join(CATEGORY_SEPARATOR));
}
