import type { Client } from '@elastic/elasticsearch';
import { Rule, RULE_LIMITS } from '@catalog/contract';
import { createIndexSnapshotReader } from '../es/index-snapshot';

/** The query rules in force (search-api reads `<alias>-rules` at most once per refresh). */
export type RuleSource = () => Promise<readonly Rule[]>;

export function createRuleSource(o: { client: Client; index: string; refreshMs: number; onError?: (err: unknown) => void; now?: () => number }): RuleSource {
  const read = createIndexSnapshotReader({ ...o, schema: Rule, max: RULE_LIMITS.rules });
  return async () => (await read()).items;
}

/** Fixed rules (tests) or none. */
export const staticRuleSource =
  (rules: readonly Rule[] = []): RuleSource =>
  async () =>
    rules;
