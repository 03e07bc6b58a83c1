/**
 * Search quality on the judged query set (issue 16): nDCG@10, precision@5, MRR, zero-result rate, Elasticsearch
 * `took` p50 and how many nonsense queries answered products, as one table.
 *
 *   npm run relevance -- [--catalog 20000] [--alias <alias>] [--reuse] [--keep] [--worst 15] [--as-typed | --synonyms <sets.json>] [--rules <rules.json>] [--ungrouped] [--build-set]
 *
 * Each run seeds its own catalog behind `relevance-<catalog>-<random>` and drops it at the end, so runs at once never
 * share one; `--keep` keeps it and prints its alias, `--reuse --alias <that alias>` searches it again without seeding
 * (`--reuse` needs `--alias`; `--alias` alone seeds that alias afresh). See `bench/run-alias.ts`.
 * `--ungrouped` searches with `group=false` (every variant its own hit) instead of one hit per product family.
 * `--as-typed` searches the text exactly as typed (no unit spellings, no synonym sets); `--synonyms` applies the
 * synonym sets of a JSON array (`SynonymSetInput`s, e.g. `bench/relevance/demo-synonyms.json`) as search-api does;
 * `--rules` the query rules of a JSON array of `{ id, rule }` (e.g. `bench/relevance/demo-rules.json`).
 * `--build-set` redraws `judged-queries.json` from the query log (after a change to the lexicon or the generator).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { CommonEnv, loadConfig, Rule, RuleInput, SynonymSetInput } from '@catalog/contract';
import { createElasticsearchClient } from '@catalog/contract/elasticsearch';
import { runMain } from '@catalog/contract/process';
import { generateCatalog } from '../../inventory-simulator/src/catalog/generator';
import { reportTable } from './evaluate';
import { staticRuleSource } from '../../search-api/src/rules/rule-source';
import { staticSynonymSource } from '../../search-api/src/synonyms/synonym-source';
import { aliasNotice, runAlias } from '../run-alias';
import { AS_TYPED, runRelevance } from './harness';
import { buildJudgedSet, REFERENCE_CATALOG, writeJudgedSet } from './query-set';

const { values: args } = parseArgs({
  options: {
    catalog: { type: 'string', default: String(REFERENCE_CATALOG.count) },
    alias: { type: 'string' },
    reuse: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    worst: { type: 'string', default: '15' },
    'build-set': { type: 'boolean', default: false },
    'as-typed': { type: 'boolean', default: false },
    ungrouped: { type: 'boolean', default: false },
    synonyms: { type: 'string' },
    rules: { type: 'string' },
  },
});

await runMain('relevance', async () => {
  if (args['build-set']) {
    const set = buildJudgedSet([...generateCatalog(REFERENCE_CATALOG)]);
    writeJudgedSet(set);
    console.log(`judged-queries.json: ${set.queries.length} queries`);
    return;
  }
  const env = loadConfig(CommonEnv, process.env);
  const es = createElasticsearchClient(env, { requestTimeoutMs: 120_000 });
  const count = Number(args.catalog);
  const alias = runAlias({ prefix: 'relevance', count, alias: args.alias, reuse: args.reuse });
  const keep = args.keep || args.reuse;
  console.log(aliasNotice(alias, { keep }));
  const synonyms = args['as-typed']
    ? AS_TYPED
    : staticSynonymSource(args.synonyms ? z.array(SynonymSetInput).parse(JSON.parse(readFileSync(args.synonyms, 'utf8'))) : []);
  const rules = args.rules
    ? z
        .array(z.object({ id: z.string(), rule: RuleInput }))
        .parse(JSON.parse(readFileSync(args.rules, 'utf8')))
        .map(({ id, rule }) => Rule.parse({ ...rule, id, version: 1, updatedAt: new Date().toISOString(), updatedBy: 'relevance' }))
    : [];
  const report = await runRelevance({
    es, alias, count, reuse: args.reuse, keep, esUrl: env.ELASTICSEARCH_URL, synonyms, rules: staticRuleSource(rules), asTyped: true, group: !args.ungrouped,
  });
  console.log(`\nworst ${args.worst} queries by nDCG@10 (grades of the first 10 hits):`);
  for (const r of [...report.perQuery].sort((a, b) => a.ndcg10 - b.ndcg10).slice(0, Number(args.worst))) {
    console.log(`  ${r.ndcg10.toFixed(2)}  ${JSON.stringify(r.query).padEnd(32)} total ${String(r.total).padStart(5)}  [${r.top.join(' ')}]`);
  }
  console.log('\nnonsense queries that answered products (total, correction):');
  for (const j of report.junk.filter((x) => x.total > 0)) console.log(`  ${JSON.stringify(j.query).padEnd(20)} ${String(j.total).padStart(6)}  ${j.correction ?? '(none)'}`);
  const r = report.recovery;
  if (r) {
    console.log(`\ndid-you-mean: ${r.zeroAsTyped} judged queries find nothing as typed; ${r.corrected} get a correction, ${r.useful} of them with a relevant product in the first 10:`);
    for (const z of r.queries) console.log(`  ${JSON.stringify(z.query).padEnd(32)} → ${z.correction ?? '(no correction)'}  rr ${z.rr.toFixed(2)}`);
  }
  const label = `${count} products${args.ungrouped ? ', ungrouped' : ''}${args['as-typed'] ? ', as typed' : ''}${args.synonyms ? `, synonyms of ${args.synonyms}` : ''}${args.rules ? `, rules of ${args.rules}` : ''}`;
  console.log(`\n${reportTable(report, label)}\n(${report.withoutRelevant} judged queries have no relevant product in this catalog)`);
});
