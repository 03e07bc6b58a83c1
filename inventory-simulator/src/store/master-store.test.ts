import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { generateProduct } from '../catalog/generator';
import { MasterStore } from './master-store';

const stores: MasterStore[] = [];
const open = (path = ':memory:') => {
  const store = new MasterStore(path);
  stores.push(store);
  return store;
};
afterEach(() => stores.splice(0).forEach((s) => s.close()));

describe('MasterStore', () => {
  it('increases the version on every change, also across a delete and a return', () => {
    const store = open();
    const p = generateProduct(1, 0);
    expect(store.upsert(p).version).toBe(1);
    expect(store.upsert({ ...p, price: 1 }).version).toBe(2);
    expect(store.delete(p.id)?.version).toBe(3);
    expect(store.get(p.id)).toBeUndefined();
    expect(store.delete(p.id)).toBeUndefined();
    expect(store.upsert(p).version).toBe(4);
    expect(store.pendingCount()).toBe(4);
  });

  it('keeps versions across a restart of the store', () => {
    const dir = mkdtempSync(join(tmpdir(), 'inventory-'));
    try {
      const p = generateProduct(1, 0);
      const first = open(join(dir, 'db.sqlite'));
      first.upsert(p);
      first.upsert(p);
      first.close();
      const second = open(join(dir, 'db.sqlite'));
      expect(second.get(p.id)?.version).toBe(2);
      expect(second.upsert(p).version).toBe(3);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('upsertMany writes all products and their events in one go', () => {
    const store = open();
    const products = Array.from({ length: 10 }, (_, i) => generateProduct(1, i));
    expect(store.upsertMany(products)).toBe(10);
    expect(store.counts()).toEqual({ live: 10, deleted: 0 });
    expect(store.pending(100).map((e) => e.event.productId)).toEqual(products.map((p) => p.id));
  });

  it('a failed batch leaves nothing behind', () => {
    const store = open();
    expect(() => store.batch(() => {
      store.upsert(generateProduct(1, 0));
      throw new Error('boom');
    })).toThrow('boom');
    expect(store.counts().live).toBe(0);
    expect(store.pendingCount()).toBe(0);
  });

  it('lists with filters and a keyset cursor', () => {
    const store = open();
    store.upsertMany(Array.from({ length: 300 }, (_, i) => generateProduct(5, i)));
    const first = store.list({ limit: 100 });
    expect(first.items).toHaveLength(100);
    const second = store.list({ limit: 100, cursor: first.nextCursor });
    expect((second.items[0]?.id ?? '') > (first.items[99]?.id ?? '')).toBe(true);
    const third = store.list({ limit: 100, cursor: second.nextCursor });
    expect(third.nextCursor).toBeUndefined();

    const sample = first.items[0]?.product;
    if (!sample) throw new Error('no product');
    const byBrand = store.list({ limit: 500, brand: sample.brand.toUpperCase() });
    expect(byBrand.items.every((i) => i.product?.brand === sample.brand)).toBe(true);
    const top = sample.categories[0] ?? '';
    const byCategory = store.list({ limit: 500, category: top });
    expect(byCategory.items.length).toBeGreaterThan(0);
    expect(byCategory.items.every((i) => i.product?.categories[0] === top)).toBe(true);
    expect(store.list({ limit: 500, category: top.slice(0, 3) }).items).toHaveLength(0);
    const word = sample.title.split(' ')[1] ?? '';
    expect(store.list({ limit: 500, q: word.toLowerCase() }).items.some((i) => i.id === sample.id)).toBe(true);
    expect(store.list({ limit: 5, q: '100%_' }).items).toHaveLength(0);

    store.delete(sample.id);
    expect(store.list({ limit: 500, deleted: 'true' }).items).toEqual([expect.objectContaining({ id: sample.id, deleted: true })]);
    expect(store.list({ limit: 500, deleted: 'any' }).items).toHaveLength(300);
  });

  it('picks live ids anywhere in the table, and recent events newest first', () => {
    const store = open();
    expect(store.liveIdAt(0.5)).toBeUndefined();
    store.upsertMany(Array.from({ length: 20 }, (_, i) => generateProduct(1, i)));
    store.delete('SKU-0000020');
    expect(store.liveIdAt(0.999)).toBe('SKU-0000001'); // wraps to the start past the last live row
    expect(store.liveIdAt(0)).toBe('SKU-0000001');
    const recent = store.recentEvents(2);
    expect(recent.map((e) => e.type)).toEqual(['product.deleted', 'product.upserted']);
    expect(recent[0]?.publishedAt).toBeNull();
  });

  it('prunes published events beyond the retention, never pending ones', () => {
    const store = open();
    store.upsertMany(Array.from({ length: 10 }, (_, i) => generateProduct(1, i)));
    store.markPublished(store.pending(5).map((e) => e.seq));
    expect(store.prunePublished(2)).toBe(5);
    expect(store.pendingCount()).toBe(5);
    expect(store.recentEvents(100)).toHaveLength(5);
  });
});
