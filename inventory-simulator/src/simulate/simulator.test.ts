import { afterEach, describe, expect, it, vi } from 'vitest';
import { pino } from 'pino';
import { ProductEvent } from '@catalog/contract';
import { generateProduct } from '../catalog/generator';
import { MasterStore } from '../store/master-store';
import { SimulationRunningError, Simulator } from './simulator';

afterEach(() => vi.useRealTimers());

describe('Simulator', () => {
  it('writes rate × duration changes of every kind, valid products only, then stops by itself', async () => {
    vi.useFakeTimers({ now: new Date('2025-07-01T00:00:00Z') });
    const store = new MasterStore(':memory:');
    store.upsertMany(Array.from({ length: 500 }, (_, i) => generateProduct(1, i)));
    store.markPublished(store.pending(1000).map((e) => e.seq));
    let wakes = 0;
    const simulator = new Simulator({ store, onAccepted: () => void (wakes += 1), log: pino({ level: 'silent' }) });
    const run = simulator.runFor({ rate: 200, durationSeconds: 10, seed: 7 });
    await vi.advanceTimersByTimeAsync(10_500);
    const status = await run;
    expect(status.running).toBe(false);
    // Each tick spends exactly its budget; an attempt on a product deleted meanwhile writes nothing.
    expect(status.published.total).toBeGreaterThan(1950);
    expect(status.published.total).toBeLessThanOrEqual(2000);
    for (const kind of ['price', 'stock_out', 'restock', 'new', 'delete', 'burst'] as const) expect(status.published[kind], kind).toBeGreaterThan(0);
    expect(store.pendingCount()).toBe(status.published.total);
    expect(wakes).toBeGreaterThan(50);
    for (const e of store.pending(3000)) expect(ProductEvent.safeParse(JSON.parse(e.data)).success).toBe(true);
    expect(() => simulator.stop()).not.toThrow();
    store.close();
  });

  it('refuses a second start while running', () => {
    vi.useFakeTimers();
    const store = new MasterStore(':memory:');
    const simulator = new Simulator({ store, onAccepted: () => undefined, log: pino({ level: 'silent' }) });
    simulator.start({ rate: 1, seed: 1 });
    expect(() => simulator.start({ rate: 1, seed: 1 })).toThrow(SimulationRunningError);
    expect(simulator.stop().running).toBe(false);
    store.close();
  });
});
