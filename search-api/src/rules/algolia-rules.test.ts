import { describe, expect, it } from 'vitest';
import { Rule, RuleInput } from '@catalog/contract';
import { algoliaRuleFields, contextsFromRuleContexts } from './algolia-rules';
import { planRules } from './plan-rules';

const now = new Date('2026-12-01T12:00:00Z');
const rule = (input: unknown, id: string): Rule => Rule.parse({ ...RuleInput.parse(input), id, version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });

describe('Algolia fields of a rule plan', () => {
  it('ruleContexts → contexts: lowercased (InstantSearch sends ais-brand-Sony), deduplicated, sorted, invalid ones dropped, at most 10 read', () => {
    expect(contextsFromRuleContexts(['mobile', 'Bad Context', 'black-friday', 'ais-brand-Sony', 'MOBILE'])).toEqual(['ais-brand-sony', 'black-friday', 'mobile']);
    expect(contextsFromRuleContexts(Array.from({ length: 12 }, (_, i) => `c${i}`))).toHaveLength(10);
    expect(contextsFromRuleContexts([])).toEqual([]);
  });

  it('userData and the redirect in Algolia’s shape; appliedRules only with getRankingInfo; nothing without rules', () => {
    const r = rule({ condition: { anchoring: 'is', pattern: 'returns', context: 'mobile' }, consequence: { redirect: 'https://shop.example/returns', userData: { banner: 'b' } } }, 'ret');
    const plan = planRules([r], { q: 'returns', contexts: contextsFromRuleContexts(['Mobile']), now });
    const redirect = { renderingContent: { redirect: { url: 'https://shop.example/returns' } } };
    expect(algoliaRuleFields(plan, false)).toEqual({ userData: [{ banner: 'b' }], ...redirect });
    expect(algoliaRuleFields(plan, true)).toEqual({ userData: [{ banner: 'b' }], appliedRules: [{ objectID: 'ret' }], ...redirect });
    expect(algoliaRuleFields(planRules([r], { q: 'returns', contexts: [], now }), true)).toEqual({});
  });
});
