import type { Correction } from '@catalog/contract';
import type { SearchBody } from '../search/build-search-request';
import { correctionSuggest, readCorrection } from '../search/correction';
import { queryWords } from '../search/normalize';
import { typosChange } from '../search/text-query';
import type { AlgoliaQuery } from './params';
import type { PlannedSearch } from './plan';
import type { AlgoliaResult } from './results';

/** The query whose hits a planned search brings (its text is the search's text; facet-only members share it). */
const hitsQuery = (search: PlannedSearch, queries: readonly AlgoliaQuery[]): AlgoliaQuery | undefined =>
  queries[(search.members.find((m) => m.hits) ?? search.members[0])?.request ?? -1];

/**
 * The typo pass of a planned search with the did-you-mean suggestion asked (as the REST search's, `correction.ts`); none
 * when its query says `typoTolerance: false` or the pass could not change the answer (`typosChange`).
 */
export function typoPassWithSuggest(search: PlannedSearch, queries: readonly AlgoliaQuery[]): SearchBody | undefined {
  const q = hitsQuery(search, queries);
  const text = q?.query.trim() ?? '';
  if (!search.withTypos || !q?.typoTolerance || !typosChange(text)) return undefined;
  return { ...search.withTypos, suggest: correctionSuggest(text) };
}

const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/** Algolia's `queryAfterRemoval`: the words of the query, the removed ones in `<em>` (HTML-escaped like a highlight). */
export function queryAfterRemoval(q: string, dropped: readonly string[]): string {
  const left = [...dropped];
  return queryWords(q)
    .map((w) => {
      const i = left.indexOf(w);
      if (i === -1) return escapeHtml(w);
      left.splice(i, 1);
      return `<em>${escapeHtml(w)}</em>`;
    })
    .join(' ');
}

/**
 * The did-you-mean of each search its typo pass answered (`retried`: plan index → what it matched as typed and the
 * answer), on the result of the query that brings its hits: `queryAfterRemoval` where words were dropped (Algolia's
 * `removeWordsIfNoResults` answer) and `correction` as in the REST search (Algolia has no spelling suggestion field;
 * `algoliasearch-helper` keeps unknown result fields, so the storefront reads it).
 */
export function withCorrections(o: {
  results: AlgoliaResult[];
  queries: readonly AlgoliaQuery[];
  plan: readonly PlannedSearch[];
  retried: ReadonlyMap<number, { asTypedTotal: number; answer: unknown }>;
}): AlgoliaResult[] {
  const results = [...o.results];
  o.plan.forEach((search, i) => {
    const r = o.retried.get(i);
    const member = search.members.find((m) => m.hits);
    const q = member && o.queries[member.request];
    const result = member && results[member.request];
    if (!r || !q || !result || !('hits' in result)) return;
    const correction: Correction | undefined = readCorrection(r.answer, q.query, r.asTypedTotal);
    if (!correction) return;
    results[member.request] = {
      ...result,
      correction,
      ...(correction.droppedWords ? { queryAfterRemoval: queryAfterRemoval(q.query, correction.droppedWords) } : {}),
    };
  });
  return results;
}
