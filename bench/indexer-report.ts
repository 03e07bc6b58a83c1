/** The indexer benchmark's part of the report, read from the `bench-result` line `bench/indexer-bench.ts` prints. */
import { z } from 'zod';
import { num, table, type Section } from './report';

/** Elasticsearch's own counters of the products and families indices per 1,000 products. */
const EsWork = z.object({ written: z.number(), gets: z.number(), searches: z.number(), refreshes: z.number(), merges: z.number() });
const Rate = z.object({
  docsPerSec: z.number(),
  cpuMsPerDoc: z.number(),
  /** Garbage-collection pauses of the side's process per product: scavenges and every other kind (`gc-pauses.ts`). */
  gcMsPerDoc: z.object({ minor: z.number(), other: z.number() }),
  emulatorCpuMsPerDoc: z.number().nullable(),
  esCpuMsPerDoc: z.number().nullable(),
  esWork: EsWork,
});
type Rate = z.infer<typeof Rate>;
/** CPU ms per product of the whole path: the side's process, the emulator (0 for helpers.bulk) and Elasticsearch. */
const pathCpu = (r: Rate): number | undefined => (r.esCpuMsPerDoc === null || r.emulatorCpuMsPerDoc === null ? undefined : r.cpuMsPerDoc + r.emulatorCpuMsPerDoc + r.esCpuMsPerDoc);
const us = (ms: number | null | undefined): string => (ms === null || ms === undefined ? '—' : num(ms * 1000));
const Output = z.object({ products: Rate, withFamilies: Rate });
const IndexerBenchResult = z.object({
  count: z.number(),
  /** Cores of the machine (`os.availableParallelism()`): a CPU-bound drain runs at cores × 10⁶ / whole-path µs. */
  cores: z.number().int().positive(),
  direct: Output,
  indexer: Output,
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

const gcMs = (rate: Rate): number => rate.gcMsPerDoc.minor + rate.gcMsPerDoc.other;

/** How much of the indexer process's extra CPU per product over the client's is garbage collection. */
function gcShare(r: IndexerBenchResult, outputs: readonly { key: 'products' | 'withFamilies'; what: string }[]): string[] {
  return outputs.map(({ key, what }) => {
    const extra = r.indexer[key].cpuMsPerDoc - r.direct[key].cpuMsPerDoc;
    return `${what}: the indexer process spends ${us(extra)} µs CPU per product more than the client; ${us(gcMs(r.indexer[key]) - gcMs(r.direct[key]))} µs of it are GC pauses.`;
  });
}

/**
 * What the CPU allows: all processes share the cores, so a drain that keeps them busy runs at cores × 10⁶ / whole-path
 * µs per product; and the ratio left if the indexer process cost no more than the `helpers.bulk` client (the rest is the
 * emulator's and Elasticsearch's share).
 */
function cpuBound(r: IndexerBenchResult, outputs: readonly { key: 'products' | 'withFamilies'; what: string }[]): string[] {
  return outputs.flatMap(({ key, what }) => {
    const ours = pathCpu(r.indexer[key]);
    const theirs = pathCpu(r.direct[key]);
    if (ours === undefined || theirs === undefined) return [];
    const predicted = (ms: number) => num((r.cores * 1000) / ms);
    const leanest = theirs / (ours - r.indexer[key].cpuMsPerDoc + r.direct[key].cpuMsPerDoc);
    return [
      `CPU-bound, ${what}: ${r.cores} cores predict ${predicted(theirs)} products/s for \`helpers.bulk\` (measured ${num(r.direct[key].docsPerSec)}) and ` +
        `${predicted(ours)} for the indexer (measured ${num(r.indexer[key].docsPerSec)}); an indexer process as cheap as the client would reach ${num(leanest)}.`,
    ];
  });
}

export function indexerSection(r: IndexerBenchResult): Section {
  const outputs = [
    { key: 'products' as const, what: 'products index only' },
    { key: 'withFamilies' as const, what: 'products and families indices' },
  ];
  const products = r.count.toLocaleString('en-US');
  /** One table row per output and side: its name, the output and `cells` of that side's figures. */
  const rows = (cells: (rate: Rate) => string[]) =>
    outputs.flatMap(({ key, what }) => [
      ['helpers.bulk', what, ...cells(r.direct[key])],
      ['Pub/Sub → indexer', what, ...cells(r.indexer[key])],
    ]);
  return {
    title: 'Indexer against helpers.bulk (goal 6)',
    summary: outputs.flatMap(({ key, what }) => {
      const ratio = r.indexer[key].docsPerSec / r.direct[key].docsPerSec;
      const own = r.indexer[key].cpuMsPerDoc / Math.max(r.direct[key].cpuMsPerDoc, 1e-9);
      const ours = pathCpu(r.indexer[key]);
      const theirs = pathCpu(r.direct[key]);
      return [
        { goal: '6', measure: `indexer through Pub/Sub / \`helpers.bulk\` products/s, ${products} products, ${what}`, value: num(ratio), target: '≥ 0.8', met: ratio >= 0.8 },
        {
          goal: '6',
          measure: `CPU per product, ${what}: indexer process / \`helpers.bulk\` client; whole path (+ emulator + Elasticsearch)`,
          value: `${num(own)}; ${ours === undefined || theirs === undefined ? '—' : num(ours / theirs)}`,
          target: 'reported',
          met: undefined,
        },
      ];
    }),
    body: [
      '`bench/indexer-bench.ts`, one run: the same generated products written four ways. `helpers.bulk` is handed the finished',
      'documents (made before its clock starts) and writes them straight into Elasticsearch: the product documents, then again',
      'with every family document of those products in the families index (issue 17) — the output the indexer makes. The indexer',
      'drains the same products published to the Pub/Sub emulator as a backlog (in the benchmark process), once without and once',
      'with family maintenance (which reads the members it does not hold, under concurrency control). Each side runs twice, in the',
      'order ABCD DCBA; its rate is its products over its time in both rounds. CPU per product is `process.cpuUsage()` of the',
      "benchmark process while the side runs, and the emulator's and Elasticsearch's own CPU time (`/proc`) over the same span:",
      "all three share the two cores, so the whole path is what a drain costs the machine. GC pauses are the main thread's",
      "garbage-collection pauses of the benchmark process over the same span (Node's `gc` performance entries, `bench/gc-pauses.ts`).",
      '',
      table(
        ['side', 'output', 'products/s', 'µs CPU per product: own', 'own: GC pauses (scavenges + other)', 'emulator', 'Elasticsearch', 'whole path'],
        rows((rate) => [
          num(rate.docsPerSec),
          us(rate.cpuMsPerDoc),
          `${us(rate.gcMsPerDoc.minor)} + ${us(rate.gcMsPerDoc.other)}`,
          us(rate.emulatorCpuMsPerDoc),
          us(rate.esCpuMsPerDoc),
          us(pathCpu(rate)),
        ]),
      ),
      '',
      "What Elasticsearch counted on the two indices (primaries), per 1,000 products: documents written, realtime gets (an mget counts each document),",
      'searches, refreshes (its own each second and requested ones) and merges — where its CPU per product goes.',
      '',
      table(
        ['side', 'output', 'docs written', 'gets', 'searches', 'refreshes', 'merges'],
        rows(({ esWork: w }) => [num(w.written), num(w.gets), num(w.searches), num(w.refreshes), num(w.merges)]),
      ),
      '',
      ...gcShare(r, outputs),
      ...cpuBound(r, outputs),
      '',
      `Freshness at ${r.freshness.rate} events/s with families, publish → acknowledged after Elasticsearch accepted: p50 ${num(r.freshness.p50)} ms, p99 ${num(r.freshness.p99)} ms (n = ${r.freshness.n}).`,
    ].join('\n'),
  };
}
