import type { Rule } from '@catalog/contract';
import { algoliaRuleFields } from '../rules/algolia-rules';
import { KeptMerchandise } from '../rules/merchandise-memo';
import { merchandiseText, type MerchandisedText } from '../rules/merchandised-search';
import { pinnedHits } from '../rules/pinned-search';
import { mergePins } from '../rules/rule-request';
import type { RuleSource } from '../rules/rule-source';
import type { SynonymSource } from '../synonyms/synonym-source';
import { toAlgoliaHit, type AlgoliaHit } from './hits';
import type { AlgoliaQuery } from './params';
import { queryBase } from './parsed-queries';
import { hitsWindow, type PlannedSearch, type QueryShaping } from './plan';
import { nbPages, type AlgoliaResult } from './results';

/** Where the rules and synonyms in force come from (the same sources as the REST search). */
export type MerchSources = { rules?: RuleSource | undefined; synonyms?: SynonymSource | undefined };

/** A batch after merchandising: each query with the text to search, how rules and synonyms shape it, and the cache key part. */
export type MerchandisedBatch = { searched: AlgoliaQuery[]; shaping: QueryShaping[]; keySuffixes: string[] };

/** No rules in force: one array, so that what was merchandised without rules is kept too. */
const NO_RULES: readonly Rule[] = Object.freeze([]);

/**
 * `KeptMerchandise` of Algolia queries, kept per parsed query: `queryBase` gives every visitor's copy of a request the
 * same frozen query, so a repeated search skips rule planning and unit normalisation whoever sends it.
 */
export class AlgoliaMerchandiseMemo extends KeptMerchandise<AlgoliaQuery, MerchandisedText> {
  constructor() {
    super(
      (q, rules, synonyms, now) => merchandiseText(q.query, rules, synonyms, now, q.ruleContexts),
      (m) => Object.freeze({ ...m }),
    );
  }
}

/**
 * Rules and synonyms for every query of a batch, by the REST search's own `merchandiseText`: each query's text and
 * `ruleContexts` choose its rules (none with `enableRules: false`), the synonyms expand the text after the rules'
 * rewrite. `keySuffixes` name the synonyms' version and the applied rules' versions: the cache key changes with them.
 * `memo` keeps each query's result across batches (the service holds one).
 */
export async function merchandiseBatch(
  queries: readonly AlgoliaQuery[],
  sources: MerchSources,
  now = new Date(),
  memo = new AlgoliaMerchandiseMemo(),
): Promise<MerchandisedBatch> {
  const inForce = queries.some((q) => q.enableRules) && sources.rules ? await sources.rules() : NO_RULES;
  const merchandised = await Promise.all(
    queries.map((q) => memo.merchandise(queryBase(q), q.enableRules ? inForce : NO_RULES, sources.synonyms, now.getTime())),
  );
  return {
    searched: queries.map((q, i) => ({ ...q, query: merchandised[i]?.text ?? q.query })),
    shaping: merchandised.map(({ plan, alternatives }) => ({ plan, alternatives })),
    keySuffixes: merchandised.map((m) => m.keySuffix),
  };
}

/**
 * The rules' part of each answer: pinned products (families under `distinct`) merged at their positions (`mergePins`, as REST),
 * promoted hits marked in `_rankingInfo` with `getRankingInfo`, and `userData`, `appliedRules` and the redirect
 * (`algoliaRuleFields`). `pinnedAnswers[i]` answers `plan[i].pins`.
 */
export function withRuleResults(o: {
  results: AlgoliaResult[];
  queries: readonly AlgoliaQuery[];
  shaping: readonly QueryShaping[];
  plan: readonly PlannedSearch[];
  pinnedAnswers: readonly unknown[];
}): AlgoliaResult[] {
  const results = [...o.results];
  o.plan.forEach((search, i) => {
    const q = search.pins && o.queries[search.pins.request];
    const result = search.pins && results[search.pins.request];
    const s = search.pins && o.shaping[search.pins.request];
    if (!search.pins || !q || !s || !result || !('hits' in result)) return;
    // Under `distinct` the family the product is a member of, represented by the pinned product when it qualifies.
    const promoted = (hit: AlgoliaHit | undefined) => (hit && q.getRankingInfo ? { ...hit, _rankingInfo: { promoted: true } } : hit);
    const pinned = pinnedHits(o.pinnedAnswers[i], s.plan, q.group, (source, pinId) => promoted(toAlgoliaHit(source, undefined, q, { prefer: pinId, ruleFilters: s.plan.filters })));
    const { from, size } = hitsWindow(q);
    const found = s.plan.pins.filter((p) => pinned.has(p.id)).length;
    const hits = mergePins({ organic: result.hits, fetchedFrom: Math.max(0, from - s.plan.pins.length), pinned, plan: s.plan, from, size, organicTotal: result.nbHits });
    const nbHits = result.nbHits + found;
    results[search.pins.request] = { ...result, hits, nbHits, nbPages: nbPages(nbHits, q.hitsPerPage) };
  });
  return results.map((r, request) => {
    const q = o.queries[request];
    const s = o.shaping[request];
    if (!q || !s || !('hits' in r)) return r;
    const { renderingContent, ...fields } = algoliaRuleFields(s.plan, q.getRankingInfo);
    return { ...r, ...fields, renderingContent: { ...r.renderingContent, ...renderingContent } };
  });
}
