import { z } from '@hono/zod-openapi';
import { Timestamp } from './field-rules';
import { Product, ProductId } from './product';

/** Topic and subscription names of the contract. */
export const TOPICS = {
  updates: 'product-updates',
  deadLetter: 'product-updates-dead-letter',
} as const;
export const SUBSCRIPTIONS = {
  indexer: 'product-updates-indexer',
  deadLetterStore: 'product-updates-dead-letter-store',
} as const;
/** Names of the topics and subscriptions one deployment uses. */
export type TopologyNames = {
  updatesTopic: string;
  deadLetterTopic: string;
  indexerSubscription: string;
  deadLetterStoreSubscription: string;
};

/** The contract's names, or copies with `-<suffix>` so that tests (or tenants) get their own. */
export function topologyNames(suffix?: string): TopologyNames {
  const s = suffix ? `-${suffix}` : '';
  return {
    updatesTopic: `${TOPICS.updates}${s}`,
    deadLetterTopic: `${TOPICS.deadLetter}${s}`,
    indexerSubscription: `${SUBSCRIPTIONS.indexer}${s}`,
    deadLetterStoreSubscription: `${SUBSCRIPTIONS.deadLetterStore}${s}`,
  };
}

/** Pub/Sub delivery attempts before a message goes to the dead-letter topic. */
export const MAX_DELIVERY_ATTEMPTS = 5;

const EventBase = z.object({
  eventId: z.uuid(),
  productId: ProductId,
  version: z.number().int().positive().max(Number.MAX_SAFE_INTEGER),
  occurredAt: Timestamp,
});

export const ProductUpserted = EventBase.extend({
  type: z.literal('product.upserted'),
  product: Product,
});
export type ProductUpserted = z.infer<typeof ProductUpserted>;

export const ProductDeleted = EventBase.extend({ type: z.literal('product.deleted') });
export type ProductDeleted = z.infer<typeof ProductDeleted>;

/** What travels on `product-updates`: the full product state or its deletion, with a per-product version. */
export const ProductEvent = z
  .discriminatedUnion('type', [ProductUpserted, ProductDeleted])
  .superRefine((e, ctx) => {
    if (e.type === 'product.upserted' && e.product.id !== e.productId) {
      ctx.addIssue({ code: 'custom', path: ['product', 'id'], message: 'must equal productId' });
    }
  });
export type ProductEvent = z.infer<typeof ProductEvent>;

/** Pub/Sub message attributes that mirror the event for routing and inspection. */
export function eventAttributes(e: Pick<ProductEvent, 'type' | 'productId' | 'version'>): Record<string, string> {
  return { type: e.type, productId: e.productId, version: String(e.version) };
}
