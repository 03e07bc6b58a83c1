import { describe, expect, it } from 'vitest';
import { Batcher, type FlushReason } from './batcher';

function recording(options: Partial<ConstructorParameters<typeof Batcher>[0]> = {}) {
  const flushes: { items: number[]; reason: FlushReason }[] = [];
  const batcher = new Batcher<number, string>(
    { maxDocs: 3, maxBytes: 1000, maxWaitMs: 20, concurrency: 1, ...options },
    async (items, reason) => {
      flushes.push({ items, reason });
      return items.map((i) => `done ${i}`);
    },
  );
  return { batcher, flushes };
}

describe('Batcher', () => {
  it('flushes when the count is reached and resolves each item with its own result', async () => {
    const { batcher, flushes } = recording();
    const results = await Promise.all([1, 2, 3].map((i) => batcher.add(i, 10)));
    expect(results).toEqual(['done 1', 'done 2', 'done 3']);
    expect(flushes).toEqual([{ items: [1, 2, 3], reason: 'docs' }]);
  });

  it('flushes on bytes before an item would overflow the batch', async () => {
    const { batcher, flushes } = recording({ maxBytes: 100 });
    await Promise.all([batcher.add(1, 60), batcher.add(2, 60)]);
    await batcher.drain();
    expect(flushes.map((f) => f.items)).toEqual([[1], [2]]);
    expect(flushes[0]?.reason).toBe('bytes');
  });

  it('flushes a partial batch after the linger time', async () => {
    const { batcher, flushes } = recording();
    expect(await batcher.add(7, 10)).toBe('done 7');
    expect(flushes).toEqual([{ items: [7], reason: 'wait' }]);
  });

  it('rejects every item of a batch whose flush failed', async () => {
    const batcher = new Batcher<number, string>({ maxDocs: 2, maxBytes: 1000, maxWaitMs: 5, concurrency: 1 }, async () => {
      throw new Error('boom');
    });
    await expect(Promise.all([batcher.add(1, 1), batcher.add(2, 1)])).rejects.toThrow('boom');
  });

  it('drain flushes what is queued and waits for running flushes', async () => {
    const { batcher, flushes } = recording({ maxWaitMs: 10_000 });
    const pending = batcher.add(1, 1);
    await batcher.drain();
    expect(flushes).toEqual([{ items: [1], reason: 'drain' }]);
    await expect(pending).resolves.toBe('done 1');
  });

  it('keeps filling the batch while every flush slot is busy, and sends it when one frees', async () => {
    const sizes: number[] = [];
    let release: () => void = () => {};
    const first = new Promise<void>((resolve) => (release = resolve));
    const batcher = new Batcher<number, number>({ maxDocs: 100, maxBytes: 100_000, maxWaitMs: 5, concurrency: 1 }, async (items) => {
      sizes.push(items.length);
      if (sizes.length === 1) await first;
      return items;
    });
    const firstItem = batcher.add(0, 1);
    await new Promise((r) => setTimeout(r, 20));
    // The only slot is busy: these ten wait well past the linger time without being cut into small batches.
    const rest = Array.from({ length: 10 }, (_, i) => batcher.add(i + 1, 1));
    await new Promise((r) => setTimeout(r, 30));
    expect(sizes).toEqual([1]);
    release();
    await Promise.all([firstItem, ...rest]);
    expect(sizes).toEqual([1, 10]);
  });

  it('never runs more flushes at once than its concurrency', async () => {
    let running = 0;
    let maxRunning = 0;
    const batcher = new Batcher<number, number>({ maxDocs: 1, maxBytes: 1000, maxWaitMs: 1, concurrency: 2 }, async (items) => {
      running += 1;
      maxRunning = Math.max(maxRunning, running);
      await new Promise((r) => setTimeout(r, 5));
      running -= 1;
      return items;
    });
    await Promise.all(Array.from({ length: 10 }, (_, i) => batcher.add(i, 1)));
    expect(maxRunning).toBe(2);
  });
});
