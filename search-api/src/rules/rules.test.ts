import { describe, expect, it } from 'vitest';
import { Rule, RuleInput, type SearchHit } from '@catalog/contract';
import { planRules, ruleMatches } from './plan-rules';
import { applyRulePlan, mergePins } from './rule-request';

let n = 0;
const rule = (input: unknown, id = `r${++n}`): Rule =>
  Rule.parse({ ...RuleInput.parse(input), id, version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
const now = new Date('2026-12-01T12:00:00Z');
const req = (q: string, contexts: string[] = []) => ({ q, contexts, now });
const hit = (id: string): SearchHit => ({ id, title: id, brand: 'b', categories: ['c'], price: 1, currency: 'EUR', stock: 1, inStock: true, rating: 0, reviewCount: 0 });

describe('rule conditions', () => {
  const is = rule({ condition: { anchoring: 'is', pattern: 'TV' }, consequence: { hide: ['SKU-1'] } });
  const contains = rule({ condition: { anchoring: 'contains', pattern: 'smart tv' }, consequence: { hide: ['SKU-1'] } });
  const starts = rule({ condition: { anchoring: 'starts-with', pattern: 'samsung' }, consequence: { hide: ['SKU-1'] } });
  it.each([
    [is, 'tv', true], [is, ' TV ', true], [is, 'tv stand', false],
    [contains, 'samsung smart tv 55', true], [contains, 'smart tvs', false], [contains, 'tv smart', false],
    [starts, 'samsung tv', true], [starts, 'samsung', true], [starts, 'samsungs', false], [starts, 'the samsung', false],
  ])('%#: "%s" matches %s', (r, q, expected) => expect(ruleMatches(r as Rule, req(q as string))).toBe(expected));

  it('a context and a time window limit a rule', () => {
    const r = rule({
      condition: { anchoring: 'is', pattern: 'tv', context: 'black-friday', from: '2026-11-27T00:00:00Z', until: '2026-12-02T00:00:00Z' },
      consequence: { hide: ['SKU-1'] },
    });
    expect(ruleMatches(r, req('tv', ['black-friday']))).toBe(true);
    expect(ruleMatches(r, req('tv'))).toBe(false);
    expect(ruleMatches(r, { ...req('tv', ['black-friday']), now: new Date('2026-12-02T00:00:00Z') })).toBe(false);
    expect(ruleMatches(r, { ...req('tv', ['black-friday']), now: new Date('2026-11-26T23:59:59Z') })).toBe(false);
    expect(ruleMatches({ ...r, enabled: false }, req('tv', ['black-friday']))).toBe(false);
  });

  it('refuses conditions that cannot be meant', () => {
    expect(RuleInput.safeParse({ condition: { anchoring: 'contains', pattern: '' }, consequence: { hide: ['SKU-1'] } }).success).toBe(false);
    expect(RuleInput.safeParse({ condition: { anchoring: 'is', pattern: 'tv' }, consequence: {} }).success).toBe(false);
    expect(
      RuleInput.safeParse({ condition: { anchoring: 'is', pattern: 'tv', from: '2026-12-02T00:00:00Z', until: '2026-12-01T00:00:00Z' }, consequence: { hide: ['SKU-1'] } }).success,
    ).toBe(false);
    expect(RuleInput.safeParse({ condition: { anchoring: 'is', pattern: 'tv' }, consequence: { redirect: 'javascript:alert(1)' } }).success).toBe(false);
  });
});

describe('planRules', () => {
  it('merges by priority: first replace wins, removals add up, a higher rule keeps its pin position', () => {
    const high = rule({ priority: 10, condition: { anchoring: 'contains', pattern: 'cheap' }, consequence: { query: { remove: ['cheap'] }, pins: [{ id: 'SKU-A', position: 1 }] } });
    const low = rule({ priority: 1, condition: { anchoring: 'contains', pattern: 'tv' }, consequence: { pins: [{ id: 'SKU-B', position: 1 }, { id: 'SKU-C', position: 3 }], userData: { banner: 'tv week' } } });
    const plan = planRules([low, high], req('cheap tv'));
    expect(plan.rules.map((r) => r.id)).toEqual([high.id, low.id]);
    expect(plan.text).toBe('tv');
    expect(plan.pins).toEqual([{ id: 'SKU-A', position: 1 }, { id: 'SKU-C', position: 3 }]);
    expect(plan.userData).toEqual([{ banner: 'tv week' }]);
    expect(plan.key).toBe(`${high.id}@1,${low.id}@1`);
  });

  it('a hidden product is never pinned; no rule = the query unchanged and an empty key', () => {
    const r = rule({ condition: { anchoring: 'is', pattern: 'tv' }, consequence: { hide: ['SKU-A'], pins: [{ id: 'SKU-A', position: 1 }] } });
    expect(planRules([r], req('tv')).pins).toEqual([]);
    expect(planRules([r], req('Radio'))).toMatchObject({ rules: [], text: 'radio', key: '' });
  });
});

describe('pins', () => {
  const plan = planRules([rule({ condition: { anchoring: 'is', pattern: 'tv' }, consequence: { pins: [{ id: 'P1', position: 1 }, { id: 'P3', position: 3 }] } })], req('tv'));
  const organic = Array.from({ length: 30 }, (_, i) => hit(`O${i}`));
  const page = (from: number, size: number, pinned = ['P1', 'P3']) => {
    const body = applyRulePlan({ query: { match_all: {} }, from, size }, plan, true);
    const fetchedFrom = body.from ?? 0;
    return mergePins({
      organic: organic.slice(fetchedFrom, fetchedFrom + (body.size ?? 0)),
      fetchedFrom,
      pinned: new Map(pinned.map((id) => [id, hit(id)])),
      plan,
      from,
      size,
      organicTotal: organic.length,
    }).map((h) => h.id);
  };

  it('places pins at their positions and every organic result exactly once across pages', () => {
    expect(page(0, 4)).toEqual(['P1', 'O0', 'P3', 'O1']);
    expect(page(4, 4)).toEqual(['O2', 'O3', 'O4', 'O5']);
    expect(page(2, 3)).toEqual(['P3', 'O1', 'O2']);
    const all = [0, 5, 10, 15, 20, 25, 30].flatMap((from) => page(from, 5));
    expect(all).toEqual(['P1', 'O0', 'P3', ...organic.slice(1).map((h) => h.id)]);
  });

  it('a pin that does not exist (or is filtered out) leaves no gap', () => {
    expect(page(0, 4, ['P3'])).toEqual(['O0', 'O1', 'P3', 'O2']);
  });

  it('excludes pinned and hidden products from the organic query and widens its window', () => {
    const body = applyRulePlan({ query: { match_all: {} }, from: 20, size: 10 }, plan, true);
    expect(body).toMatchObject({ from: 18, size: 12, query: { bool: { must_not: [{ ids: { values: ['P1', 'P3'] } }] } } });
  });
});
