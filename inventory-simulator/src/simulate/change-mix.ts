import type { Product } from '@catalog/contract';
import { shopPrice } from '../catalog/generator';
import { intBetween, logNormal, pickWeighted, type Rng } from '../catalog/random';

/** Kinds of change the simulator makes; `burst` is a run of sales and repricing on one hot product. */
export const CHANGE_KINDS = ['price', 'stock_out', 'restock', 'new', 'delete', 'burst'] as const;
export type ChangeKind = (typeof CHANGE_KINDS)[number];

/** Share of each kind among single changes; a burst emits several events at once, so its share is small. */
export type ChangeMix = Record<ChangeKind, number>;

/** A day in a shop: mostly repricing and stock movements, some new products, few removals. */
export const DEFAULT_MIX: ChangeMix = { price: 0.45, stock_out: 0.12, restock: 0.15, new: 0.12, delete: 0.04, burst: 0.02 };

/** Pick the next kind of change. */
export const chooseKind = (rng: Rng, mix: ChangeMix = DEFAULT_MIX): ChangeKind => pickWeighted(rng, CHANGE_KINDS, (k) => mix[k]);

/** A repricing: usually a few percent either way, sometimes a sale (−15…−35 %), never below $0.99. */
export function repriced(rng: Rng, price: number): number {
  const factor = rng() < 0.15 ? 1 - (0.15 + 0.2 * rng()) : logNormal(rng, 1, 0.08);
  return Math.max(0.99, shopPrice(price * factor));
}

/** Restocked quantity: a delivery, log-normal around two dozen units. */
export const restocked = (rng: Rng): number => Math.max(1, Math.round(logNormal(rng, 24, 0.8)));

/** The product after a change of `kind` (not for `new`/`delete`, which the simulator handles). */
export function changed(kind: Exclude<ChangeKind, 'new' | 'delete'>, product: Product, rng: Rng, now: Date): Product {
  const updatedAt = now.toISOString();
  switch (kind) {
    case 'price':
      return { ...product, price: repriced(rng, product.price), updatedAt };
    case 'stock_out':
      return { ...product, stock: 0, updatedAt };
    case 'restock':
      return { ...product, stock: product.stock + restocked(rng), updatedAt };
    case 'burst': {
      // A hot product sells a few units at a time, and now and then its price moves with demand.
      const sold = Math.min(product.stock, intBetween(rng, 1, 3));
      const price = rng() < 0.2 ? repriced(rng, product.price) : product.price;
      const popularity = Math.round((product.popularity + sold) * 100) / 100;
      return { ...product, stock: product.stock - sold, price, popularity, updatedAt };
    }
  }
}
