import type { Profiler } from 'node:inspector';

export type CpuProfile = Profiler.Profile;

/** Where a function lives, coarse enough to sum over: a package, our own workspace file, or a V8 pseudo-frame. */
export function frameOwner(url: string, functionName: string): string {
  if (url === '') return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg?.[1]) return pkg[1];
  if (url.startsWith('node:')) return 'node:' + (url.slice(5).split('/')[0] ?? '');
  const ours = /\/work\/main\/(.+)$/.exec(url.replace(/^file:\/\//, ''));
  return ours?.[1] ?? url;
}

type Row = { key: string; us: number };

const top = (m: Map<string, number>, n: number): Row[] =>
  [...m.entries()]
    .map(([key, us]) => ({ key, us }))
    .sort((a, b) => b.us - a.us)
    .slice(0, n);

/**
 * Self time per package and per function, and inclusive time per function (recursion counted once), from a V8 CPU
 * profile, each as µs per document over `docs`. Pure.
 */
export function profileTables(profile: CpuProfile, docs: number, n = 25): { owners: Row[]; self: Row[]; inclusive: Row[]; totalUs: number } {
  const byId = new Map(profile.nodes.map((node) => [node.id, node]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  const selfUs = new Map<number, number>();
  const samples = profile.samples ?? [];
  const deltas = profile.timeDeltas ?? [];
  // timeDeltas[i] is the time before sample i; the time a sample stands for is the gap after it.
  samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (deltas[i + 1] ?? 0)));
  const label = (node: Profiler.ProfileNode): string => {
    const f = node.callFrame;
    return `${f.functionName || '(anonymous)'} ${frameOwner(f.url, f.functionName)}:${f.lineNumber + 1}`;
  };
  const owners = new Map<string, number>();
  const self = new Map<string, number>();
  const inclusive = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const node = byId.get(id);
    if (!node) continue;
    totalUs += us;
    const owner = frameOwner(node.callFrame.url, node.callFrame.functionName);
    owners.set(owner, (owners.get(owner) ?? 0) + us);
    self.set(label(node), (self.get(label(node)) ?? 0) + us);
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const ancestor = byId.get(at);
      if (!ancestor) break;
      const key = label(ancestor);
      if (seen.has(key)) continue;
      seen.add(key);
      inclusive.set(key, (inclusive.get(key) ?? 0) + us);
    }
  }
  const perDoc = (rows: Row[]): Row[] => rows.map((r) => ({ key: r.key, us: r.us / docs }));
  return { owners: perDoc(top(owners, n)), self: perDoc(top(self, n)), inclusive: perDoc(top(inclusive, 2 * n)), totalUs: totalUs / docs };
}

/** The tables as text. */
export function summariseProfile(profile: CpuProfile, docs: number): string {
  const t = profileTables(profile, docs);
  const lines = (title: string, rows: Row[]) => [title, ...rows.map((r) => `  ${r.us.toFixed(1).padStart(7)} µs  ${r.key}`)];
  return [
    `sampled wall time ${t.totalUs.toFixed(0)} µs per document (idle included)`,
    ...lines('self time by package/file (µs per document):', t.owners),
    ...lines('self time by function:', t.self),
    ...lines('inclusive time by function:', t.inclusive),
  ].join('\n');
}
