import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRecord } from '../es/es-gateway';
import { SearchRecorder } from './search-recorder';
import { buildPopularPrefixRequest, buildTopQueriesRequest, mapTopQueries } from './top-queries';

const recorders: SearchRecorder[] = [];
function recorder(sink: (r: SearchRecord[]) => Promise<void>, extra: { maxBatch?: number; maxBuffer?: number } = {}) {
  const drops: number[] = [];
  const r = new SearchRecorder({
    sink,
    flushEveryMs: 60_000,
    maxBatch: extra.maxBatch ?? 100,
    maxBuffer: extra.maxBuffer ?? 1000,
    onDrop: (n) => drops.push(n),
    now: () => new Date('2025-01-01T00:00:00Z'),
  });
  recorders.push(r);
  return { r, drops };
}
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close()));
});

describe('SearchRecorder', () => {
  it('flushes when the batch is full and on close, each record once', async () => {
    const batches: SearchRecord[][] = [];
    const { r } = recorder(async (b) => void batches.push(b), { maxBatch: 2 });
    r.record('tv', 3);
    r.record('laptop', 0);
    r.record('phone', 9);
    await r.close();
    expect(batches.flat().map((x) => x.query)).toEqual(['tv', 'laptop', 'phone']);
    expect(batches[0]?.[1]).toEqual({ query: 'laptop', hits: 0, at: '2025-01-01T00:00:00.000Z' });
  });

  it('keeps a failed batch for the next flush, bounded by maxBuffer', async () => {
    let fail = true;
    const written: SearchRecord[] = [];
    const sink = vi.fn(async (b: SearchRecord[]) => {
      if (fail) throw new Error('es down');
      written.push(...b);
    });
    const { r, drops } = recorder(sink, { maxBatch: 10, maxBuffer: 10 });
    for (let i = 0; i < 12; i++) r.record(`q${i}`, 1);
    await r.flush();
    expect(r.buffered).toBeLessThanOrEqual(10);
    expect(drops.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    fail = false;
    await r.flush();
    expect(written.at(-1)?.query).toBe('q11');
    expect(r.buffered).toBe(0);
  });

  it('ignores empty queries and records after close', async () => {
    const sink = vi.fn(async () => {});
    const { r } = recorder(sink);
    r.record('', 1);
    await r.close();
    r.record('late', 1);
    await r.close();
    expect(sink).not.toHaveBeenCalled();
  });
});

describe('top queries', () => {
  it('restricts no-result lists to hits = 0 and autocomplete to found queries with the prefix', () => {
    expect(JSON.stringify(buildTopQueriesRequest({ limit: 5, windowHours: 24, noResults: true }))).toContain('{"term":{"hits":0}}');
    expect(JSON.stringify(buildTopQueriesRequest({ limit: 5, windowHours: 24, noResults: false }))).not.toContain('"hits":0');
    const ac = JSON.stringify(buildPopularPrefixRequest({ prefix: 'so', limit: 3, windowHours: 24 }));
    expect(ac).toContain('{"prefix":{"query":"so"}}');
    expect(ac).toContain('"gt":0');
    expect(ac).toContain('now-24h');
  });
  it('maps buckets, and a missing index to an empty list', () => {
    expect(mapTopQueries({ aggregations: { top: { buckets: [{ key: 'tv', doc_count: 4 }] } } })).toEqual([{ query: 'tv', count: 4 }]);
    expect(mapTopQueries({ hits: { hits: [] } })).toEqual([]);
  });
});
