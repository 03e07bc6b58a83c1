/**
 * The benchmark report (`bench/REPORT.md`): the machine and the commit, one summary table of every ratio against
 * its target, then each benchmark's own table. Pure rendering; `bench-cli.ts` measures and writes.
 */

/** One line of the summary: a measured value against its target. `met` undefined = reported only. */
export type SummaryRow = { goal: string; measure: string; value: string; target: string; met?: boolean | undefined };

/** One benchmark's part of the report. */
export type Section = { title: string; summary: SummaryRow[]; body: string };

export type RunInfo = {
  startedAt: string;
  seconds: number;
  commit: string;
  dirty: boolean;
  machine: { cpu: string; cores: number; memoryGiB: number; loadStart: number[]; loadEnd: number[]; node: string; elasticsearch: string };
  command: string;
};

/** A markdown table; cells are escaped for pipes and newlines. */
export function table(header: readonly string[], rows: readonly (readonly (string | number)[])[]): string {
  const cell = (v: string | number) => String(v).replaceAll('|', '\\|').replaceAll('\n', ' ');
  return [`| ${header.map(cell).join(' | ')} |`, `|${header.map(() => '---').join('|')}|`, ...rows.map((r) => `| ${r.map(cell).join(' | ')} |`)].join('\n');
}

/** Rounded for reading: two decimals under 10, one under 100, none above. */
export function num(x: number): string {
  if (!Number.isFinite(x)) return '–';
  const a = Math.abs(x);
  return a < 10 ? x.toFixed(2) : a < 100 ? x.toFixed(1) : Math.round(x).toLocaleString('en-US');
}

const verdict = (met: boolean | undefined) => (met === undefined ? '—' : met ? 'yes' : '**no**');

/** The summary table alone (the README's benchmark table is this one). */
export function summaryTable(sections: readonly Section[]): string {
  return table(
    ['goal', 'measure', 'value', 'target', 'met'],
    sections.flatMap((s) => s.summary.map((r) => [r.goal, r.measure, r.value, r.target, verdict(r.met)])),
  );
}

export function renderReport(run: RunInfo, sections: readonly Section[]): string {
  const m = run.machine;
  const load = (l: number[]) => l.map((x) => x.toFixed(2)).join(' / ');
  return [
    '# Benchmark report',
    '',
    `Written by \`${run.command}\` on ${run.startedAt} (${Math.round(run.seconds / 60)} min), commit \`${run.commit}\`${run.dirty ? ' with uncommitted changes in the tree' : ''}.`,
    'Ratios compare two things measured in the same run on the same machine; absolute figures are context only.',
    'A run of some benchmarks (`--only`) keeps the other sections from `bench/report.json`; each of those names the run that measured it.',
    '',
    '## Machine',
    '',
    table(
      ['', ''],
      [
        ['CPU', `${m.cpu}, ${m.cores} cores`],
        ['memory', `${m.memoryGiB} GiB`],
        ['load average (1/5/15 min) at start', load(m.loadStart)],
        ['load average (1/5/15 min) at end', load(m.loadEnd)],
        ['Node.js', m.node],
        ['Elasticsearch', m.elasticsearch],
      ],
    ),
    '',
    'A load average above the core count means other work shared the machine: each benchmark alternates or pairs what',
    'it compares so that this noise falls on both sides, and repeats where one round can be off.',
    '',
    '## Summary',
    '',
    summaryTable(sections),
    '',
    ...sections.flatMap((s) => [`## ${s.title}`, '', s.body, '']),
  ].join('\n');
}

const START = '<!-- bench:summary:start -->';
const END = '<!-- bench:summary:end -->';

/** The README with its benchmark table (between the markers) replaced; unchanged when the markers are missing. */
export function withReadmeSummary(readme: string, run: RunInfo, sections: readonly Section[]): string {
  const from = readme.indexOf(START);
  const to = readme.indexOf(END);
  if (from < 0 || to < from) return readme;
  const block = [START, '', `From \`bench/REPORT.md\` (${run.startedAt.slice(0, 10)}, commit \`${run.commit}\`, ${run.machine.cores} cores):`, '', summaryTable(sections), '', END].join('\n');
  return readme.slice(0, from) + block + readme.slice(to + END.length);
}
