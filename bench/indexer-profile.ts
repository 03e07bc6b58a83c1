/**
 * Where the indexer's CPU goes: publishes N generated products as a backlog to a private topology, then drains it
 * with `createIndexer` (products only, or with family maintenance: `--families true`) while the V8 sampling profiler runs in this process, and prints
 * the self time per function and per package plus docs/s and CPU µs per document. `--profile false` measures the
 * drain without the profiler's own overhead; `--out` keeps the `.cpuprofile` (open it in Chrome DevTools).
 *
 *   npx tsx bench/indexer-profile.ts [--count 20000] [--families false] [--profile true] [--out /tmp/indexer.cpuprofile]
 */
import { randomUUID } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import { parseArgs } from 'node:util';
import { pino } from 'pino';
import { CommonEnv, eventAttributes, loadConfig, topologyNames, type ProductEvent } from '@catalog/contract';
import { runMain } from '@catalog/contract/process';
import { createPubSubClient } from '@catalog/contract/pubsub';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { createEsClient } from '../indexer/src/adapters/clients';
import { loadIndexerConfig } from '../indexer/src/config';
import { createIndexer } from '../indexer/src/indexer';
import { createIndexerMetrics } from '../indexer/src/metrics';
import { deleteTopology, ensureTopology } from '../stack/src/pubsub-topology';
import { countGcPauses } from './gc-pauses';
import { summariseProfile } from './profile-summary';

const { values } = parseArgs({
  options: { count: { type: 'string', default: '20000' }, families: { type: 'string', default: 'false' }, profile: { type: 'string', default: 'true' }, out: { type: 'string' } },
});
const count = Number(values.count);
const profiling = values.profile !== 'false';
const env = await runMain('indexer-profile', () => loadConfig(CommonEnv, process.env));
const emulator = env.PUBSUB_EMULATOR_HOST ?? '127.0.0.1:8085';
const es = createEsClient(env, 120_000);
const pubsub = createPubSubClient({ PUBSUB_PROJECT_ID: env.PUBSUB_PROJECT_ID, PUBSUB_EMULATOR_HOST: emulator });
const run = randomUUID().slice(0, 8);
const names = topologyNames(`profile-${run}`);
const alias = `profile-${run}`;

const event = (i: number): ProductEvent => {
  const product = generateProduct(2026, i);
  return { type: 'product.upserted', eventId: randomUUID(), productId: product.id, version: 1, occurredAt: new Date().toISOString(), product };
};

await ensureTopology(pubsub, names);
await ensureProductIndex(es, alias);
try {
  const topic = pubsub.topic(names.updatesTopic, { batching: { maxMessages: 1000, maxMilliseconds: 20 } });
  for (let start = 0; start < count; start += 5000) {
    await Promise.all(
      Array.from({ length: Math.min(5000, count - start) }, (_, k) => {
        const e = event(start + k);
        return topic.publishMessage({ data: Buffer.from(JSON.stringify(e)), attributes: eventAttributes(e) });
      }),
    );
  }
  const config = loadIndexerConfig({ ...process.env, ADMIN_TOKEN: 'profile-token-profile-token', INDEX_ALIAS: alias, PUBSUB_NAME_SUFFIX: `profile-${run}`, PUBSUB_EMULATOR_HOST: emulator });
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
    maintainFamilies: values.families === 'true',
    onSettled: () => {
      settled += 1;
      if (settled === count) done();
    },
  });
  const session = new Session();
  session.connect();
  if (profiling) {
    await session.post('Profiler.enable');
    await session.post('Profiler.setSamplingInterval', { interval: 500 });
    await session.post('Profiler.start');
  }
  const started = performance.now();
  const cpu = process.cpuUsage();
  const gc = countGcPauses();
  await indexer.start();
  await drained;
  const used = process.cpuUsage(cpu);
  const pauses = await gc.stop();
  const secondsTaken = (performance.now() - started) / 1000;
  await indexer.stop();
  console.log(`drained ${count} in ${secondsTaken.toFixed(2)} s: ${(count / secondsTaken).toFixed(0)} docs/s, ${((used.user + used.system) / count).toFixed(0)} µs CPU per document (user ${(used.user / count).toFixed(0)}, system ${(used.system / count).toFixed(0)})${profiling ? ' under the profiler' : ''}`);
  console.log(`GC pauses per document: ${((pauses.minorMs * 1000) / count).toFixed(1)} µs in ${pauses.minorCount} scavenges, ${((pauses.otherMs * 1000) / count).toFixed(1)} µs in ${pauses.otherCount} other collections`);
  if (profiling) {
    const { profile } = await session.post('Profiler.stop');
    if (values.out) await writeFile(values.out, JSON.stringify(profile));
    console.log(summariseProfile(profile, count));
  }
  session.disconnect();
} finally {
  await deleteTopology(pubsub, names);
  await deleteProductIndices(es, alias);
  await pubsub.close();
  await es.close();
}
