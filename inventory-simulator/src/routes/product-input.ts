import { z } from 'zod';
import { Product, ProductId } from '@catalog/contract';

/** What PUT accepts: a full product; `id` may be omitted (the path names it), timestamps are the server's. */
export const ProductInput = Product.omit({ createdAt: true, updatedAt: true })
  .extend({ id: ProductId.optional(), createdAt: z.iso.datetime({ offset: true }).optional() })
  .strict();

/** What PATCH accepts: any subset of the editable fields. */
export const ProductPatch = Product.omit({ id: true, createdAt: true, updatedAt: true }).partial().strict();
