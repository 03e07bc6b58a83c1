import { RuleContext } from '@catalog/contract';
import type { RulePlan } from './plan-rules';

/** Contexts a search may name: Algolia's `ruleContexts` allows 10. */
const MAX_CONTEXTS = 10;

/**
 * Algolia's `ruleContexts` → the contexts query rules match on: lowercased (rule contexts are lowercase, and
 * InstantSearch's `queryRuleContext` sends `ais-<attribute>-<Value>`), deduplicated and sorted (one cache key per set).
 * Values rules could never carry (not a `RuleContext`) match nothing and are dropped; at most 10 are read.
 */
export function contextsFromRuleContexts(ruleContexts: readonly string[]): string[] {
  const contexts = ruleContexts.slice(0, MAX_CONTEXTS).map((c) => c.toLowerCase());
  return [...new Set(contexts.filter((c) => RuleContext.safeParse(c).success))].sort();
}

/** What an Algolia search answer says about the rules that applied (`algoliaRuleFields`). */
export type AlgoliaRuleFields = {
  userData?: Record<string, unknown>[];
  appliedRules?: { objectID: string }[];
  renderingContent?: { redirect: { url: string } };
};

/**
 * What an Algolia search answer carries about the rules that applied (nothing when none did): `userData` (each rule's
 * userData, in order, as InstantSearch's `queryRuleCustomData` reads it), a redirect as Algolia's
 * `renderingContent.redirect.url`, and with `getRankingInfo` the applied rules as `appliedRules: [{ objectID }]`.
 */
export function algoliaRuleFields(plan: RulePlan, getRankingInfo: boolean): AlgoliaRuleFields {
  if (plan.rules.length === 0) return {};
  return {
    ...(plan.userData.length > 0 ? { userData: plan.userData } : {}),
    ...(getRankingInfo ? { appliedRules: plan.rules.map((r) => ({ objectID: r.id })) } : {}),
    ...(plan.redirect !== undefined ? { renderingContent: { redirect: { url: plan.redirect } } } : {}),
  };
}
