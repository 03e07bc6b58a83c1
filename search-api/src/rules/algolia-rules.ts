import { RuleContext } from '@catalog/contract';
import type { RulePlan } from './plan-rules';

/** Contexts a search may name: Algolia's `ruleContexts` allows 10. */
const MAX_CONTEXTS = 10;

/**
 * Algolia's `ruleContexts` (an array of strings) → the contexts query rules match on. Values rules could never carry
 * (not `RuleContext`) match nothing and are dropped, as is anything that is not an array of strings; at most 10.
 */
export function contextsFromRuleContexts(ruleContexts: unknown): string[] {
  if (!Array.isArray(ruleContexts)) return [];
  return ruleContexts.filter((c): c is string => typeof c === 'string' && RuleContext.safeParse(c).success).slice(0, MAX_CONTEXTS);
}

/**
 * What an Algolia search answer carries about the rules that applied (nothing when none did): `userData` (each rule's
 * userData, in order), `appliedRules` (`[{ objectID }]`, as Algolia returns with `getRankingInfo`), and a redirect as
 * Algolia's `renderingContent.redirect.url`.
 */
export function algoliaRuleFields(plan: RulePlan): {
  userData?: Record<string, unknown>[];
  appliedRules?: { objectID: string }[];
  renderingContent?: { redirect: { url: string } };
} {
  if (plan.rules.length === 0) return {};
  return {
    ...(plan.userData.length > 0 ? { userData: plan.userData } : {}),
    appliedRules: plan.rules.map((r) => ({ objectID: r.id })),
    ...(plan.redirect !== undefined ? { renderingContent: { redirect: { url: plan.redirect } } } : {}),
  };
}
