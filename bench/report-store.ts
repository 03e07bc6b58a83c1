/**
 * The measurements behind `bench/REPORT.md`, kept beside it in `bench/report.json`: each benchmark's section with the
 * run that measured it. A run of some benchmarks (`--only`) replaces their sections and keeps the others, so the
 * report stays whole and every section names its own run (commit, date, load) when it is older than the report.
 */
import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import type { Section } from './report';

/** The benchmarks in report order. */
export const SECTION_KEYS = ['query-cost', 'grouping-cost', 'cache-hit', 'hit-ratio', 'api-overhead', 'million', 'indexer'] as const;
export type SectionKey = (typeof SECTION_KEYS)[number];

const MeasuredBy = z.object({
  startedAt: z.string(),
  commit: z.string(),
  dirty: z.boolean(),
  command: z.string(),
  loadStart: z.array(z.number()),
  loadEnd: z.array(z.number()),
});
export type MeasuredBy = z.infer<typeof MeasuredBy>;

const StoredSection = z.object({
  key: z.enum(SECTION_KEYS),
  title: z.string(),
  summary: z.array(z.object({ goal: z.string(), measure: z.string(), value: z.string(), target: z.string(), met: z.boolean().optional() })),
  body: z.string(),
  measuredBy: MeasuredBy,
});
export type StoredSection = z.infer<typeof StoredSection>;

const StoredReport = z.object({ sections: z.array(StoredSection) });

/** The stored sections of `path`; none when the file does not exist yet. A malformed file is an error, not a reset. */
export function readStoredSections(path: string): StoredSection[] {
  if (!existsSync(path)) return [];
  return StoredReport.parse(JSON.parse(readFileSync(path, 'utf8'))).sections;
}

export function storedReportJson(sections: readonly StoredSection[]): string {
  return `${JSON.stringify({ sections }, null, 2)}\n`;
}

/** The previous sections with the fresh ones in place of theirs, in report order. */
export function mergeSections(previous: readonly StoredSection[], fresh: readonly StoredSection[]): StoredSection[] {
  const byKey = new Map(previous.map((s) => [s.key, s]));
  for (const s of fresh) byKey.set(s.key, s);
  return SECTION_KEYS.flatMap((key) => byKey.get(key) ?? []);
}

/** A stored section as the report renders it: older than the report's run, it says which run measured it. */
export function asSection(stored: StoredSection, reportStartedAt: string): Section {
  const { title, summary, body, measuredBy: m } = stored;
  if (m.startedAt === reportStartedAt) return { title, summary, body };
  const load = (l: number[]) => l.map((x) => x.toFixed(1)).join(' / ');
  const by = `Measured by an earlier run: \`${m.command}\` on ${m.startedAt}, commit \`${m.commit}\`${m.dirty ? ' with uncommitted changes' : ''}, load average ${load(m.loadStart)} → ${load(m.loadEnd)}.`;
  return { title, summary, body: `${by}\n\n${body}` };
}
