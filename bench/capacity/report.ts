import { summarize, type DayResult, type Sample } from './simulate';

const clock = (t: number) => `${String(Math.floor(t / 3600)).padStart(2, '0')}:${String(Math.floor((t % 3600) / 60)).padStart(2, '0')}`;
const n = (x: number, digits = 0) => x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });
const duration = (s: number) => (s < 120 ? `${n(s, s < 10 ? 1 : 0)} s` : s < 7200 ? `${n(s / 60, 1)} min` : `${n(s / 3600, 1)} h`);

/** A fixed-width table: header row, then rows, columns right-aligned except the first. */
export function table(header: string[], rows: string[][]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0))).join('  ');
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

/** Rows of the samples whose time matches `every` seconds within [from, to). */
const pick = (samples: Sample[], every: number, from = 0, to = Infinity) => samples.filter((s) => s.t >= from && s.t < to && s.t % every === 0);

/** The autoscaled deployment over time: load, backlog, freshness, replicas, search latency. */
export function timeline(result: DayResult, every: number, from = 0, to = Infinity): string {
  return table(
    ['time', 'updates/s', 'backlog', 'oldest', 'indexers', 'searches/s', 'api pods', 'api CPU', 'ES search', 'latency', 'refused'],
    pick(result.samples, every, from, to).map((s) => [
      clock(s.t),
      n(s.updatesPerSecond),
      n(s.backlog),
      duration(s.oldestAgeSeconds),
      s.indexersDesired > s.indexers ? `${s.indexers}→${s.indexersDesired}` : String(s.indexers),
      n(s.searchesPerSecond),
      s.apiDesired > s.apiReplicas ? `${s.apiReplicas}→${s.apiDesired}` : String(s.apiReplicas),
      `${n(s.cpuPercent)} %`,
      `${n(s.esUtilization * 100)} %`,
      `${n(s.latencyMs)} ms`,
      s.shedShare > 0 ? `${n(s.shedShare * 100, 1)} %` : '',
    ]),
  );
}

/**
 * Oldest unacked message and search latency of every scenario side by side: every `every` seconds while all
 * is calm, every `busyEvery` seconds while any scenario has a backlog older than 1 s or a latency ≥ 50 ms.
 */
export function comparison(results: DayResult[], every: number, busyEvery: number): string {
  const [first] = results;
  if (!first) return '';
  const busy = (t: number) => results.some((r) => r.samples.some((x) => x.t === t && (x.oldestAgeSeconds > 1 || x.latencyMs >= 50)));
  const header = ['time', 'updates/s', ...results.map((r) => `oldest: ${r.scenario}`), 'searches/s', ...results.map((r) => `latency: ${r.scenario}`)];
  const rows = first.samples.filter((s) => s.t % every === 0 || (s.t % busyEvery === 0 && busy(s.t))).map((s) => {
    const at = results.map((r) => r.samples.find((x) => x.t === s.t));
    return [clock(s.t), n(s.updatesPerSecond), ...at.map((x) => duration(x?.oldestAgeSeconds ?? 0)), n(s.searchesPerSecond), ...at.map((x) => `${n(x?.latencyMs ?? 0)} ms`)];
  });
  return table(header, rows);
}

/** Cost and quality of each scenario over the whole day. */
export function summary(results: DayResult[]): string {
  const rows = results.map(summarize).map((s) => [
    s.scenario,
    n(s.indexerReplicaHours, 1),
    n(s.searchReplicaHours, 1),
    n(s.maxBacklog),
    duration(s.freshnessP50Seconds),
    duration(s.freshnessP99Seconds),
    duration(s.freshnessMaxSeconds),
    `${n(s.updatesOlderThan60sShare * 100, 1)} %`,
    `${n(s.maxLatencyMs)} ms`,
    `${n(s.searchesSlowShare * 100, 2)} %`,
    `${n(s.searchesShedShare * 100, 2)} %`,
  ]);
  return table(['scenario', 'indexer pod-h', 'api pod-h', 'max backlog', 'fresh p50', 'fresh p99', 'fresh max', 'updates > 60 s', 'max latency', 'searches ≥ 500 ms', 'refused'], rows);
}
