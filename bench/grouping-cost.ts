/**
 * What grouping costs (issue 17): the same searches grouped (one hit per family over the families index, nested
 * variant filters, facets that count families, the price sort over matching variants) and ungrouped (`group=false`,
 * every variant over the products index), in Elasticsearch (`took`, request cache off) and end to end through the
 * search service in process (no cache: merchandising, the request(s), Elasticsearch, the mapping, the JSON).
 *
 *   npm run bench -- --only grouping-cost [--catalog 100000] [--grouping-draws 100] [--reps 3] [--reuse] [--keep]
 *
 * Each distinct query of a popularity-weighted draw runs in two shapes (text; text + a variant filter + price sort),
 * each grouped and ungrouped `reps` times, interleaved; a query's cost is the median of its reps, weighted by its draws.
 */
import type { Client, estypes } from '@elastic/elasticsearch';
import { familiesAlias, SearchParams } from '@catalog/contract';
import { mulberry32 } from '../inventory-simulator/src/catalog/random';
import { createNoCache } from '../search-api/src/cache/no-cache';
import { analyticsIndexName } from '../search-api/src/es/analytics-store';
import { buildSearchRequest, searchTarget } from '../search-api/src/search/build-search-request';
import { searchApiFor } from '../test/integration/search-fixtures';
import { median, weightedQuantile } from './bench-stats';
import { QUERIES_TSV } from './query-cost';
import { num, table, type Section } from './report';
import { loadQueries, weightedSample } from './search-catalog';

export type GroupingCostOptions = { es: Client; alias: string; draws: number; reps: number };
type Cost = { p50: number; p90: number; mean: number };
export type GroupingShape = { name: string; took: { flat: Cost; grouped: Cost }; e2e: { flat: Cost; grouped: Cost }; hits: { flat: number; grouped: number } };
export type GroupingCostResult = {
  distinct: number;
  draws: number;
  reps: number;
  families: number;
  products: number;
  shapes: GroupingShape[];
  /** Queries left out of a shape because a search of theirs answered 503 (past the search time limit), by shape. */
  unanswered: Record<string, string[]>;
};

/** The two shapes measured: a text search, and one with a variant filter and the price sort (the nested parts). */
const SHAPES: { name: string; params: (q: string) => Record<string, string> }[] = [
  { name: 'text', params: (q) => ({ q }) },
  { name: 'text + in stock + price ascending', params: (q) => ({ q, in_stock: 'true', sort: 'price_asc' }) },
];

const totalOf = (r: estypes.SearchResponse) => (typeof r.hits.total === 'number' ? r.hits.total : (r.hits.total?.value ?? 0));

export async function measureGroupingCost(o: GroupingCostOptions): Promise<GroupingCostResult> {
  const api = searchApiFor({ alias: o.alias, cache: createNoCache(), settings: {} });
  const took = async (p: SearchParams) => {
    const index = searchTarget(p) === 'families' ? familiesAlias(o.alias) : o.alias;
    const r = (await o.es.search({ index, request_cache: false, ...buildSearchRequest(p) })) as estypes.SearchResponse;
    return { ms: r.took, hits: totalOf(r) };
  };
  /** End-to-end milliseconds, or undefined when the search answered 503 (past `ES_SEARCH_TIMEOUT_MS` on a loaded machine). */
  const e2e = async (params: Record<string, string>): Promise<number | undefined> => {
    const started = performance.now();
    const res = await api.app.request(`/v1/products/search?${new URLSearchParams(params).toString()}`);
    if (res.status === 503) return undefined;
    if (res.status !== 200) throw new Error(`search answered ${res.status}: ${await res.text()}`);
    await res.arrayBuffer();
    return performance.now() - started;
  };
  const sample = weightedSample(loadQueries(QUERIES_TSV), (q) => q.popularity, o.draws, mulberry32(17)).map((q) => q.query);
  const weight = new Map<string, number>();
  for (const q of sample) weight.set(q, (weight.get(q) ?? 0) + 1);
  const modes = ['flat', 'grouped'] as const;
  const shapes: GroupingShape[] = [];
  const unanswered: Record<string, string[]> = {};
  try {
    for (const shape of SHAPES) {
      const params = (q: string, mode: (typeof modes)[number]) => ({ ...shape.params(q), group: String(mode === 'grouped') });
      // Warm the caches and the JIT of both modes first.
      for (const q of [...weight.keys()].slice(0, 5)) for (const mode of modes) await e2e(params(q, mode));
      const cost = { took: { flat: new Map<string, number>(), grouped: new Map<string, number>() }, e2e: { flat: new Map<string, number>(), grouped: new Map<string, number>() } };
      const hits = { flat: new Map<string, number>(), grouped: new Map<string, number>() };
      let turn = 0;
      const answered = new Map<string, number>();
      for (const [q, w] of weight) {
        const runs = { took: { flat: [] as number[], grouped: [] as number[] }, e2e: { flat: [] as number[], grouped: [] as number[] } };
        let timedOut = false;
        for (let r = 0; r < o.reps && !timedOut; r++) {
          for (const mode of turn++ % 2 === 0 ? modes : [...modes].reverse()) {
            const t = await took(SearchParams.parse(params(q, mode)));
            runs.took[mode].push(t.ms);
            hits[mode].set(q, t.hits);
            const ms = await e2e(params(q, mode));
            if (ms === undefined) timedOut = true;
            else runs.e2e[mode].push(ms);
          }
        }
        if (timedOut) {
          unanswered[shape.name] = [...(unanswered[shape.name] ?? []), q];
          continue;
        }
        answered.set(q, w);
        for (const mode of modes) {
          cost.took[mode].set(q, median(runs.took[mode]));
          cost.e2e[mode].set(q, median(runs.e2e[mode]));
        }
      }
      // Both modes over the same queries: those answered within the time limit in every run.
      const weighted = (m: Map<string, number>) => [...answered].map(([q, w]) => ({ value: m.get(q) ?? 0, weight: w }));
      const draws = [...answered.values()].reduce((a, b) => a + b, 0);
      const summary = (m: Map<string, number>): Cost => ({
        p50: weightedQuantile(weighted(m), 0.5),
        p90: weightedQuantile(weighted(m), 0.9),
        mean: weighted(m).reduce((s, x) => s + x.value * x.weight, 0) / Math.max(draws, 1),
      });
      shapes.push({
        name: shape.name,
        took: { flat: summary(cost.took.flat), grouped: summary(cost.took.grouped) },
        e2e: { flat: summary(cost.e2e.flat), grouped: summary(cost.e2e.grouped) },
        hits: { flat: summary(hits.flat).mean, grouped: summary(hits.grouped).mean },
      });
    }
  } finally {
    await api.recorder.close();
    // The in-process service records its searches like any other: its analytics index goes with the run.
    await o.es.indices.delete({ index: analyticsIndexName(o.alias) }, { ignore: [404] });
  }
  const products = (await o.es.count({ index: o.alias, query: { bool: { must_not: [{ term: { deleted: true } }] } } })).count;
  const families = (await o.es.count({ index: familiesAlias(o.alias) })).count;
  return { distinct: weight.size, draws: o.draws, reps: o.reps, families, products, shapes, unanswered };
}

const ratio = (a: number, b: number) => num(a / Math.max(b, 0.01));

/** The report's part: grouped over ungrouped, in Elasticsearch and end to end, per shape. */
export function groupingCostSection(r: GroupingCostResult): Section {
  const text = r.shapes[0];
  return {
    title: 'Cost of grouping variants into families (issue 17)',
    summary: text
      ? [
          {
            goal: '17',
            measure: 'grouped / ungrouped search, text queries: Elasticsearch `took` (mean; p50), end to end (mean)',
            value: `${ratio(text.took.grouped.mean, text.took.flat.mean)}; ${ratio(text.took.grouped.p50, text.took.flat.p50)}; ${ratio(text.e2e.grouped.mean, text.e2e.flat.mean)}`,
            target: 'measured',
          },
        ]
      : [],
    body: [
      `${r.products.toLocaleString('en-US')} generated products in ${r.families.toLocaleString('en-US')} families; ${r.draws} popularity-weighted draws (${r.distinct} distinct`,
      `queries), each shape grouped and ungrouped ${r.reps}× per query, interleaved; \`took\` with the request cache off; end to end = the search service in`,
      'process without a cache (rules, synonyms, the typo pass when thin, the mapping and the JSON included). Medians per query, weighted by draws.',
      ...Object.entries(r.unanswered).map(([shape, qs]) => `${shape}: ${qs.length} queries answered 503 (past the search time limit) in a run and are left out of both modes: ${qs.join(', ')}.`),
      '',
      table(
        ['shape', 'took p50 flat / grouped', 'took mean flat / grouped', 'took ratio (mean)', 'end to end p50 flat / grouped ms', 'e2e ratio (mean)', 'mean total flat / grouped'],
        r.shapes.map((s) => [
          s.name,
          `${num(s.took.flat.p50)} / ${num(s.took.grouped.p50)}`,
          `${num(s.took.flat.mean)} / ${num(s.took.grouped.mean)}`,
          ratio(s.took.grouped.mean, s.took.flat.mean),
          `${num(s.e2e.flat.p50)} / ${num(s.e2e.grouped.p50)}`,
          ratio(s.e2e.grouped.mean, s.e2e.flat.mean),
          `${num(s.hits.flat)} / ${num(s.hits.grouped)}`,
        ]),
      ),
    ].join('\n'),
  };
}
