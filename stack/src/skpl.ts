/** A requirement row of SKPL.md: `| F-SRCH-01 | … |` in a requirements table. */
export type Requirement = { id: string; line: number };
/**
 * A traceability row: requirement → test file and test name; or "diukur: <nilai>" → a benchmark under
 * bench/ and the label it reports (speed targets live in benchmarks, not in timed tests); or
 * "belum terpenuhi: <alasan>".
 */
export type Trace = { id: string; status: string; file: string; test: string; line: number };

const ID = /^(?:F|NF)-[A-Z]+-\d{2}$/;
const TRACE_HEADING = /^##+\s+.*(Keterlacakan|Traceability)/i;

const cells = (line: string): string[] =>
  line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((c) => c.trim().replace(/^`|`$/g, ''));

/** Requirements defined before the traceability section and the rows of that section. Pure. */
export function parseSkpl(markdown: string): { requirements: Requirement[]; traces: Trace[] } {
  const requirements: Requirement[] = [];
  const traces: Trace[] = [];
  let inTrace = false;
  markdown.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (/^##+\s/.test(raw)) inTrace = TRACE_HEADING.test(raw) || (inTrace && /^###/.test(raw));
    if (!raw.trim().startsWith('|')) return;
    const [id, ...rest] = cells(raw);
    if (!id || !ID.test(id)) return;
    if (!inTrace) requirements.push({ id, line });
    else traces.push({ id, status: rest[0] ?? '', file: rest[1] ?? '', test: rest[2] ?? '', line });
  });
  return { requirements, traces };
}

/** Every problem with the traceability of `markdown`; `readTest` returns a test file's text or undefined. Pure. */
export function checkSkpl(markdown: string, readTest: (file: string) => string | undefined): string[] {
  const { requirements, traces } = parseSkpl(markdown);
  const problems: string[] = [];
  const defined = new Set(requirements.map((r) => r.id));
  const seen = new Map<string, number>();
  for (const r of requirements) {
    if (seen.has(r.id)) problems.push(`${r.id} defined twice (lines ${seen.get(r.id)} and ${r.line})`);
    seen.set(r.id, r.line);
  }
  for (const t of traces) {
    if (!defined.has(t.id)) problems.push(`line ${t.line}: traceability names unknown requirement ${t.id}`);
    if (/^belum/i.test(t.status)) {
      if (!/^belum terpenuhi:\s*\S/i.test(t.status)) problems.push(`line ${t.line}: ${t.id} is not met but gives no reason`);
      continue;
    }
    if (/^diukur/i.test(t.status)) {
      if (!/^diukur:\s*\S/i.test(t.status)) problems.push(`line ${t.line}: ${t.id} is measured but gives no value`);
      if (!t.file.startsWith('bench/')) problems.push(`line ${t.line}: ${t.id} is measured but names no benchmark under bench/`);
    }
    const text = readTest(t.file);
    if (text === undefined) problems.push(`line ${t.line}: ${t.id} names missing test file ${t.file}`);
    else if (!t.test || !text.includes(t.test)) problems.push(`line ${t.line}: ${t.id} names test "${t.test}" not found in ${t.file}`);
  }
  for (const r of requirements) {
    if (!traces.some((t) => t.id === r.id)) problems.push(`${r.id} (line ${r.line}) has no traceability row`);
  }
  return problems;
}
