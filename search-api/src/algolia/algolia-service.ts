import { randomUUID } from 'node:crypto';
import type { SearchBackend, SearchTarget } from '../es/es-gateway';
import { normalizeQuery } from '../search/normalize';
import { searchWithPins } from '../rules/pinned-search';
import { runSearches } from '../search/typo-fallback';
import { typoPassWithSuggest, withCorrections } from './algolia-correction';
import { AlgoliaMerchandiseMemo, merchandiseBatch, withRuleResults, type MerchSources } from './merchandise-batch';
import type { OnSearch } from '../search-service';
import type { AlgoliaQuery } from './params';
import { queryBase } from './parsed-queries';
import { planBatch, UNSHAPED, type QueryShaping } from './plan';
import { mapBatch, type AlgoliaResult } from './results';
import { readStoredResults, resultEcho, storedPart, storeResults, type SplicedResult } from './stored-results';

/** A search answered with `clickAnalytics`: what insights events need to know about their `queryID`. */
export type QueryIdRecord = { queryID: string; query: string; index: string; nbHits: number; userToken?: string | undefined };

export type AlgoliaServiceDeps = {
  backend: SearchBackend;
  /** The search service's look-aside cache (same generation, TTL and admission as `/v1/products/search`). */
  cachedSearch: (
    canonical: string,
    compute: () => Promise<string>,
    accept?: (value: string) => boolean,
  ) => Promise<{ value: string; hit: boolean; version?: string | undefined }>;
  /** The analytics recorder's `record`, for queries with text on their first page (as the REST search). */
  onSearch?: OnSearch;
  /** Every `queryID` handed out (the insights store resolves click events with it). */
  onQueryId?: (record: QueryIdRecord) => void;
} & MerchSources;

/** What decides an answer: the echoed and analytics-only parameters are not part of the cache key. */
export function canonicalQuery(q: AlgoliaQuery): unknown {
  const { indexName: _i, params: _p, analytics: _a, clickAnalytics: _c, userToken: _u, query, facets, ...rest } = q;
  return { ...rest, query: normalizeQuery(query), facets: [...new Set(facets)].sort() };
}

/** `canonicalQuery` as JSON, kept per frozen query of the parse memo (a visitor's copy shares its base's). */
const canonicalJson = new WeakMap<AlgoliaQuery, string>();
function canonicalText(q: AlgoliaQuery): string {
  const base = queryBase(q);
  let text = canonicalJson.get(base);
  if (text === undefined) {
    text = JSON.stringify(canonicalQuery(base));
    if (Object.isFrozen(base)) canonicalJson.set(base, text);
  }
  return text;
}

/** The cache key of a batch: each query's canonical form with what merchandising changed in it. */
export function batchKey(queries: readonly AlgoliaQuery[], keySuffixes: readonly unknown[]): string {
  return `algolia-stored:[${queries.map((q, i) => `[${canonicalText(q)},${JSON.stringify(keySuffixes[i] ?? null)}]`).join(',')}]`;
}

/**
 * A batch answered per index: queries with `distinct` read the families index, the others the products index (a
 * batch mixing both costs one round trip per index, in parallel); the answers come back in request order.
 */
export async function byTarget(
  queries: readonly AlgoliaQuery[],
  shaping: readonly QueryShaping[],
  answer: (part: AlgoliaQuery[], shaping: QueryShaping[], target: SearchTarget) => Promise<AlgoliaResult[]>,
): Promise<AlgoliaResult[]> {
  const results = new Array<AlgoliaResult>(queries.length);
  const targets: SearchTarget[] = ['products', 'families'];
  await Promise.all(
    targets.map(async (target) => {
      const requests = queries.flatMap((q, i) => ((target === 'families') === q.group ? [i] : []));
      if (requests.length === 0) return;
      const answers = await answer(
        requests.map((i) => queries[i] as AlgoliaQuery),
        requests.map((i) => shaping[i] ?? UNSHAPED),
        target,
      );
      requests.forEach((request, j) => {
        const a = answers[j];
        if (a) results[request] = a;
      });
    }),
  );
  return results;
}

/** The Algolia multi-query over the search core: one planned round trip to Elasticsearch per batch, cached whole. */
export function createAlgoliaService(deps: AlgoliaServiceDeps) {
  const merchandised = new AlgoliaMerchandiseMemo();
  return {
    /**
     * Each result as its echo and its stored part (the routes splice them: `stored-results.ts`), and whether it came from
     * the cache; counted searches are recorded with `clientAddress`.
     */
    async run(queries: readonly AlgoliaQuery[], clientAddress?: string): Promise<{ results: SplicedResult[]; cached: boolean }> {
      if (queries.length === 0) return { results: [], cached: false };
      const started = performance.now();
      // Query rules and synonyms as in the REST search; what they changed (`keySuffixes`) is part of the key.
      const { searched, shaping, keySuffixes } = await merchandiseBatch(queries, deps, new Date(), merchandised);
      const canonical = batchKey(queries, keySuffixes);
      const answer = async (part: readonly AlgoliaQuery[], partShaping: readonly QueryShaping[], target: SearchTarget): Promise<AlgoliaResult[]> => {
        const plan = planBatch(part, partShaping);
        // Pinned products are fetched by id in the same round trip as the searches (`searchWithPins`, as the REST search).
        const answered = await searchWithPins(
          plan.map((p) => ({ asTyped: p.body, withTypos: typoPassWithSuggest(p, part), pins: p.pins?.body })),
          runSearches(deps.backend, target),
        );
        const retried = new Map(answered.flatMap(({ asTypedTotal, answer }, i) => (asTypedTotal !== undefined ? [[i, { asTypedTotal, answer }] as const] : [])));
        const results = mapBatch(part, plan, answered.map((a) => a.answer), partShaping);
        const pinnedAnswers = answered.map((a) => a.pinned);
        return withCorrections({ results: withRuleResults({ results, queries: part, shaping: partShaping, plan, pinnedAnswers }), queries: part, plan, retried });
      };
      const { value, hit, version } = await deps.cachedSearch(
        canonical,
        async () => storeResults(await byTarget(searched, shaping, answer)),
        (v) => readStoredResults(v, queries.length) !== undefined,
      );
      const stored = readStoredResults(value, queries.length);
      if (!stored) throw new Error('cached Algolia results not in the stored form');
      const processingTimeMS = Math.round(performance.now() - started);
      const results = queries.map((q, i): SplicedResult => {
        const nbHits = stored.nbHits[i] ?? -1;
        const search = nbHits >= 0;
        // The cache key normalizes the text; the echo is what this client sent.
        const counted = search && q.analytics && q.page === 0 && q.hitsPerPage > 0 && normalizeQuery(q.query) !== '';
        if (counted) deps.onSearch?.(normalizeQuery(q.query), nbHits, clientAddress);
        // 122 random bits as 32 hex digits; randomUUID draws from a pooled buffer (randomBytes made a syscall per search).
        const queryID = search && q.clickAnalytics ? randomUUID().replaceAll('-', '') : undefined;
        if (queryID) deps.onQueryId?.({ queryID, query: normalizeQuery(q.query), index: q.indexName, nbHits, userToken: q.userToken });
        return { echo: resultEcho(q, search, processingTimeMS, queryID), stored: storedPart(stored, i, version) };
      });
      return { results, cached: hit };
    },
  };
}
export type AlgoliaService = ReturnType<typeof createAlgoliaService>;
