import type { Client } from '@elastic/elasticsearch';
import { merchAuditIndexName, Rule, RULE_LIMITS, ruleIndexName, type RuleInput } from '@catalog/contract';
import { createVersionedStore, type VersionedStore } from './versioned-store';

export type RuleStore = VersionedStore<RuleInput, Rule>;

/** Query rules in `<alias>-rules` (search-api reads them all; nothing but `id` is searched), changes audited (kind `rule`). */
export function createRuleStore(o: { client: Client; alias: string; now?: () => Date }): RuleStore {
  return createVersionedStore<RuleInput, Rule>({
    client: o.client,
    index: ruleIndexName(o.alias),
    auditIndex: merchAuditIndexName(o.alias),
    kind: 'rule',
    schema: Rule,
    maxItems: RULE_LIMITS.rules,
    mappings: { dynamic: false, properties: { id: { type: 'keyword' }, version: { type: 'integer' }, updatedAt: { type: 'date' } } },
    now: o.now,
  });
}
