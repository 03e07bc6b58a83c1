/**
 * Indexer benchmark (issue 18 goal 6): the same N generated products written four ways in one run — `helpers.bulk`
 * straight into Elasticsearch with the finished product documents, and with the family documents too (the indexer's
 * full output); the indexer draining them from a Pub/Sub backlog without and with family maintenance (issue 17) —
 * then freshness (publish → acked after Elasticsearch accepted) at a steady publish rate.
 *
 *   npx tsx bench/indexer-bench.ts [--count 200000] [--rate 1000] [--seconds 20]
 */
import { randomUUID } from 'node:crypto';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CommonEnv, eventAttributes, familiesAlias, loadConfig, topologyNames, type ProductEvent } from '@catalog/contract';
import { runMain } from '@catalog/contract/process';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { createEsClient } from '../indexer/src/adapters/clients';
import { toProductDocument } from '../indexer/src/bulk/to-bulk-operation';
import { familyDocumentsFor, type FamilyDocument } from '../indexer/src/families/to-family-document';
import { loadIndexerConfig } from '../indexer/src/config';
import { createIndexer } from '../indexer/src/indexer';
import { createIndexerMetrics } from '../indexer/src/metrics';
import { deleteTopology, ensureTopology } from '../stack/src/pubsub-topology';
import { countGcPauses, type GcPauses } from './gc-pauses';
import { countProcessCpu } from './process-cpu';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '200000' }, rate: { type: 'string', default: '1000' }, seconds: { type: 'string', default: '20' } },
});
const count = Number(values.count);
const rate = Number(values.rate);
const seconds = Number(values.seconds);
const env = await runMain('indexer-bench', () => loadConfig(CommonEnv, process.env));
const esUrl = env.ELASTICSEARCH_URL;
// Always the local emulator: a benchmark must never publish to a real project.
const emulator = env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085';
const es = createEsClient(env, 120_000);
const pubsub = createPubSubClient({ PUBSUB_PROJECT_ID: env.PUBSUB_PROJECT_ID, PUBSUB_EMULATOR_HOST: emulator });
const run = randomUUID().slice(0, 8);
const SEED = 2026;

const event = (i: number, version = 1): ProductEvent => {
  const product = generateProduct(SEED, i);
  return { type: 'product.upserted', eventId: randomUUID(), productId: product.id, version, occurredAt: new Date().toISOString(), product };
};
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? NaN;

/** CPU time (user + system) of this process in ms since `from` (`process.cpuUsage` deltas). */
const cpuMs = (from: NodeJS.CpuUsage) => {
  const d = process.cpuUsage(from);
  return (d.user + d.system) / 1000;
};

/**
 * A side's products/s and CPU ms per product: its own process, and the emulator's and Elasticsearch's (null: not found
 * here); and the work Elasticsearch counted on the products and families indices per 1,000 products.
 */
type DirectRun = {
  docsPerSec: number;
  cpuMsPerDoc: number;
  /** This process's garbage-collection pauses per product: scavenges, and every other kind (`gc-pauses.ts`). */
  gcMsPerDoc: { minor: number; other: number };
  emulatorCpuMsPerDoc: number | null;
  esCpuMsPerDoc: number | null;
  esWork: EsWork;
};
type EsWork = { written: number; gets: number; searches: number; refreshes: number; merges: number };

const perDoc = (ms: number | undefined): number | null => (ms === undefined ? null : ms / count);
const gcPerDoc = (p: GcPauses) => ({ minor: p.minorMs / count, other: p.otherMs / count });

/** Elasticsearch's own counters of both indices behind `alias` (primaries), per 1,000 products of this run. */
async function esWork(alias: string): Promise<EsWork> {
  const stats = await es.indices.stats({ index: [alias, familiesAlias(alias)], metric: ['indexing', 'get', 'search', 'refresh', 'merge'] });
  const p = stats._all.primaries;
  const per1000 = (n: number | undefined) => ((n ?? 0) * 1000) / count;
  return {
    written: per1000(p?.indexing?.index_total),
    gets: per1000(p?.get?.total),
    searches: per1000(p?.search?.query_total),
    refreshes: per1000(p?.refresh?.total),
    merges: per1000(p?.merges?.total),
  };
}

/**
 * `helpers.bulk` straight into Elasticsearch: the products' documents, and with `families` also every family document
 * of those products into the families index — the same output as the indexer with family maintenance, written by a
 * client that is handed the finished documents. Docs/s and CPU count products (as the indexer's do).
 */
async function direct(o: { families: boolean }): Promise<DirectRun> {
  const alias = `bench-direct-${run}`;
  await ensureProductIndex(es, alias);
  const now = new Date();
  type Doc = ReturnType<typeof toProductDocument> | FamilyDocument;
  const make = (): Doc[] => {
    const products: ReturnType<typeof toProductDocument>[] = [];
    for (let i = 0; i < count; i++) {
      const e = event(i);
      if (e.type === 'product.upserted') products.push(toProductDocument(e.product, e, now));
    }
    return o.families ? [...products, ...familyDocumentsFor(products)] : products;
  };
  // Making the documents is not the client's work (the indexer makes its own): made before the clock starts.
  const docs = make();
  const started = performance.now();
  const cpu = process.cpuUsage();
  const gc = countGcPauses();
  const others = countProcessCpu();
  const result = await es.helpers.bulk<Doc>({
    datasource: docs,
    onDocument: (doc) =>
      'memberIds' in doc
        ? { index: { _index: familiesAlias(alias), _id: doc.familyKey } }
        : { index: { _index: alias, _id: doc.id, version: doc.version, version_type: 'external' as const } },
    flushBytes: 5_000_000,
    concurrency: 2,
  });
  const secondsTaken = (performance.now() - started) / 1000;
  const cpuMsPerDoc = cpuMs(cpu) / count;
  const otherCpu = others.stop();
  const gcMsPerDoc = gcPerDoc(await gc.stop());
  if (result.failed > 0) console.log(`direct: ${result.failed} failed`);
  const work = await esWork(alias);
  await deleteProductIndices(es, alias);
  return { docsPerSec: count / secondsTaken, cpuMsPerDoc, gcMsPerDoc, emulatorCpuMsPerDoc: perDoc(otherCpu.emulator), esCpuMsPerDoc: perDoc(otherCpu.elasticsearch), esWork: work };
}

type PipeRun = DirectRun & { publishPerSec: number; freshness: { p50: number; p99: number; n: number } };

async function throughIndexer(o: { maintainFamilies: boolean; freshness: boolean }): Promise<PipeRun> {
  const suffix = `bench-${run}`;
  const names = topologyNames(suffix);
  const alias = `bench-pipe-${run}`;
  await ensureTopology(pubsub, names);
  await ensureProductIndex(es, alias);
  const topic = pubsub.topic(names.updatesTopic, { batching: { maxMessages: 1000, maxMilliseconds: 20 } });
  try {
    // Backlog first, so the measurement is the indexer's drain rate, not the publisher's.
    const pubStart = performance.now();
    for (let start = 0; start < count; start += 5000) {
      await Promise.all(
        Array.from({ length: Math.min(5000, count - start) }, (_, k) => {
          const e = event(start + k);
          return topic.publishMessage({ data: Buffer.from(JSON.stringify(e)), attributes: eventAttributes(e) });
        }),
      );
    }
    const publishPerSec = count / ((performance.now() - pubStart) / 1000);

    const config = loadIndexerConfig({ ADMIN_TOKEN: 'bench-token-bench-token', INDEX_ALIAS: alias, PUBSUB_NAME_SUFFIX: suffix, ELASTICSEARCH_URL: esUrl, PUBSUB_EMULATOR_HOST: emulator });
    const sent = new Map<string, number>();
    const latencies: number[] = [];
    let settled = 0;
    let done: () => void = () => {};
    const drained = new Promise<void>((resolve) => (done = resolve));
    const indexer = createIndexer({
      config,
      topology: names,
      es,
      pubsub,
      memcached: undefined,
      metrics: createIndexerMetrics(),
      log: pino({ level: 'warn' }),
      maintainFamilies: o.maintainFamilies,
      onSettled: (s) => {
        settled += 1;
        const t = s.event && sent.get(s.event.eventId);
        if (t !== undefined) latencies.push(s.settledAt.getTime() - t);
        if (settled === count) done();
      },
    });
    const started = performance.now();
    // This process is the indexer now (the backlog is published): its CPU time is the indexer's, Pub/Sub client included.
    const cpu = process.cpuUsage();
    const gc = countGcPauses();
    const others = countProcessCpu();
    await indexer.start();
    await drained;
    const docsPerSec = count / ((performance.now() - started) / 1000);
    const cpuMsPerDoc = cpuMs(cpu) / count;
    const otherCpu = others.stop();
    const gcMsPerDoc = gcPerDoc(await gc.stop());
    const work = await esWork(alias);

    // Freshness at a steady rate: publish → acked (Elasticsearch accepted; visible ≤ 1 refresh later).
    const total = o.freshness ? rate * seconds : 0;
    const tickMs = 50;
    const perTick = Math.max(1, Math.round((rate * tickMs) / 1000));
    let n = 0;
    const t0 = Date.now();
    while (n < total) {
      const due = Math.min(total, Math.floor(((Date.now() - t0) / 1000) * rate) + perTick);
      const pubs: Promise<string>[] = [];
      for (; n < due; n++) {
        const e = event(n % count, 2);
        sent.set(e.eventId, Date.now());
        pubs.push(topic.publishMessage({ data: Buffer.from(JSON.stringify(e)), attributes: eventAttributes(e) }));
      }
      await Promise.all(pubs);
      await new Promise((r) => setTimeout(r, tickMs));
    }
    const deadline = Date.now() + 60_000;
    while (latencies.length < total && Date.now() < deadline) await new Promise((r) => setTimeout(r, 100));
    await indexer.stop();
    const sorted = [...latencies].sort((a, b) => a - b);
    return { docsPerSec, cpuMsPerDoc, gcMsPerDoc, emulatorCpuMsPerDoc: perDoc(otherCpu.emulator), esCpuMsPerDoc: perDoc(otherCpu.elasticsearch), esWork: work, publishPerSec, freshness: { p50: pct(sorted, 50), p99: pct(sorted, 99), n: sorted.length } };
  } finally {
    await deleteTopology(pubsub, names);
    await deleteProductIndices(es, alias);
  }
}

console.log(`indexer benchmark: ${count} products, freshness at ${rate}/s for ${seconds}s (ES ${esUrl}, emulator ${emulator})`);
const us = (ms: number | null) => (ms === null ? '?' : (ms * 1000).toFixed(0));
const line = (name: string, r: DirectRun) =>
  console.log(
    `${name.padEnd(46)} ${r.docsPerSec.toFixed(0)} products/s; µs CPU per product: own ${us(r.cpuMsPerDoc)} (GC pauses ${us(r.gcMsPerDoc.minor)} scavenges + ${us(r.gcMsPerDoc.other)} other), emulator ${us(r.emulatorCpuMsPerDoc)}, Elasticsearch ${us(r.esCpuMsPerDoc)}; ` +
      `per 1,000 products ES wrote ${r.esWork.written.toFixed(0)} docs, ${r.esWork.gets.toFixed(0)} gets, ${r.esWork.searches.toFixed(1)} searches, ${r.esWork.refreshes.toFixed(1)} refreshes, ${r.esWork.merges.toFixed(2)} merges`,
  );
const mean = (xs: readonly (number | null)[]): number | null => (xs.some((x) => x === null) ? null : xs.reduce<number>((t, x) => t + (x ?? 0), 0) / xs.length);
const meanOf = (rounds: readonly DirectRun[], pick: (w: EsWork) => number): number => rounds.reduce((t, r) => t + pick(r.esWork), 0) / rounds.length;
// Four sides, measured in the order ABCD then DCBA so that a cold JVM, merges and other load fall on each side alike;
// a side's rate is its products over its total time in both rounds (harmonic mean), its CPU the mean.
const sides = [
  { name: 'helpers.bulk, products', run: () => direct({ families: false }), rounds: [] as DirectRun[] },
  { name: 'helpers.bulk, products + family documents', run: () => direct({ families: true }), rounds: [] as DirectRun[] },
  { name: 'Pub/Sub → indexer, products only', run: () => throughIndexer({ maintainFamilies: false, freshness: false }), rounds: [] as DirectRun[] },
  { name: 'Pub/Sub → indexer, with families', run: () => throughIndexer({ maintainFamilies: true, freshness: false }), rounds: [] as DirectRun[] },
] as const;
for (const order of [sides, [...sides].reverse()]) {
  for (const side of order) {
    const r = await side.run();
    side.rounds.push(r);
    line(`${side.name} (round ${side.rounds.length})`, r);
  }
}
const [directProducts, directFamilies, productsOnly, withFamilies] = sides.map(({ name, rounds }): DirectRun => {
  const avg = (pick: (r: DirectRun) => number) => rounds.reduce((t, r) => t + pick(r), 0) / rounds.length;
  const both = {
    docsPerSec: rounds.length / rounds.reduce((t, r) => t + 1 / r.docsPerSec, 0),
    cpuMsPerDoc: avg((r) => r.cpuMsPerDoc),
    gcMsPerDoc: { minor: avg((r) => r.gcMsPerDoc.minor), other: avg((r) => r.gcMsPerDoc.other) },
    emulatorCpuMsPerDoc: mean(rounds.map((r) => r.emulatorCpuMsPerDoc)),
    esCpuMsPerDoc: mean(rounds.map((r) => r.esCpuMsPerDoc)),
    esWork: {
      written: meanOf(rounds, (w) => w.written),
      gets: meanOf(rounds, (w) => w.gets),
      searches: meanOf(rounds, (w) => w.searches),
      refreshes: meanOf(rounds, (w) => w.refreshes),
      merges: meanOf(rounds, (w) => w.merges),
    },
  };
  line(`${name} (both)`, both);
  return both;
}) as [DirectRun, DirectRun, DirectRun, DirectRun];
// Freshness at a steady rate, with families (a fifth drain, not part of the ratio).
const pipe = await throughIndexer({ maintainFamilies: true, freshness: true });
console.log(`publish backlog (emulator): ${pipe.publishPerSec.toFixed(0)} msgs/s (not part of the ratio)`);
console.log(`ratio products only: ${(productsOnly.docsPerSec / directProducts.docsPerSec).toFixed(2)}, with families: ${(withFamilies.docsPerSec / directFamilies.docsPerSec).toFixed(2)} (target ≥ 0.8)`);
console.log(`freshness publish → acked at ${rate}/s: p50 ${pipe.freshness.p50} ms, p99 ${pipe.freshness.p99} ms (n=${pipe.freshness.n}); searchable ≤ 1 s refresh later`);
// One machine-readable line for `npm run bench` (bench/indexer-report.ts).
console.log(
  `bench-result ${JSON.stringify({
    count,
    cores: availableParallelism(),
    direct: { products: directProducts, withFamilies: directFamilies },
    indexer: { products: productsOnly, withFamilies },
    publishPerSec: pipe.publishPerSec,
    freshness: { ...pipe.freshness, rate },
  })}`,
);
await pubsub.close();
await es.close();
