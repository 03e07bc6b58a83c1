import { parseArgs } from 'node:util';
import cliProgress from 'cli-progress';
import { z } from 'zod';
import { CommonEnv, familiesAlias, loadConfig } from '@catalog/contract';
import { createLogger, runMain } from '@catalog/contract/process';
import { createEsClient, createMemcached } from '../adapters/clients';
import { bumpGeneration } from '../cache/cache-invalidator';
import { abortFamiliesRebuild, rebuildFamilies } from './rebuild-families';
import { abortReindex, reindex, type ReindexPhase } from './reindex';

const HELP = `npm run reindex -- [options]
Zero-downtime reindex of the products alias into <alias>-v<N+1> from the current mapping definition, then a
zero-downtime rebuild of its families index (<alias>-families-v<M+1>) from the products.
  --batch-size <n>                         documents per backfill page and bulk (default 2000)
  --families-only                          only rebuild the families index from the products alias
  --drop-tombstones-older-than-days <d>    leave out deletion tombstones older than d days (min 8; default: keep all)
  --abort                                  undo a crashed reindex (stop dual-writing, delete the unfinished indices)
  -h, --help
Environment: ELASTICSEARCH_URL, INDEX_ALIAS, MEMCACHED_SERVERS, WRITE_TARGETS_POLL_MS (must match the indexers').`;

const Env = CommonEnv.extend({
  WRITE_TARGETS_POLL_MS: z.coerce.number().int().min(100).max(60_000).default(1000),
  REINDEX_CATCH_UP_MARGIN_MS: z.coerce.number().int().min(0).default(120_000),
});

const { values } = parseArgs({
  options: {
    'batch-size': { type: 'string', default: '2000' },
    'drop-tombstones-older-than-days': { type: 'string' },
    abort: { type: 'boolean', default: false },
    'families-only': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  },
});
if (values.help) {
  console.log(HELP);
  process.exit(0);
}
const Flags = z.object({
  batchSize: z.coerce.number().int().min(1).max(10_000),
  // Pub/Sub keeps unacked messages for at most 7 days: an older late upsert cannot arrive any more.
  dropDays: z.coerce.number().min(8).optional(),
});
const flags = Flags.safeParse({ batchSize: values['batch-size'], dropDays: values['drop-tombstones-older-than-days'] });
if (!flags.success) {
  console.error(`reindex: invalid option: ${flags.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}\n\n${HELP}`);
  process.exit(2);
}

const env = await runMain('reindex', () => loadConfig(Env, process.env));
const log = createLogger('reindex', env.LOG_LEVEL === 'info' ? 'warn' : env.LOG_LEVEL);
const es = createEsClient(env, 120_000);

try {
  if (values.abort) {
    const deleted = [...(await abortReindex(es, env.INDEX_ALIAS, log)), ...(await abortFamiliesRebuild(es, env.INDEX_ALIAS, log))];
    console.log(deleted.length ? `aborted: deleted ${deleted.join(', ')}` : 'nothing to abort');
    process.exit(0);
  }
  const bar = new cliProgress.SingleBar(
    { format: '{phase} |{bar}| {percentage}% {value}/{total} docs {rate}/s eta {eta_formatted}', hideCursor: true },
    cliProgress.Presets.shades_classic,
  );
  let phaseStart = Date.now();
  let running = false;
  const memcached = createMemcached({ servers: env.MEMCACHED_SERVERS, timeoutMs: 250, log });
  const progress = {
    onPhase: (phase: ReindexPhase, total: number) => {
      if (running) bar.stop();
      phaseStart = Date.now();
      bar.start(Math.max(total, 1), 0, { phase: phase.padEnd(14), rate: 0 });
      running = true;
    },
    onProgress: (copied: number) => {
      const seconds = Math.max(0.001, (Date.now() - phaseStart) / 1000);
      if (copied > bar.getTotal()) bar.setTotal(copied);
      bar.update(copied, { rate: Math.round(copied / seconds) });
    },
    afterSwap: async () => {
      // Results may differ under the new mapping: make search-api drop every cached response.
      await bumpGeneration(memcached, env.INDEX_ALIAS, 250).catch((err: unknown) =>
        log.warn({ err }, 'could not bump the search cache generation; cached answers expire by their TTL'),
      );
    },
  };
  const common = {
    alias: env.INDEX_ALIAS,
    writeTargetsPollMs: env.WRITE_TARGETS_POLL_MS,
    batchSize: flags.data.batchSize,
    catchUpMarginMs: env.REINDEX_CATCH_UP_MARGIN_MS,
    sizing: { shards: env.INDEX_SHARDS, replicas: env.INDEX_REPLICAS },
    log,
    ...progress,
  };
  const url = env.ELASTICSEARCH_URL.replace(/\/+$/, '');
  const rollBack = (alias: string, from: string, to: string) =>
    `curl -XPOST ${url}/_aliases -H 'Content-Type: application/json' -d '{"actions":[{"remove":{"index":"${to}","alias":"${alias}"}},{"add":{"index":"${from}","alias":"${alias}","is_write_index":true}}]}'`;
  const report: string[] = [];
  if (!values['families-only']) {
    const result = await reindex(es, { ...common, dropTombstonesOlderThanDays: flags.data.dropDays });
    report.push(
      `Reindexed ${result.backfilled} documents (+${result.caughtUp} caught up) from ${result.from} into ${result.to}.`,
      `Alias ${env.INDEX_ALIAS} now points at ${result.to}; ${result.from} is kept for rollback.`,
      `  roll back:  ${rollBack(env.INDEX_ALIAS, result.from, result.to)}`,
      `  delete old: curl -XDELETE ${url}/${result.from}`,
    );
  }
  const families = await rebuildFamilies(es, common);
  if (running) bar.stop();
  memcached.close();
  const familiesName = familiesAlias(env.INDEX_ALIAS);
  report.push(`Rebuilt ${families.families} families from ${families.products} products into ${families.to}; alias ${familiesName} points at it.`);
  if (families.from) {
    report.push(`  roll back:  ${rollBack(familiesName, families.from, families.to)}`, `  delete old: curl -XDELETE ${url}/${families.from}`);
  }
  console.log(`\n${report.join('\n')}`);
  await es.close();
} catch (err) {
  console.error(`reindex failed: ${err instanceof Error ? err.message : String(err)}`);
  console.error('the read alias was not moved unless "alias swapped" was logged; run with --abort to clean up an unfinished index');
  process.exit(1);
}
