import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SearchRecord } from '../es/analytics-store';
import type { DaySalt } from './day-salt';
import { SearchRecorder } from './search-recorder';
import { DEFAULT_SUGGESTION_RULES } from './suggestion-rules';

const recorders: SearchRecorder[] = [];
type Extra = { maxBatch?: number; maxBuffer?: number; perClient?: number; tracked?: number; daySalt?: DaySalt };
function recorder(sink: (r: SearchRecord[]) => Promise<void>, extra: Extra = {}) {
  const drops: number[] = [];
  const r = new SearchRecorder({
    sink,
    daySalt: extra.daySalt ?? (async (day) => `salt-of-${day}`),
    rules: DEFAULT_SUGGESTION_RULES,
    maxQueriesPerClientDay: extra.perClient ?? 100,
    maxTrackedPairs: extra.tracked ?? 1000,
    flushEveryMs: 60_000,
    maxBatch: extra.maxBatch ?? 100,
    maxBuffer: extra.maxBuffer ?? 1000,
    onDrop: (n) => drops.push(n),
    now: () => new Date('2025-01-01T10:00:00Z'),
  });
  recorders.push(r);
  return { r, drops };
}
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close()));
});

describe('SearchRecorder', () => {
  it('stores one record per client network (/24), query and day, with a hashed client and never the address', async () => {
    const written: SearchRecord[] = [];
    const { r } = recorder(async (b) => void written.push(...b));
    for (let i = 0; i < 300; i++) r.record('cheap pills', 3, '203.0.113.9');
    r.record('cheap pills', 3, '198.51.100.1');
    r.record('cheap pills', 3, '203.0.113.77');
    r.record('laptop', 0, '203.0.113.9');
    await r.close();
    expect(written.map((x) => x.query).sort()).toEqual(['cheap pills', 'cheap pills', 'laptop']);
    expect(written[0]).toMatchObject({ day: '2025-01-01', hits: 3, at: '2025-01-01T10:00:00.000Z' });
    expect(new Set(written.map((x) => x.id)).size).toBe(3);
    expect(JSON.stringify(written)).not.toMatch(/203\.0\.113|198\.51\.100/);
  });

  it('a client hashed under one salt is hashed again under the next (the shared salt after a local one): it is another identity', async () => {
    const written: SearchRecord[] = [];
    let salt = 'local-salt';
    const { r } = recorder(async (b) => void written.push(...b), { daySalt: async () => salt });
    r.record('laptop', 3, '203.0.113.9');
    await r.flush();
    salt = 'shared-salt';
    r.record('laptop', 3, '203.0.113.9');
    r.record('laptop', 3, '203.0.113.10');
    await r.close();
    expect(written).toHaveLength(2);
    expect(written[0]?.client).not.toBe(written[1]?.client);
    expect(written[0]?.id).not.toBe(written[1]?.id);
  });

  it('with the day’s salt settled, a search is recorded at once, as the same identity as when the salt is awaited', async () => {
    const written: SearchRecord[] = [];
    const settled: DaySalt = Object.assign(async (day: string) => `salt-of-${day}`, { settled: (day: string) => `salt-of-${day}` });
    const { r: sync } = recorder(async (b) => void written.push(...b), { daySalt: settled });
    const { r: awaited } = recorder(async (b) => void written.push(...b));
    sync.record('laptop', 3, '203.0.113.9');
    expect(sync.buffered).toBe(1);
    awaited.record('laptop', 3, '203.0.113.9');
    await Promise.all([sync.close(), awaited.close()]);
    expect(written).toHaveLength(2);
    expect(written[0]).toEqual(written[1]);
  });

  it('records no query that breaks the suggestion rules', async () => {
    const sink = vi.fn(async () => {});
    const { r } = recorder(sink);
    for (const q of ['', '<script>', 'tv\u001e', 'x'.repeat(61)]) r.record(q, 5, '203.0.113.9');
    await r.close();
    expect(sink).not.toHaveBeenCalled();
  });

  it('counts at most maxQueriesPerClientDay distinct queries of one client', async () => {
    const written: SearchRecord[] = [];
    const { r } = recorder(async (b) => void written.push(...b), { perClient: 5 });
    for (let i = 0; i < 50; i++) r.record(`query ${i}`, 1, '203.0.113.9');
    r.record('query 0', 1, '198.51.100.1');
    await r.close();
    expect(written).toHaveLength(6);
  });

  it('flushes when the batch is full and on close, each record once', async () => {
    const batches: SearchRecord[][] = [];
    const { r } = recorder(async (b) => void batches.push(b), { maxBatch: 2 });
    r.record('tv', 3, 'a');
    r.record('laptop', 0, 'a');
    r.record('phone', 9, 'a');
    await r.close();
    expect(batches.flat().map((x) => x.query)).toEqual(['tv', 'laptop', 'phone']);
  });

  it('keeps a failed batch for the next flush, bounded by maxBuffer', async () => {
    let fail = true;
    const written: SearchRecord[] = [];
    const sink = vi.fn(async (b: SearchRecord[]) => {
      if (fail) throw new Error('es down');
      written.push(...b);
    });
    const { r, drops } = recorder(sink, { maxBatch: 10, maxBuffer: 10 });
    for (let i = 0; i < 12; i++) r.record(`q${i}`, 1, 'a');
    await r.flush();
    expect(r.buffered).toBeLessThanOrEqual(10);
    expect(drops.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
    fail = false;
    await r.flush();
    expect(written.at(-1)?.query).toBe('q11');
    expect(r.buffered).toBe(0);
  });

  it('ignores records after close', async () => {
    const sink = vi.fn(async () => {});
    const { r } = recorder(sink);
    await r.close();
    r.record('late', 1, 'a');
    await r.close();
    expect(sink).not.toHaveBeenCalled();
  });
});
