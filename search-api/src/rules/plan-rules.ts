import { RULE_LIMITS, type Rule, type RuleConsequence, type RuleFilter } from '@catalog/contract';
import { normalizeQuery as normalize } from '../search/normalize';

/** What the rules matching one search ask for, merged in priority order. */
export type RulePlan = {
  /** The applied rules, highest priority first (then id). */
  rules: Rule[];
  /** The text to search after rewrites and removals (the query itself when none). */
  text: string;
  pins: { id: string; position: number }[];
  hide: string[];
  boosts: { filter: RuleFilter; factor: number }[];
  filters: RuleFilter[];
  redirect?: string;
  userData: NonNullable<RuleConsequence['userData']>[];
  /** The applied rules and their versions: part of the cache key, so a change or a window opening makes new keys. */
  key: string;
};

export type RuleRequest = { q: string; contexts: readonly string[]; now: Date };

const words = (t: string) => (t === '' ? [] : t.split(' '));

function containsWords(haystack: string[], needle: string[]): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++) if (needle.every((w, j) => haystack[i + j] === w)) return true;
  return false;
}

/** Whether a rule's condition holds for a search (enabled, in its window, in its context, its pattern matched). */
export function ruleMatches(rule: Rule, r: RuleRequest): boolean {
  const c = rule.condition;
  if (!rule.enabled) return false;
  if (c.from !== undefined && r.now.getTime() < Date.parse(c.from)) return false;
  if (c.until !== undefined && r.now.getTime() >= Date.parse(c.until)) return false;
  if (c.context !== undefined && !r.contexts.includes(c.context)) return false;
  const q = normalize(r.q);
  switch (c.anchoring) {
    case 'is':
      return q === c.pattern;
    case 'starts-with':
      return q === c.pattern || q.startsWith(`${c.pattern} `);
    case 'contains':
      return containsWords(words(q), words(c.pattern));
  }
}

const byPriority = (a: Rule, b: Rule) => b.priority - a.priority || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/**
 * The plan of the rules matching a search: at most `RULE_LIMITS.applied` rules by priority; the first rule that
 * replaces the query wins and removals accumulate; a position or product pinned by a higher rule stays; hides,
 * boosts and filters add up; the first redirect wins; every rule's userData is returned.
 */
export function planRules(all: readonly Rule[], r: RuleRequest): RulePlan {
  const rules = all.filter((rule) => ruleMatches(rule, r)).sort(byPriority).slice(0, RULE_LIMITS.applied);
  let text = normalize(r.q);
  const replace = rules.find((rule) => rule.consequence.query?.replace !== undefined)?.consequence.query?.replace;
  if (replace !== undefined) text = normalize(replace);
  const removed = new Set(rules.flatMap((rule) => rule.consequence.query?.remove ?? []).map(normalize));
  if (removed.size > 0) text = words(text).filter((w) => !removed.has(w)).join(' ');
  const pins: RulePlan['pins'] = [];
  for (const pin of rules.flatMap((rule) => rule.consequence.pins ?? [])) {
    if (!pins.some((p) => p.id === pin.id || p.position === pin.position)) pins.push(pin);
  }
  const hide = [...new Set(rules.flatMap((rule) => rule.consequence.hide ?? []))];
  const redirect = rules.find((rule) => rule.consequence.redirect !== undefined)?.consequence.redirect;
  return {
    rules,
    text,
    pins: pins.filter((p) => !hide.includes(p.id)).sort((a, b) => a.position - b.position),
    hide,
    boosts: rules.flatMap((rule) => rule.consequence.boosts ?? []),
    filters: rules.flatMap((rule) => (rule.consequence.filter ? [rule.consequence.filter] : [])),
    ...(redirect !== undefined ? { redirect } : {}),
    userData: rules.flatMap((rule) => (rule.consequence.userData ? [rule.consequence.userData] : [])),
    key: rules.map((rule) => `${rule.id}@${rule.version}`).join(','),
  };
}
