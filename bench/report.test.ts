import { describe, expect, it } from 'vitest';
import { num, renderReport, table, withReadmeSummary, type RunInfo, type Section } from './report';

const run: RunInfo = {
  startedAt: '2026-12-01T03:00:00.000Z',
  seconds: 480,
  commit: 'abc1234',
  dirty: true,
  machine: { cpu: 'Some CPU', cores: 2, memoryGiB: 24, loadStart: [1, 2, 3], loadEnd: [4, 5, 6], node: 'v20.20.2', elasticsearch: '8.19.21' },
  command: 'npm run bench',
};
const sections: Section[] = [
  { title: 'Query cost', summary: [{ goal: '1', measure: 'relevance / baseline', value: '0.87', target: '≤ 1.5', met: true }], body: 'details' },
  { title: 'Indexer', summary: [{ goal: '6', measure: 'indexer | direct', value: '0.70', target: '≥ 0.8', met: false }], body: 'more' },
];

describe('benchmark report', () => {
  it('a table escapes pipes and newlines in cells', () => {
    expect(table(['a', 'b'], [['x|y', 'line\nbreak']])).toBe('| a | b |\n|---|---|\n| x\\|y | line break |');
  });

  it('rounds for reading', () => {
    expect([num(0.8666), num(12.34), num(1234.5), num(Number.NaN)]).toEqual(['0.87', '12.3', '1,235', '–']);
  });

  it('names the commit, the machine and the load, then one summary row per ratio with its verdict', () => {
    const md = renderReport(run, sections);
    expect(md).toContain('commit `abc1234` with uncommitted changes');
    expect(md).toContain('| CPU | Some CPU, 2 cores |');
    expect(md).toContain('| load average (1/5/15 min) at end | 4.00 / 5.00 / 6.00 |');
    expect(md).toContain('| 1 | relevance / baseline | 0.87 | ≤ 1.5 | yes |');
    expect(md).toContain('| 6 | indexer \\| direct | 0.70 | ≥ 0.8 | **no** |');
    expect(md.indexOf('## Query cost')).toBeLessThan(md.indexOf('## Indexer'));
  });

  it('replaces only the README block between the markers, and leaves a README without them alone', () => {
    const readme = 'intro\n<!-- bench:summary:start -->\nold\n<!-- bench:summary:end -->\noutro';
    const out = withReadmeSummary(readme, run, sections);
    expect(out.startsWith('intro\n<!-- bench:summary:start -->')).toBe(true);
    expect(out.endsWith('<!-- bench:summary:end -->\noutro')).toBe(true);
    expect(out).toContain('| 1 | relevance / baseline | 0.87 | ≤ 1.5 | yes |');
    expect(out).not.toContain('old');
    expect(withReadmeSummary('no markers', run, sections)).toBe('no markers');
  });
});
