import { z } from 'zod';
import { Product, type ProductView } from '@catalog/contract';
import { parseInternal } from '../internal-parse';

const Tombstone = z.object({ deleted: z.literal(true) });

/**
 * A stored product document. Documents indexed under the older, looser write rules (control characters in
 * text, non-http(s) image URLs, attribute values the admin API now refuses) stay readable: text keeps its
 * type without the write-time content rules, and an image URL or attribute map the storefront must not render
 * is left out instead of failing the whole answer.
 */
const StoredProduct = Product.extend({
  title: z.string().min(1),
  description: z.string().default(''),
  brand: z.string().min(1),
  categories: z.array(z.string().min(1)).min(1),
  imageUrl: Product.shape.imageUrl.catch(undefined),
  attributes: Product.shape.attributes.catch(undefined),
});

/**
 * A stored document → the contract's product view; undefined for a soft-delete tombstone. A document
 * that is not a valid product is a bug upstream and throws (a logged 500), not a 404.
 */
export function toProductView(source: unknown): ProductView | undefined {
  if (source === undefined || Tombstone.safeParse(source).success) return undefined;
  const product = parseInternal(StoredProduct, source, 'product document');
  const rest = z.object({ inStock: z.boolean().optional() }).safeParse(source);
  return { ...product, inStock: (rest.success ? rest.data.inStock : undefined) ?? product.stock > 0 };
}

/** Built once: zod compiles a schema's parser on its first use, so a schema made per call recompiles on every hit (~110 µs). */
const CachedProductView = StoredProduct.extend({ inStock: z.boolean() }).nullable();

/** A product view this service cached itself (null = known absent), read with the same stored-document rules. */
export function parseCachedProductView(json: string): ProductView | null {
  return parseInternal(CachedProductView, JSON.parse(json), 'cached product');
}
