import type { Rule, SearchParams, SearchResponse } from '@catalog/contract';
import type { SearchBackend } from '../es/es-gateway';
import { buildSearchRequest } from '../search/build-search-request';
import { readCorrection } from '../search/correction';
import { scopeOf } from '../search/filters';
import { typosChange } from '../search/text-query';
import type { SynonymSource } from '../synonyms/synonym-source';
import { planRules, type RulePlan } from './plan-rules';
import { ruleVariantQueries } from './rule-request';
import { searchWithRules } from './search-with-rules';

/**
 * A query text after merchandising: the rules' plan, the text to search (rewritten, units normalized), its synonym
 * alternatives, and the version of the synonyms that made them (undefined: none were applied).
 */
export type MerchandisedText = { plan: RulePlan; text: string; alternatives: string[]; keySuffix: string; synonymsVersion: string | undefined };
/** A search after merchandising: the rules' plan, the text searched (rewritten, units normalized) with its synonym alternatives. */
export type Merchandised = { plan: RulePlan; searched: SearchParams; alternatives: string[]; keySuffix: string; synonymsVersion: string | undefined };

/**
 * Applies the rules in force and the synonyms to a query text, whatever the surface (REST `q`, Algolia `query`).
 * `keySuffix` names the synonyms' version and the applied rules (ids and versions): part of the cache key, so a
 * change, or a rule's window opening, makes new keys.
 */
export async function merchandiseText(
  q: string,
  rules: readonly Rule[],
  synonyms: SynonymSource | undefined,
  now: Date,
  /** The contexts the search names (REST: its one `context`; Algolia: `ruleContexts`). */
  contexts: readonly string[],
): Promise<MerchandisedText> {
  const plan = planRules(rules, { q, contexts, now });
  const text = plan.rules.length > 0 ? plan.text : q;
  const x = text.trim() === '' ? undefined : await synonyms?.expand(text);
  return {
    plan,
    text: x?.text ?? text,
    alternatives: x?.alternatives ?? [],
    keySuffix: `${x ? `|syn:${x.version}` : ''}${plan.key ? `|rules:${plan.key}` : ''}`,
    synonymsVersion: x?.version,
  };
}

/** `merchandiseText` for a REST search: its `q` and its one `context`. */
export async function merchandise(
  p: SearchParams,
  rules: readonly Rule[],
  synonyms: SynonymSource | undefined,
  now = new Date(),
): Promise<Merchandised> {
  const { text, ...rest } = await merchandiseText(p.q, rules, synonyms, now, p.context ? [p.context] : []);
  return { ...rest, searched: { ...p, q: text } };
}

/**
 * The search as merchandised: the core request as typed then with typos, shaped by the rules, in one round trip with
 * the pinned products (`searchWithRules`), pins merged (`p` = as asked).
 */
export async function runMerchandisedSearch(m: Merchandised, p: SearchParams, backend: SearchBackend): Promise<SearchResponse> {
  const q = m.searched;
  const ruleVariants = m.plan.filters.flatMap((f) => ruleVariantQueries(f, scopeOf(q)));
  const { response, retried } = await searchWithRules({
    plan: m.plan,
    params: p,
    backend,
    search: (shape) => ({
      asTyped: shape(buildSearchRequest(q, { alternatives: m.alternatives, ruleVariants })),
      // `correct=false` = as typed; a thin search answered by its typo pass says what its results are for (`correction.ts`).
      withTypos: q.correct && typosChange(q.q) ? shape(buildSearchRequest(q, { typos: true, alternatives: m.alternatives, ruleVariants })) : undefined,
    }),
  });
  const correction = retried && readCorrection(retried.answer, q.q, retried.asTypedTotal);
  return correction ? { ...response, correction } : response;
}
