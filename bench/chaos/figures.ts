/**
 * Figures of a chaos run from what its probes recorded. Pure.
 */

/** One search API answer: when it was asked and its status (0 = no answer: refused or timed out). */
export type Answer = { at: number; status: number };

/** A fault and when it was active (ms epoch); answers up to `settleMs` after `to` still count for it. */
export type FaultWindow = { name: string; from: number; to: number };

export type WindowFigures = { name: string; requests: number; non200: number; statuses: Record<string, number> };

/** Answers and non-200 answers per fault window (the latest fault begun before it, while it lasts or settles), and outside all. */
export function answersByWindow(answers: readonly Answer[], windows: readonly FaultWindow[], settleMs: number): WindowFigures[] {
  const rows = [...windows.map((w) => ({ name: w.name, requests: 0, non200: 0, statuses: {} as Record<string, number> })), { name: 'no fault', requests: 0, non200: 0, statuses: {} as Record<string, number> }];
  for (const a of answers) {
    let i = -1;
    windows.forEach((w, k) => {
      if (a.at >= w.from && a.at <= w.to + settleMs && (i === -1 || w.from >= (windows[i]?.from ?? 0))) i = k;
    });
    const row = rows[i === -1 ? rows.length - 1 : i];
    if (!row) continue;
    row.requests += 1;
    if (a.status !== 200) {
      row.non200 += 1;
      row.statuses[String(a.status)] = (row.statuses[String(a.status)] ?? 0) + 1;
    }
  }
  return rows;
}

/** A probe change: when the inventory accepted it and when the search API first showed it (undefined = never). */
export type ProbeChange = { writtenAt: number; seenAt: number | undefined };

/**
 * Time from the end of a fault until the pipeline is fresh again: the first change written at or after the
 * fault's end that became visible within `boundMs`, measured to the moment it was seen. Undefined when no
 * such change was recorded.
 */
export function recoveryMs(changes: readonly ProbeChange[], faultEnd: number, boundMs: number): number | undefined {
  const fresh = changes.find((c) => c.writtenAt >= faultEnd && c.seenAt !== undefined && c.seenAt - c.writtenAt <= boundMs);
  return fresh?.seenAt === undefined ? undefined : fresh.seenAt - faultEnd;
}

/** The p-th percentile (0–100) of the visible changes' lags, ms. */
export function lagPercentile(changes: readonly ProbeChange[], p: number): number | undefined {
  const lags = changes.flatMap((c) => (c.seenAt === undefined ? [] : [c.seenAt - c.writtenAt])).sort((a, b) => a - b);
  if (lags.length === 0) return undefined;
  return lags[Math.min(lags.length - 1, Math.floor((p / 100) * lags.length))];
}
