/**
 * What the relevance query costs Elasticsearch (issue 18 goal 1): the `took` of the search API's own request (as
 * typed, plus the typo pass when the answer is thin) against a plain fuzzy `multi_match` over the same fields with
 * the same aggregations, highlight, sort and page, over the popularity-weighted query mix, request cache off.
 *
 *   npx tsx bench/query-cost.ts [--catalog 100000] [--draws 200] [--reps 3] [--reuse] [--keep]
 *
 * Each distinct query of the weighted draw runs every variant `reps` times, interleaved (the machine is shared: the
 * noise hits every variant alike); a query's cost is the median of its reps, weighted by how often it was drawn.
 */
import { fileURLToPath } from 'node:url';
import type { Client, estypes } from '@elastic/elasticsearch';
import { SearchParams } from '@catalog/contract';
import { buildSearchRequest, type SearchBody } from '../search-api/src/search/build-search-request';
import { IS_TOMBSTONE } from '../search-api/src/search/filters';
import { TYPO_TOLERANCE, WEIGHTS } from '../search-api/src/search/text-query';
import { isThin, searchWithTypoFallback } from '../search-api/src/search/typo-fallback';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { median, weightedQuantile } from './bench-stats';
import { num, table, type Section } from './report';
import { loadQueries, weightedSample } from './search-catalog';

export const QUERIES_TSV = fileURLToPath(new URL('../data/queries-bestbuy.tsv', import.meta.url));

export type QueryCostOptions = { es: Client; alias: string; draws: number; reps: number; queries?: string };

export type VariantCost = { name: string; p50: number; p90: number; mean: number; meanHits: number };
export type QueryCostResult = {
  distinct: number;
  draws: number;
  reps: number;
  /** Share of the weighted mix whose as-typed answer was thin (it paid the typo pass too). */
  thinShare: number;
  variants: VariantCost[];
  /** Relevance over baseline: weighted mean and weighted median of the per-query cost. */
  ratioMean: number;
  ratioP50: number;
};

const total = (r: estypes.SearchResponse) => (typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0));

/** The yardstick: the same request with the query replaced by one fuzzy `multi_match` over the same fields. */
export function baselineBody(q: string): SearchBody {
  const query = { bool: { must: [{ multi_match: { query: q, fields: [...WEIGHTS.fields], fuzziness: 'AUTO' } }], must_not: [IS_TOMBSTONE] } };
  return { ...buildSearchRequest(SearchParams.parse({ q, group: 'false' })), query };
}

type Measure = { took: number; hits: number; thin: boolean };
type Variant = { name: string; run: (q: string) => Promise<Measure> };

export async function measureQueryCost(o: QueryCostOptions): Promise<QueryCostResult> {
  const search = async (body: SearchBody) => (await o.es.search({ index: o.alias, request_cache: false, ...body })) as estypes.SearchResponse;
  const variants: Variant[] = [
    {
      // What the search API sends: as typed, then the typo pass only for a thin answer (both `took`s count).
      name: 'relevance (as typed, typo pass when thin)',
      run: async (q) => {
        const p = SearchParams.parse({ q, group: 'false' });
        let took = 0;
        let rounds = 0;
        const [answer] = await searchWithTypoFallback([{ asTyped: buildSearchRequest(p), withTypos: buildSearchRequest(p, { typos: true }) }], async (bodies) => {
          rounds++;
          return Promise.all(bodies.map(async (b) => {
            const r = await search(b);
            took += r.took;
            return r;
          }));
        });
        return { took, hits: total(answer as estypes.SearchResponse), thin: rounds > 1 };
      },
    },
    {
      name: 'relevance with typos on every search',
      run: async (q) => {
        const r = await search(buildSearchRequest(SearchParams.parse({ q, group: 'false' }), { typos: true }));
        return { took: r.took, hits: total(r), thin: isThin(r) };
      },
    },
    {
      name: 'baseline: fuzzy multi_match, same aggregations',
      run: async (q) => {
        const r = await search(baselineBody(q));
        return { took: r.took, hits: total(r), thin: isThin(r) };
      },
    },
  ];

  const sample = weightedSample(loadQueries(o.queries ?? QUERIES_TSV), (q) => q.popularity, o.draws, mulberry32(7)).map((q) => q.query);
  const weight = new Map<string, number>();
  for (const q of sample) weight.set(q, (weight.get(q) ?? 0) + 1);
  // Warm the file cache and the JIT for every variant before measuring.
  for (const v of variants) for (const q of [...weight.keys()].slice(0, 5)) await v.run(q);

  const cost = variants.map(() => new Map<string, number>());
  const hits = variants.map(() => new Map<string, number>());
  const thin = new Map<string, boolean>();
  let turn = 0;
  for (const q of weight.keys()) {
    const tooks: number[][] = variants.map(() => []);
    for (let r = 0; r < o.reps; r++) {
      turn++;
      for (let j = 0; j < variants.length; j++) {
        const i = (turn + j) % variants.length;
        const m = await (variants[i] as Variant).run(q);
        tooks[i]?.push(m.took);
        hits[i]?.set(q, m.hits);
        if (i === 0) thin.set(q, m.thin);
      }
    }
    tooks.forEach((t, i) => cost[i]?.set(q, median(t)));
  }

  const weighted = (m: Map<string, number>) => [...weight].map(([q, w]) => ({ value: m.get(q) ?? 0, weight: w }));
  const wmean = (m: Map<string, number>) => weighted(m).reduce((s, x) => s + x.value * x.weight, 0) / o.draws;
  const results = variants.map((v, i): VariantCost => {
    const c = cost[i] as Map<string, number>;
    return { name: v.name, p50: weightedQuantile(weighted(c), 0.5), p90: weightedQuantile(weighted(c), 0.9), mean: wmean(c), meanHits: wmean(hits[i] as Map<string, number>) };
  });
  const [relevance, , baseline] = results as [VariantCost, VariantCost, VariantCost];
  return {
    distinct: weight.size,
    draws: o.draws,
    reps: o.reps,
    thinShare: [...weight].reduce((s, [q, w]) => s + (thin.get(q) ? w : 0), 0) / o.draws,
    variants: results,
    ratioMean: relevance.mean / Math.max(baseline.mean, 0.01),
    ratioP50: relevance.p50 / Math.max(baseline.p50, 0.01),
  };
}

/** The report's part: the ratio against the target, and what each variant cost. */
export function queryCostSection(r: QueryCostResult, catalog: number): Section {
  const met = r.ratioMean <= 1.5 && r.ratioP50 <= 1.5;
  return {
    title: 'Relevance query cost in Elasticsearch (goal 1)',
    summary: [
      {
        goal: '1',
        measure: 'relevance query `took` / plain fuzzy `multi_match` with the same aggregations, weighted query mix (mean; p50)',
        value: `${num(r.ratioMean)}; ${num(r.ratioP50)}`,
        target: '≤ 1.5',
        met,
      },
    ],
    body: [
      `${catalog.toLocaleString('en-US')} generated products; ${r.draws} popularity-weighted draws from the query log (${r.distinct} distinct queries), each variant`,
      `${r.reps}× per query, interleaved, request cache off; a query's cost is the median \`took\` of its reps, weighted by its draws.`,
      `${Math.round(r.thinShare * 100)} % of the weighted mix found fewer than ${TYPO_TOLERANCE.belowHits} products as typed and paid the typo pass too (both \`took\`s counted).`,
      '',
      table(
        ['variant', 'p50 ms', 'p90 ms', 'mean ms', 'mean hits'],
        r.variants.map((v) => [v.name, num(v.p50), num(v.p90), num(v.mean), num(v.meanHits)]),
      ),
    ].join('\n'),
  };
}
