import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SearchBackend, SearchTarget } from '../es/es-gateway';
import { parseInternal } from '../internal-parse';
import { normalizeQuery } from '../search/normalize';
import { searchWithPins } from '../rules/pinned-search';
import { runSearches } from '../search/typo-fallback';
import { typoPassWithSuggest, withCorrections } from './algolia-correction';
import { merchandiseBatch, withRuleResults, type MerchSources } from './merchandise-batch';
import type { AlgoliaQuery } from './params';
import { planBatch, UNSHAPED, type QueryShaping } from './plan';
import { AlgoliaResult, mapBatch } from './results';

/** A search answered with `clickAnalytics`: what insights events need to know about their `queryID`. */
export type QueryIdRecord = { queryID: string; query: string; index: string; nbHits: number; userToken?: string | undefined };

export type AlgoliaServiceDeps = {
  backend: SearchBackend;
  /** The search service's look-aside cache (same generation, TTL and admission as `/v1/products/search`). */
  cachedSearch: (canonical: string, compute: () => Promise<string>) => Promise<{ value: string; hit: boolean }>;
  /** The analytics recorder's `record`, for queries with text on their first page (as the REST search). */
  onSearch?: (normalizedQuery: string, hits: number) => void;
  /** Every `queryID` handed out (the insights store resolves click events with it). */
  onQueryId?: (record: QueryIdRecord) => void;
} & MerchSources;

/** What decides an answer: the echoed and analytics-only parameters are not part of the cache key. */
export function canonicalQuery(q: AlgoliaQuery): unknown {
  const { indexName: _i, params: _p, analytics: _a, clickAnalytics: _c, userToken: _u, query, facets, ...rest } = q;
  return { ...rest, query: normalizeQuery(query), facets: [...new Set(facets)].sort() };
}

const Results = z.array(AlgoliaResult);

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
  return {
    async run(queries: readonly AlgoliaQuery[]): Promise<{ results: AlgoliaResult[]; cached: boolean }> {
      if (queries.length === 0) return { results: [], cached: false };
      const started = performance.now();
      // Query rules and synonyms as in the REST search; what they changed (`keySuffixes`) is part of the key.
      const { searched, shaping, keySuffixes } = await merchandiseBatch(queries, deps);
      const canonical = `algolia:${JSON.stringify(queries.map((q, i) => [canonicalQuery(q), keySuffixes[i]]))}`;
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
      const { value, hit } = await deps.cachedSearch(canonical, async () => JSON.stringify(await byTarget(searched, shaping, answer)));
      const processingTimeMS = Math.round(performance.now() - started);
      const results = parseInternal(Results, JSON.parse(value), 'cached Algolia results').map((r, i): AlgoliaResult => {
        const q = queries[i];
        if (!q || !('hits' in r)) return { ...r, processingTimeMS };
        // The cache key normalizes the text; the echo is what this client sent.
        const result = { ...r, query: q.query, params: q.params, index: q.indexName, processingTimeMS };
        const counted = q.analytics && q.page === 0 && q.hitsPerPage > 0 && normalizeQuery(q.query) !== '';
        if (counted) deps.onSearch?.(normalizeQuery(q.query), r.nbHits);
        if (!q.clickAnalytics) return result;
        const queryID = randomBytes(16).toString('hex');
        deps.onQueryId?.({ queryID, query: normalizeQuery(q.query), index: q.indexName, nbHits: r.nbHits, userToken: q.userToken });
        return { ...result, queryID };
      });
      return { results, cached: hit };
    },
  };
}
export type AlgoliaService = ReturnType<typeof createAlgoliaService>;
