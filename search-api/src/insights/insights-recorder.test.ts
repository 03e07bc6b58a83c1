import { afterEach, describe, expect, it } from 'vitest';
import type { InsightsDoc } from '../es/insights-store';
import type { StoredEvent } from './insights-event';
import { hashUserToken, InsightsRecorder } from './insights-recorder';

const QID = (n: number) => n.toString(16).padStart(32, '0');
const click = (queryID: string): StoredEvent => ({
  type: 'click',
  eventName: 'Hit Clicked',
  index: 'products',
  userToken: 'user-1',
  queryID,
  objectIDs: ['SKU-1'],
  positions: [3],
  at: '2026-12-01T12:00:00.000Z',
});

/** A store in memory: what was written, and searches other instances already stored. */
function memoryStore(storedElsewhere: Record<string, string> = {}) {
  const written: InsightsDoc[] = [];
  return {
    written,
    failWrites: false,
    async write(docs: InsightsDoc[]) {
      if (this.failWrites) throw new Error('down');
      written.push(...docs);
    },
    async queriesOf(ids: string[]) {
      return new Map(ids.flatMap((id) => (storedElsewhere[id] ? [[id, storedElsewhere[id]] as const] : [])));
    },
  };
}

const recorders: InsightsRecorder[] = [];
const recorder = (store: ReturnType<typeof memoryStore>, o: { maxBuffer?: number } = {}) => {
  const r = new InsightsRecorder({ store, flushEveryMs: 60_000, maxBuffer: o.maxBuffer ?? 100, maxRemembered: 2, resolveAttempts: 2 });
  recorders.push(r);
  return r;
};
afterEach(async () => {
  await Promise.all(recorders.splice(0).map((r) => r.close()));
});

describe('InsightsRecorder', () => {
  it('stores a click with the query of the search this instance answered; tokens are hashed', async () => {
    const store = memoryStore();
    const r = recorder(store);
    r.searched({ queryID: QID(1), query: 'tv', index: 'products', nbHits: 12, userToken: 'user-1' });
    r.accept([click(QID(1))]);
    await r.flush();
    expect(store.written).toMatchObject([
      { type: 'search', queryID: QID(1), query: 'tv', nbHits: 12, userToken: hashUserToken('user-1') },
      { type: 'click', queryID: QID(1), query: 'tv', positions: [3], userToken: hashUserToken('user-1') },
    ]);
    expect(JSON.stringify(store.written)).not.toContain('user-1');
  });

  it('a click on a search another instance answered waits for that search to be stored, then gets its query', async () => {
    const elsewhere: Record<string, string> = {};
    const store = memoryStore(elsewhere);
    const r = recorder(store);
    r.accept([click(QID(2))]);
    await r.flush();
    expect(store.written).toEqual([]);
    elsewhere[QID(2)] = 'radio';
    await r.flush();
    expect(store.written).toMatchObject([{ type: 'click', query: 'radio' }]);
  });

  it('an unknown queryID is kept without query after the attempts, not lost', async () => {
    const store = memoryStore();
    const r = recorder(store);
    r.accept([click(QID(3))]);
    await r.flush();
    await r.flush();
    expect(store.written).toHaveLength(1);
    expect(store.written[0]).not.toHaveProperty('query');
  });

  it('keeps a failed batch for the next flush, bounded; drops past the bound', async () => {
    const store = memoryStore();
    const dropped: number[] = [];
    const r = new InsightsRecorder({ store, flushEveryMs: 60_000, maxBuffer: 2, maxRemembered: 10, resolveAttempts: 1, onDrop: (n) => dropped.push(n), onError: () => {} });
    recorders.push(r);
    store.failWrites = true;
    r.accept([{ ...click(QID(4)), queryID: undefined }, { ...click(QID(5)), queryID: undefined }, { ...click(QID(6)), queryID: undefined }]);
    await r.flush();
    expect(r.buffered).toBe(2);
    expect(dropped).toEqual([1]);
    store.failWrites = false;
    await r.flush();
    expect(store.written).toHaveLength(2);
  });

  it('remembers a bounded number of searches', async () => {
    const store = memoryStore();
    const r = recorder(store);
    for (const n of [7, 8, 9]) r.searched({ queryID: QID(n), query: `q${n}`, index: 'products', nbHits: 1 });
    r.accept([click(QID(7)), click(QID(9))]);
    await r.close();
    const clicks = store.written.filter((d) => d.type === 'click');
    expect(clicks.map((c) => c.query)).toEqual(['q9', undefined]);
  });
});
