import { z } from '@hono/zod-openapi';
import { Product, ProductId, ProductView, Timestamp, VARIANT_LIMITS, toFieldErrors, type FieldError } from '@catalog/contract';

/**
 * Fields the server owns. A client may send them back as `GET` returned them (read → edit → write); they
 * are validated for shape and otherwise ignored: `version` and `updatedAt` come from the master, `inStock`
 * from `stock`. Concurrency is `If-Match`'s job, not the body's.
 */
const ServerOwned = {
  version: z.number().int().positive().optional().openapi({ description: 'Ignored (the master counts versions; use If-Match)' }),
  updatedAt: Timestamp.optional().openapi({ description: 'Ignored (the server sets it)' }),
  inStock: z.boolean().optional().openapi({ description: 'Ignored (derived from stock)' }),
};

/** `variantAttributes` as the admin API documents it: the shared field plus the rules `variantFieldErrors` adds. */
const variantAttributes = Product.shape.variantAttributes.openapi({
  description:
    `Names of the attributes that vary within the family (e.g. color, size), at most ${VARIANT_LIMITS.variantAttributes}, distinct. ` +
    'Each must be an attribute of this product (else 400 naming variantAttributes.<i>), and only a product with a groupId has them (else 400 naming variantAttributes).',
});

/**
 * What PUT accepts: a full product, or the record `GET` returned. `id` may be omitted (the path names it);
 * `createdAt` is kept from the master when the product exists and taken from the body only for a new one
 * (a migration keeps its creation dates). Unknown keys are refused.
 */
export const ProductInput = Product.omit({ createdAt: true, updatedAt: true })
  .extend({
    id: ProductId.optional(),
    createdAt: Timestamp.optional().openapi({ description: 'Used only when the product is new; the master keeps its own otherwise' }),
    variantAttributes,
    ...ServerOwned,
  })
  .strict()
  .openapi('ProductInput');
export type ProductInput = z.infer<typeof ProductInput>;

/** What PATCH accepts: any subset of the editable fields (server-owned ones are accepted and ignored). */
export const ProductPatch = Product.omit({ id: true, createdAt: true, updatedAt: true })
  .partial()
  .extend({ id: ProductId.optional(), createdAt: Timestamp.optional().openapi({ description: 'Ignored' }), variantAttributes, ...ServerOwned })
  .strict()
  .openapi('ProductPatch');

/** `GET /v1/admin/products/{id}`: the master record with its version (also sent as the ETag). */
export const ProductRecord = ProductView.extend({ version: z.number().int().positive() }).openapi('ProductRecord');

/** 202 of every accepted change: the event that will carry it to the index. */
export const Accepted = z
  .object({ eventId: z.uuid(), productId: ProductId, version: z.number().int().positive() })
  .openapi('Accepted');

/** The server-owned keys a stored product must not contain. */
export function withoutServerOwned<T extends { version?: unknown; updatedAt?: unknown; inStock?: unknown; createdAt?: unknown }>(
  input: T,
): Omit<T, 'version' | 'updatedAt' | 'inStock' | 'createdAt'> {
  const { version: _v, updatedAt: _u, inStock: _s, createdAt: _c, ...rest } = input;
  return rest;
}

/**
 * What the master adds to the shared schema (which checks each field alone): a product names only attributes it
 * has as varying (`variantAttributes`), and only a product of a family (`groupId`) has varying attributes.
 */
export function variantFieldErrors(product: Pick<Product, 'groupId' | 'variantAttributes' | 'attributes'>): FieldError[] {
  const names = product.variantAttributes ?? [];
  if (names.length > 0 && product.groupId === undefined) {
    return [{ path: 'variantAttributes', message: 'only a product with a groupId (a family) has varying attributes' }];
  }
  return names.flatMap((name, i) =>
    product.attributes !== undefined && Object.hasOwn(product.attributes, name)
      ? []
      : [{ path: `variantAttributes.${i}`, message: `names no attribute of this product (attributes has no "${name}")` }],
  );
}

/** The shared Product schema plus `variantFieldErrors`. */
export function validateProduct(value: unknown): { product: Product } | { errors: FieldError[] } {
  const parsed = Product.safeParse(value);
  if (!parsed.success) return { errors: toFieldErrors(parsed.error) };
  const errors = variantFieldErrors(parsed.data);
  return errors.length > 0 ? { errors } : { product: parsed.data };
}
