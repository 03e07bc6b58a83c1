/**
 * Indexer benchmark: N generated products through Pub/Sub → indexer versus the same documents with
 * `client.helpers.bulk` straight into Elasticsearch, in one run; then freshness (publish → acked after
 * Elasticsearch accepted) at a steady publish rate. The indexer also runs once without maintaining the families
 * index (issue 17) over the same products: what the families cost in throughput and CPU.
 *
 *   npx tsx bench/indexer-bench.ts [--count 200000] [--rate 1000] [--seconds 20]
 */
import { randomUUID } from 'node:crypto';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CommonEnv, eventAttributes, loadConfig, topologyNames, type ProductEvent } from '@catalog/contract';
import { runMain } from '@catalog/contract/process';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { createEsClient } from '../indexer/src/adapters/clients';
import { toProductDocument } from '../indexer/src/bulk/to-bulk-operation';
import { loadIndexerConfig } from '../indexer/src/config';
import { createIndexer } from '../indexer/src/indexer';
import { createIndexerMetrics } from '../indexer/src/metrics';
import { deleteTopology, ensureTopology } from '../stack/src/pubsub-topology';

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

async function direct(): Promise<{ docsPerSec: number; cpuMsPerDoc: number }> {
  const alias = `bench-direct-${run}`;
  await ensureProductIndex(es, alias);
  const now = new Date();
  const started = performance.now();
  const cpu = process.cpuUsage();
  type Doc = ReturnType<typeof toProductDocument>;
  const result = await es.helpers.bulk<Doc>({
    datasource: (async function* () {
      for (let i = 0; i < count; i++) {
        const e = event(i);
        if (e.type === 'product.upserted') yield toProductDocument(e.product, e, now);
      }
    })(),
    onDocument: (doc) => ({ index: { _index: alias, _id: doc.id, version: doc.version, version_type: 'external' as const } }),
    flushBytes: 5_000_000,
    concurrency: 2,
  });
  const secondsTaken = (performance.now() - started) / 1000;
  const sendingCpuMs = cpuMs(cpu);
  // Making the documents is not the client's work (the indexer gets them made): measured alone and taken out.
  const making = process.cpuUsage();
  for (let i = 0; i < count; i++) {
    const e = event(i);
    if (e.type === 'product.upserted') toProductDocument(e.product, e, now);
  }
  const cpuMsPerDoc = Math.max(0, sendingCpuMs - cpuMs(making)) / count;
  if (result.failed > 0) console.log(`direct: ${result.failed} failed`);
  await deleteProductIndices(es, alias);
  return { docsPerSec: count / secondsTaken, cpuMsPerDoc };
}

type PipeRun = { docsPerSec: number; cpuMsPerDoc: number; publishPerSec: number; freshness: { p50: number; p99: number; n: number } };

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
    await indexer.start();
    await drained;
    const docsPerSec = count / ((performance.now() - started) / 1000);
    const cpuMsPerDoc = cpuMs(cpu) / count;

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
    return { docsPerSec, cpuMsPerDoc, publishPerSec, freshness: { p50: pct(sorted, 50), p99: pct(sorted, 99), n: sorted.length } };
  } finally {
    await deleteTopology(pubsub, names);
    await deleteProductIndices(es, alias);
  }
}

console.log(`indexer benchmark: ${count} products, freshness at ${rate}/s for ${seconds}s (ES ${esUrl}, emulator ${emulator})`);
const directRun = await direct();
const directRate = directRun.docsPerSec;
console.log(`direct helpers.bulk:      ${directRate.toFixed(0)} docs/s, ${(directRun.cpuMsPerDoc * 1000).toFixed(0)} µs CPU per document in its client`);
const productsOnly = await throughIndexer({ maintainFamilies: false, freshness: false });
const pipe = await throughIndexer({ maintainFamilies: true, freshness: true });
console.log(`publish backlog (emulator): ${pipe.publishPerSec.toFixed(0)} msgs/s (not part of the ratio)`);
console.log(`through Pub/Sub → indexer: ${pipe.docsPerSec.toFixed(0)} docs/s, ${(pipe.cpuMsPerDoc * 1000).toFixed(0)} µs CPU per document in the indexer`);
console.log(
  `products only (no families): ${productsOnly.docsPerSec.toFixed(0)} docs/s, ${(productsOnly.cpuMsPerDoc * 1000).toFixed(0)} µs CPU per document; ` +
    `with families ${(pipe.docsPerSec / productsOnly.docsPerSec).toFixed(2)}× the throughput, ${(pipe.cpuMsPerDoc / productsOnly.cpuMsPerDoc).toFixed(2)}× the CPU`,
);
console.log(`ratio indexer / direct:    ${(pipe.docsPerSec / directRate).toFixed(2)} (target ≥ 0.8)`);
console.log(`CPU per document indexer / direct: ${(pipe.cpuMsPerDoc / directRun.cpuMsPerDoc).toFixed(2)}`);
console.log(`freshness publish → acked at ${rate}/s: p50 ${pipe.freshness.p50} ms, p99 ${pipe.freshness.p99} ms (n=${pipe.freshness.n}); searchable ≤ 1 s refresh later`);
// One machine-readable line for `npm run bench` (bench/indexer-report.ts).
console.log(
  `bench-result ${JSON.stringify({ count, directDocsPerSec: directRate, indexerDocsPerSec: pipe.docsPerSec, directCpuMsPerDoc: directRun.cpuMsPerDoc, indexerCpuMsPerDoc: pipe.cpuMsPerDoc, publishPerSec: pipe.publishPerSec, productsOnlyDocsPerSec: productsOnly.docsPerSec, productsOnlyCpuMsPerDoc: productsOnly.cpuMsPerDoc, freshness: { ...pipe.freshness, rate } })}`,
);
await pubsub.close();
await es.close();
