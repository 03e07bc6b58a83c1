/**
 * A million through the pipeline: `npm run seed -- --count 1000000` against a running stack (a private one:
 * its own Elasticsearch with a bigger heap, emulator and Memcached under .local/chaos/million), the inventory
 * process relaying its outbox meanwhile, until every product is in the index at its master version. Samples
 * the resident memory of every process and reports time, docs/s, dead letters and divergences.
 *
 * `--emulator-heap-mb` sets the emulator's JVM heap cap (`-Xmx`; unset: the stack's default, half the machine's memory).
 *
 *   npx tsx bench/chaos/million.ts [--count 1000000] [--es-heap-mb 2048] [--emulator-heap-mb 12288] [--timeout-min 120]
 */
import { spawn } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { repoRoot, stackPaths } from '../../stack/src/paths';
import { compareMasterToIndex, differingFields } from './compare';
import { startPipeline } from './pipeline';
import { rssMb } from './probes';
import { readDeadLetters, readIndex, readMaster } from './read-state';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '1000000' }, 'es-heap-mb': { type: 'string', default: '2048' }, 'emulator-heap-mb': { type: 'string' }, 'timeout-min': { type: 'string', default: '120' } },
});
const count = Number(values.count);
const timeoutMs = Number(values['timeout-min']) * 60_000;
const emulatorHeapMb = values['emulator-heap-mb'] ? Number(values['emulator-heap-mb']) : undefined;
const say = (line: string) => console.log(`[${new Date().toISOString().slice(11, 19)}] ${line}`);

say(`a million through the pipeline: ${count} products on a private stack (.local/chaos/million)`);
const p = await startPipeline({
  name: 'million',
  ports: { elasticsearch: 9297, emulator: 8093, memcached: 11227, search: 3297, inventory: 4297, indexer: 4397 },
  esHeapMb: Number(values['es-heap-mb']),
  ...(emulatorHeapMb === undefined ? {} : { emulatorHeapMb }),
});
const Counter = z.object({ count: z.number() });
const docs = async (): Promise<number> => Counter.parse(await p.es.count({ index: 'products' }).catch(() => ({ count: -1 }))).count;
const indexerMetric = async (name: string): Promise<number> => {
  const text = await fetch(`${p.url('indexer')}/metrics`, { signal: AbortSignal.timeout(5000) }).then((r) => r.text(), () => '');
  return text
    .split('\n')
    .filter((line) => line.startsWith(name))
    .reduce((n, line) => n + Number(line.split(' ').at(-1) ?? 0), 0);
};

try {
  const started = Date.now();
  const log = createWriteStream(join(p.stack.root, 'logs', 'seed-cli.log'));
  const seed = spawn(process.execPath, ['--import', 'tsx', join(repoRoot, 'inventory-simulator/src/cli.ts'), 'seed', '--count', String(count), '--db', p.dbPath], { cwd: repoRoot, env: p.env, stdio: ['ignore', 'pipe', 'pipe'] });
  seed.stdout.pipe(log);
  seed.stderr.pipe(log);
  p.watch('seed-cli', seed.pid);
  let seedExit: number | null | undefined;
  let seededAt: number | undefined;
  seed.once('exit', (code) => {
    seedExit = code;
    seededAt = Date.now();
  });

  const samples: Record<string, number | undefined>[] = [];
  let done: number | undefined;
  while (Date.now() - started < timeoutMs) {
    await sleep(10_000);
    const indexed = await docs();
    const pids = { elasticsearch: p.stack.pid('elasticsearch'), emulator: p.stack.pid('emulator'), indexer: p.procs.indexer?.pid, inventory: p.procs.inventory?.pid, 'search-api': p.procs.search?.pid, 'seed-cli': seedExit === undefined ? seed.pid : undefined };
    const sample = { t: Math.round((Date.now() - started) / 1000), indexed, outbox: p.store.pendingCount(), ...Object.fromEntries(Object.entries(pids).map(([k, pid]) => [k, rssMb(pid)])) };
    samples.push(sample);
    if (samples.length % 3 === 1) say(JSON.stringify(sample));
    if (seedExit !== undefined && seedExit !== 0) throw new Error(`npm run seed exited with ${seedExit} (see ${join(p.stack.root, 'logs', 'seed-cli.log')})`);
    if (seedExit === 0 && sample.outbox === 0 && indexed >= count) {
      done = Date.now();
      break;
    }
  }
  if (done === undefined) throw new Error(`not all ${count} products indexed within ${values['timeout-min']} min`);
  const seconds = (done - started) / 1000;
  say(`all ${count} products indexed ${seconds.toFixed(0)} s after the seed started (seed itself ${(((seededAt ?? done) - started) / 1000).toFixed(0)} s)`);

  // Versions of all, fields of a sample: a million sources would not fit in this process's memory.
  const comparison = compareMasterToIndex(readMaster(p.store, false), await readIndex(p.es, 'products', true));
  const ids = Array.from({ length: 2000 }, () => p.store.liveIdAt(Math.random())).filter((id): id is string => id !== undefined);
  const got = await p.es.mget<Record<string, unknown>>({ index: 'products', ids });
  let wrongFields = 0;
  for (const doc of got.docs) {
    const master = 'found' in doc && doc.found && doc._source ? p.store.get(doc._id) : undefined;
    if (!master || !('_source' in doc) || !doc._source || differingFields(master.product, doc._source).length > 0) wrongFields += 1;
  }
  const deadLetters = await readDeadLetters(p.url('indexer'), p.token);
  const searchable = await Promise.all(ids.slice(0, 200).map((id) => fetch(`${p.url('search')}/v1/products/${id}`).then((r) => r.status, () => 0)));
  const report = {
    count,
    seconds: Math.round(seconds),
    docsPerSecond: Math.round(count / seconds),
    seedSeconds: Math.round(((seededAt ?? done) - started) / 1000),
    emulatorJvm: p.stack.emulatorJvm ?? 'JVM options of the environment',
    comparison: { ...comparison, examples: comparison.examples.slice(0, 5) },
    sampledFields: { checked: ids.length, wrong: wrongFields },
    searchApiProductGets: { asked: searchable.length, ok: searchable.filter((s) => s === 200).length },
    deadLetters,
    indexer: { received: await indexerMetric('indexer_messages_received_total'), redelivered: await indexerMetric('indexer_messages_redelivered_total'), stale: await indexerMetric('indexer_messages_acked_total{outcome="stale"}') },
    peakRssMb: { ...p.peaks },
    samples,
  };
  await writeFile(join(stackPaths.local, 'chaos', 'million-report.json'), JSON.stringify(report, null, 2));
  console.log(`
a million through the pipeline: ${count} products
time seed start → all indexed:   ${report.seconds} s (${report.docsPerSecond} docs/s end to end)
lost / stale / wrong / resurrected / unexpected: ${comparison.lost} / ${comparison.stale} / ${comparison.wrong} / ${comparison.resurrected} / ${comparison.unexpected} (versions of all; fields of ${ids.length} sampled: ${wrongFields} differ)
search API product detail:       ${report.searchApiProductGets.ok} of ${report.searchApiProductGets.asked} answered 200
dead letters:                    ${deadLetters.stored} (valid ${deadLetters.valid}, poison ${deadLetters.poison})
indexer deliveries:              ${report.indexer.received} received, ${report.indexer.redelivered} redelivered, ${report.indexer.stale} stale
peak RSS MB:                     ${Object.entries(report.peakRssMb).map(([k, v]) => `${k} ${v}`).join(', ')}`);
} finally {
  await p.stop();
}
