/** The indexer benchmark's part of the report, read from the `bench-result` line `bench/indexer-bench.ts` prints. */
import { z } from 'zod';
import { num, table, type Section } from './report';

const IndexerBenchResult = z.object({
  count: z.number(),
  directDocsPerSec: z.number(),
  indexerDocsPerSec: z.number(),
  directCpuMsPerDoc: z.number(),
  indexerCpuMsPerDoc: z.number(),
  publishPerSec: z.number(),
  freshness: z.object({ p50: z.number(), p99: z.number(), n: z.number(), rate: z.number() }),
});
export type IndexerBenchResult = z.infer<typeof IndexerBenchResult>;

/** The last `bench-result {json}` line of the benchmark's output. */
export function parseIndexerBench(output: string): IndexerBenchResult {
  const line = output
    .split('\n')
    .reverse()
    .find((l) => l.startsWith('bench-result '));
  if (!line) throw new Error('indexer-bench printed no bench-result line');
  return IndexerBenchResult.parse(JSON.parse(line.slice('bench-result '.length)));
}

export function indexerSection(r: IndexerBenchResult): Section {
  const ratio = r.indexerDocsPerSec / r.directDocsPerSec;
  const cpu = r.indexerCpuMsPerDoc / Math.max(r.directCpuMsPerDoc, 1e-9);
  return {
    title: 'Indexer against helpers.bulk (goal 6)',
    summary: [
      { goal: '6', measure: `indexer through Pub/Sub / \`helpers.bulk\` docs/s, ${r.count.toLocaleString('en-US')} products`, value: num(ratio), target: '≥ 0.8', met: ratio >= 0.8 },
      { goal: '6', measure: 'CPU time per document: indexer process / `helpers.bulk` client', value: num(cpu), target: 'reported', met: undefined },
    ],
    body: [
      '`bench/indexer-bench.ts`: the same generated products once with `helpers.bulk` straight into Elasticsearch, once published to the',
      'Pub/Sub emulator as a backlog and drained by the indexer (in the benchmark process), in the same run. CPU time is `process.cpuUsage()`',
      'of that process while each side runs (making the documents taken out of the direct side); the emulator and Elasticsearch run',
      'in their own processes on the same two cores.',
      '',
      table(
        ['side', 'docs/s', 'µs CPU per document'],
        [
          ['helpers.bulk', num(r.directDocsPerSec), num(r.directCpuMsPerDoc * 1000)],
          ['Pub/Sub → indexer', num(r.indexerDocsPerSec), num(r.indexerCpuMsPerDoc * 1000)],
        ],
      ),
      '',
      `Freshness at ${r.freshness.rate} events/s, publish → acknowledged after Elasticsearch accepted: p50 ${num(r.freshness.p50)} ms, p99 ${num(r.freshness.p99)} ms (n = ${r.freshness.n}).`,
    ].join('\n'),
  };
}
