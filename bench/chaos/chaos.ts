/**
 * `npm run chaos`: a change stream through the whole pipeline on a private stack while the indexer is killed
 * twice (SIGKILL), Elasticsearch paused 30 s (SIGSTOP), Memcached paused 15 s and the inventory killed once;
 * then the inventory master is compared with the index.
 *
 *   npm run chaos -- [--updates 100000] [--rate 400] [--products 2000] [--timeout-s 900]
 *
 * Ports 9290 (Elasticsearch), 8095 (emulator), 11221 (Memcached), 3290/4290/4390 (the three processes);
 * data under .local/chaos/run, wiped at the start. Exit code 1 when anything diverged or a valid update was
 * left in the dead-letter store.
 */
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { stackPaths } from '../../stack/src/paths';
import { FULL_FAULTS, runChaos, type ChaosReport } from './run-chaos';

const { values } = parseArgs({
  options: {
    updates: { type: 'string', default: '100000' },
    rate: { type: 'string', default: '400' },
    products: { type: 'string', default: '2000' },
    'timeout-s': { type: 'string', default: '900' },
    'es-heap-mb': { type: 'string', default: '1024' },
  },
});
const int = (name: keyof typeof values) => {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n <= 0) {
    console.error(`--${name} must be a positive integer`);
    process.exit(2);
  }
  return n;
};

const report = await runChaos({
  name: 'run',
  products: int('products'),
  updates: int('updates'),
  rate: int('rate'),
  faults: FULL_FAULTS,
  convergeTimeoutMs: int('timeout-s') * 1000,
  ports: { elasticsearch: 9290, emulator: 8095, memcached: 11221, search: 3290, inventory: 4290, indexer: 4390 },
  esHeapMb: int('es-heap-mb'),
  progress: (line) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`),
});
await writeFile(join(stackPaths.local, 'chaos', 'run-report.json'), JSON.stringify(report, null, 2));
print(report);
const diverged = Object.values({ ...report.comparison, products: 0, examples: 0 }).reduce<number>((n, v) => n + Number(v), 0);
process.exit(diverged + report.deadLetters.valid === 0 ? 0 : 1);

function print(r: ChaosReport): void {
  const c = r.comparison;
  const secs = (ms: number | undefined) => (ms === undefined ? 'never' : `${(ms / 1000).toFixed(1)} s`);
  console.log(`
chaos run: ${r.durationS} s in all
updates:              ${r.updates.total} (${r.updates.simulated} simulated, ${r.updates.adminAccepted} admin PUT/PATCH/DELETE, ${r.updates.canary} canary) across ${r.products} products
lost:                 ${c.lost}
stale:                ${c.stale}
wrong:                ${c.wrong}
resurrected deletes:  ${c.resurrected}
unexpected ids:       ${c.unexpected}
dead letters stored:  ${r.deadLetters.stored} (valid ${r.deadLetters.valid}, poison ${r.deadLetters.poison}); valid updates recovered by the indexer: ${r.deadLetters.recoveredByIndexer}
converged after the stream: ${secs(r.convergedAfterStreamMs)}
canary freshness (admin write → search API shows it): p50 ${secs(r.canaryLagMs.p50)}, p99 ${secs(r.canaryLagMs.p99)} over ${r.canaryLagMs.changes} changes
non-200 search answers per fault window (window + 10 s), and recovery to freshness (a change made after the fault visible within 5 s):`);
  for (const w of r.windows) {
    const statuses = Object.entries(w.statuses).map(([s, n]) => `${s === '0' ? 'no answer' : s}×${n}`).join(', ');
    console.log(
      `  ${w.name.padEnd(20)} ${String(w.from).padStart(4)}–${String(w.to).padEnd(4)} s  ${String(w.non200).padStart(4)} of ${String(w.requests).padEnd(5)} ${statuses ? `(${statuses})` : ''}${w.name === 'no fault' ? '' : `  recovery ${secs(w.recoveryMs)}`}`,
    );
  }
  console.log(`peak RSS MB: ${Object.entries(r.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')}`);
  for (const d of c.examples) console.log(`  divergence: ${d.kind} ${d.id}: ${d.detail}`);
}
