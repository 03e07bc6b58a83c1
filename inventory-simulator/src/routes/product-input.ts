import { z } from '@hono/zod-openapi';
import { Product, ProductId, ProductView, Timestamp } from '@catalog/contract';

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

/**
 * What PUT accepts: a full product, or the record `GET` returned. `id` may be omitted (the path names it);
 * `createdAt` is kept from the master when the product exists and taken from the body only for a new one
 * (a migration keeps its creation dates). Unknown keys are refused.
 */
export const ProductInput = Product.omit({ createdAt: true, updatedAt: true })
  .extend({
    id: ProductId.optional(),
    createdAt: Timestamp.optional().openapi({ description: 'Used only when the product is new; the master keeps its own otherwise' }),
    ...ServerOwned,
  })
  .strict()
  .openapi('ProductInput');
export type ProductInput = z.infer<typeof ProductInput>;

/** What PATCH accepts: any subset of the editable fields (server-owned ones are accepted and ignored). */
export const ProductPatch = Product.omit({ id: true, createdAt: true, updatedAt: true })
  .partial()
  .extend({ id: ProductId.optional(), createdAt: Timestamp.optional().openapi({ description: 'Ignored' }), ...ServerOwned })
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
