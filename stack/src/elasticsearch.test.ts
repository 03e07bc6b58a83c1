import { mkdtempSync, readdirSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { esJavaOpts, pruneHeapDumps } from './elasticsearch';
import { stackPaths } from './paths';

describe('Elasticsearch heap dumps', () => {
  const dir = mkdtempSync(join(tmpdir(), 'heap-dumps-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('go to their own folder under .local instead of the logs folder', () => {
    expect(stackPaths.esHeapDumps.startsWith(stackPaths.local)).toBe(true);
    expect(esJavaOpts(stackPaths.esHeapDumps)).toBe(`-Xms1g -Xmx1g -XX:HeapDumpPath=${stackPaths.esHeapDumps}`);
  });

  it('only the newest is kept', async () => {
    for (const [name, age] of [['java_pid1.hprof', 300], ['java_pid2.hprof', 200], ['java_pid3.hprof', 100], ['notes.txt', 400]] as const) {
      writeFileSync(join(dir, name), 'x');
      const seconds = Date.now() / 1000 - age;
      utimesSync(join(dir, name), seconds, seconds);
    }
    expect((await pruneHeapDumps(dir)).sort()).toEqual(['java_pid1.hprof', 'java_pid2.hprof']);
    expect(readdirSync(dir).sort()).toEqual(['java_pid3.hprof', 'notes.txt']);
    expect(await pruneHeapDumps(join(dir, 'missing'))).toEqual([]);
  });
});
