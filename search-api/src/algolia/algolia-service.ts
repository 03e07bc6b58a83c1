import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import type { SearchBackend } from '../es/es-gateway';
import { parseInternal } from '../internal-parse';
import { normalizeQuery } from '../search/normalize';
import { runSearches, searchWithTypoFallback } from '../search/typo-fallback';
import { merchandiseBatch, withRuleResults, type MerchSources } from './merchandise-batch';
import type { AlgoliaQuery } from './params';
import { planBatch } from './plan';
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

/** The Algolia multi-query over the search core: one planned round trip to Elasticsearch per batch, cached whole. */
export function createAlgoliaService(deps: AlgoliaServiceDeps) {
  return {
    async run(queries: readonly AlgoliaQuery[]): Promise<{ results: AlgoliaResult[]; cached: boolean }> {
      if (queries.length === 0) return { results: [], cached: false };
      const started = performance.now();
      // Query rules and synonyms as in the REST search; what they changed (`keySuffixes`) is part of the key.
      const { searched, shaping, keySuffixes } = await merchandiseBatch(queries, deps);
      const canonical = `algolia:${JSON.stringify(queries.map((q, i) => [canonicalQuery(q), keySuffixes[i]]))}`;
      const { value, hit } = await deps.cachedSearch(canonical, async () => {
        const plan = planBatch(searched, shaping);
        // Pinned products are fetched by id in the same round trip as the searches (never retried with typos).
        const pinned = plan.flatMap((p, i) => (p.pins ? [{ i, body: p.pins.body }] : []));
        const responses = await searchWithTypoFallback(
          [...plan.map((p) => ({ asTyped: p.body, withTypos: p.withTypos })), ...pinned.map((p) => ({ asTyped: p.body }))],
          runSearches(deps.backend),
        );
        const pinnedAnswers = new Map(pinned.map((p, j) => [p.i, responses[plan.length + j]]));
        const results = mapBatch(searched, plan, responses.slice(0, plan.length));
        return JSON.stringify(withRuleResults({ results, queries: searched, shaping, plan, pinnedAnswers }));
      });
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
