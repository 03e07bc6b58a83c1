import { familyKey, type Product } from '@catalog/contract';
import { parseIntent, type Intent } from './intent';
import { grade, originOf } from './judge';
import { bestPerGroup, mean, median, ndcgAt, precisionAt, reciprocalRank, RELEVANT_GRADE } from './metrics';

/** What one search answered: the ids of the first page in order, the total, Elasticsearch's `took` and any did-you-mean. */
export type SearchOutcome = { ids: string[]; total: number; tookMs: number; correction?: { query: string; reason: string } | undefined };

/** Did-you-mean on the judged queries that find nothing as typed (`correct=false`): corrected, and with a relevant product in the first 10. */
export type Recovery = { zeroAsTyped: number; corrected: number; useful: number; queries: { query: string; correction?: string | undefined; rr: number }[] };

export type QueryResult = { query: string; ndcg10: number; p5: number; rr: number; total: number; tookMs: number; relevant: number; top: number[] };

export type RelevanceReport = {
  /** Judged queries with at least one relevant product in this catalog (the averages are over these). */
  judged: number;
  /** Judged queries without a relevant product in this catalog (a small catalog lacks some lines). */
  withoutRelevant: number;
  ndcg10: number;
  p5: number;
  mrr: number;
  zeroResultRate: number;
  tookP50: number;
  /** Share of the log's nonsense queries ("facebook", "orange") that answered products at all. */
  junkAnswered: number;
  /** Share of them that answered products without a correction (confident nonsense). */
  junkConfident: number;
  junk: { query: string; total: number; correction?: string | undefined }[];
  /** Present when the queries were also searched as typed. */
  recovery?: Recovery | undefined;
  perQuery: QueryResult[];
};

/** Graded judgments of every product for every query (computed once per catalog: the grades depend only on the generator). */
export function judge(catalog: Product[], intents: Intent[]): Map<string, Map<string, number>> {
  const origins = catalog.map((p) => ({ p, o: originOf(p) }));
  const out = new Map<string, Map<string, number>>();
  for (const intent of intents) {
    const grades = new Map<string, number>();
    for (const { p, o } of origins) {
      const g = grade(intent, p, o);
      if (g > 0) grades.set(p.id, g);
    }
    out.set(intent.query, grades);
  }
  return out;
}

/** Runs every query (a few at a time) and scores the answers against the judgments. */
export async function evaluate(o: {
  catalog: Product[];
  queries: string[];
  junk: string[];
  search: (q: string) => Promise<SearchOutcome>;
  /** The search with the words exactly as typed (`correct=false`), to measure did-you-mean. */
  searchAsTyped?: ((q: string) => Promise<SearchOutcome>) | undefined;
  /**
   * The search answers one hit per product family (`group=true`, issue 17): a hit is graded as the variant it shows,
   * and the ideal ranking holds each family once at its best variant's grade (the grades of variants follow the same
   * rules as any product's: a "blue" query grades the Blue variant above its siblings).
   */
  grouped?: boolean;
  concurrency?: number;
}): Promise<RelevanceReport> {
  const intents = o.queries.map((q) => {
    const intent = parseIntent(q);
    if (!intent) throw new Error(`judged query without an intent: ${q}`);
    return intent;
  });
  const judgments = judge(o.catalog, intents);
  const families = new Map(o.catalog.map((p) => [p.id, familyKey(p)]));
  const ideal = (grades: Map<string, number>): number[] => (o.grouped ? bestPerGroup(grades, (id) => families.get(id) ?? id) : [...grades.values()]);
  const results: QueryResult[] = [];
  let withoutRelevant = 0;
  const outcomes = await mapLimit(o.queries, o.concurrency ?? 4, o.search);
  o.queries.forEach((query, i) => {
    const grades = judgments.get(query) ?? new Map<string, number>();
    if (![...grades.values()].some((g) => g >= RELEVANT_GRADE)) {
      withoutRelevant++;
      return;
    }
    const outcome = outcomes[i] as SearchOutcome;
    const top = outcome.ids.slice(0, 10).map((id) => grades.get(id) ?? 0);
    results.push({
      query,
      ndcg10: ndcgAt(10, top, ideal(grades)),
      p5: precisionAt(5, top),
      rr: reciprocalRank(top),
      total: outcome.total,
      tookMs: outcome.tookMs,
      relevant: ideal(grades).filter((g) => g >= RELEVANT_GRADE).length,
      top,
    });
  });
  const junkOutcomes = await mapLimit(o.junk, o.concurrency ?? 4, o.search);
  const recovery = o.searchAsTyped && recoveryOf(results, outcomes, o.queries, await mapLimit(o.queries, o.concurrency ?? 4, o.searchAsTyped));
  return {
    judged: results.length,
    withoutRelevant,
    ndcg10: mean(results.map((r) => r.ndcg10)),
    p5: mean(results.map((r) => r.p5)),
    mrr: mean(results.map((r) => r.rr)),
    zeroResultRate: mean(results.map((r) => (r.total === 0 ? 1 : 0))),
    tookP50: median([...results, ...junkOutcomes].map((r) => r.tookMs)),
    junkAnswered: mean(junkOutcomes.map((r) => (r.total > 0 ? 1 : 0))),
    junkConfident: mean(junkOutcomes.map((r) => (r.total > 0 && !r.correction ? 1 : 0))),
    junk: junkOutcomes.map((r, i) => ({ query: o.junk[i] ?? '', total: r.total, correction: r.correction?.query })),
    recovery,
    perQuery: results,
  };
}

/** The judged queries that find nothing as typed: which got a correction, and which of those show a relevant product. */
function recoveryOf(results: QueryResult[], outcomes: SearchOutcome[], queries: string[], asTyped: SearchOutcome[]): Recovery {
  const rr = new Map(results.map((r) => [r.query, r.rr]));
  const zero = queries.flatMap((query, i) => (asTyped[i]?.total === 0 && rr.has(query) ? [{ query, correction: outcomes[i]?.correction?.query, rr: rr.get(query) ?? 0 }] : []));
  return {
    zeroAsTyped: zero.length,
    corrected: zero.filter((z) => z.correction !== undefined).length,
    useful: zero.filter((z) => z.correction !== undefined && z.rr > 0).length,
    queries: zero,
  };
}

async function mapLimit<T, R>(items: T[], limit: number, fn: (t: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array<R>(items.length);
  let next = 0;
  const worker = async () => {
    while (next < items.length) {
      const i = next++;
      out[i] = await fn(items[i] as T);
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  return out;
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

/** The report as one Markdown table (what `npm run relevance` prints and the README records). */
export function reportTable(r: RelevanceReport, label: string): string {
  return [
    '| run | judged queries | nDCG@10 | P@5 | MRR | zero results | ES took p50 | nonsense answered | nonsense answered without a correction |',
    '|---|---|---|---|---|---|---|---|---|',
    `| ${label} | ${r.judged} | ${r.ndcg10.toFixed(3)} | ${r.p5.toFixed(3)} | ${r.mrr.toFixed(3)} | ${pct(r.zeroResultRate)} | ${r.tookP50.toFixed(1)} ms | ${pct(r.junkAnswered)} | ${pct(r.junkConfident)} |`,
  ].join('\n');
}
