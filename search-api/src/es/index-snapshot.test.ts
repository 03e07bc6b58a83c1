import { describe, expect, it } from 'vitest';
import type { Client } from '@elastic/elasticsearch';
import { z } from 'zod';
import { createIndexSnapshotReader } from './index-snapshot';

/** A client whose search answers the given ids (or fails), counting calls. */
function fakeClient(answers: (() => string[])[]) {
  let calls = 0;
  const client = {
    search: async () => {
      const answer = answers[Math.min(calls++, answers.length - 1)];
      const ids = answer?.() ?? [];
      return { hits: { hits: ids.map((id) => ({ _source: { id } })) } };
    },
  } as unknown as Client;
  return { client, calls: () => calls };
}

describe('index snapshot reader', () => {
  it('waits for the first read only; later refreshes run behind the last snapshot; failures keep it', async () => {
    let t = 0;
    const { client, calls } = fakeClient([() => ['a'], () => ['a', 'b'], () => { throw new Error('down'); }]);
    const read = createIndexSnapshotReader({ client, index: 'x', schema: z.object({ id: z.string() }), max: 10, refreshMs: 1000, now: () => t });
    expect((await read()).items).toEqual([{ id: 'a' }]);
    t = 500;
    expect((await read()).items).toEqual([{ id: 'a' }]);
    expect(calls()).toBe(1);
    t = 1500;
    expect((await read()).items).toEqual([{ id: 'a' }]);
    await new Promise((r) => setTimeout(r, 0));
    expect((await read()).items).toEqual([{ id: 'a' }, { id: 'b' }]);
    t = 3000;
    await read();
    await new Promise((r) => setTimeout(r, 0));
    expect((await read()).items).toEqual([{ id: 'a' }, { id: 'b' }]);
    expect(calls()).toBe(3);
  });

  it('skips items that fail the schema; the version changes with the items', async () => {
    const { client } = fakeClient([() => ['a']]);
    const bad = { search: async () => ({ hits: { hits: [{ _source: { id: 1 } }, { _source: { id: 'b' } }] } }) } as unknown as Client;
    const read = createIndexSnapshotReader({ client: bad, index: 'x', schema: z.object({ id: z.string() }), max: 10, refreshMs: 0 });
    const snap = await read();
    expect(snap.items).toEqual([{ id: 'b' }]);
    const other = await createIndexSnapshotReader({ client, index: 'x', schema: z.object({ id: z.string() }), max: 10, refreshMs: 0 })();
    expect(other.version).not.toBe(snap.version);
  });
});
