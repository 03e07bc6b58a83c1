import { z } from 'zod';
import { Product, type ProductView } from '@catalog/contract';
import { parseInternal } from '../internal-parse';

const Tombstone = z.object({ deleted: z.literal(true) });

/**
 * A stored document → the contract's product view; undefined for a soft-delete tombstone. A document
 * that is not a valid product is a bug upstream and throws (a logged 500), not a 404.
 */
export function toProductView(source: unknown): ProductView | undefined {
  if (source === undefined || Tombstone.safeParse(source).success) return undefined;
  const product = parseInternal(Product, source, 'product document');
  const rest = z.object({ inStock: z.boolean().optional() }).safeParse(source);
  return { ...product, inStock: (rest.success ? rest.data.inStock : undefined) ?? product.stock > 0 };
}
