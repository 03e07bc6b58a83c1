import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { asSection, mergeSections, readStoredSections, storedReportJson, type StoredSection } from './report-store';

const by = (startedAt: string) => ({ startedAt, commit: 'abc1234', dirty: false, command: 'npm run bench', loadStart: [1, 2, 3], loadEnd: [4, 5, 6] });
const section = (key: StoredSection['key'], startedAt: string, value = '1.00'): StoredSection => ({
  key,
  title: key,
  summary: [{ goal: '1', measure: key, value, target: '≤ 1.5', met: true }],
  body: `${key} body`,
  measuredBy: by(startedAt),
});

describe('stored benchmark sections', () => {
  it('a partial run replaces its own sections, keeps the others, and orders them as the report does', () => {
    const previous = [section('indexer', 'old'), section('million', 'old'), section('query-cost', 'old', '0.90')];
    const merged = mergeSections(previous, [section('query-cost', 'new', '0.80')]);
    expect(merged.map((s) => [s.key, s.measuredBy.startedAt])).toEqual([
      ['query-cost', 'new'],
      ['million', 'old'],
      ['indexer', 'old'],
    ]);
    expect(merged[0]?.summary[0]?.value).toBe('0.80');
  });

  it('a section older than the report names the run that measured it; a fresh one does not', () => {
    expect(asSection(section('million', 'then'), 'now').body).toMatch(/^Measured by an earlier run: `npm run bench` on then, commit `abc1234`, load average 1\.0 \/ 2\.0 \/ 3\.0 → 4\.0/);
    expect(asSection(section('million', 'now'), 'now').body).toBe('million body');
  });

  it('round-trips through the file and refuses a malformed one instead of starting over', () => {
    const dir = mkdtempSync(join(tmpdir(), 'report-store-'));
    const path = join(dir, 'report.json');
    expect(readStoredSections(path)).toEqual([]);
    writeFileSync(path, storedReportJson([section('indexer', 'x')]));
    expect(readStoredSections(path)).toEqual([section('indexer', 'x')]);
    writeFileSync(path, JSON.stringify({ sections: [{ key: 'nope' }] }));
    expect(() => readStoredSections(path)).toThrow();
  });
});
