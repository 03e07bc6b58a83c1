import { describe, expect, it } from 'vitest';
import { Rule, RuleInput, SearchParams } from '@catalog/contract';
import { staticSynonymSource, type SynonymSource } from '../synonyms/synonym-source';
import { MerchandiseMemo, nextEdge, ruleWindowEdges } from './merchandise-memo';

let n = 0;
const rule = (input: unknown): Rule => Rule.parse({ ...RuleInput.parse(input), id: `r${++n}`, version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
const at = (iso: string) => Date.parse(iso);
/** As the route keeps parameters: frozen, one object per query string. */
const kept = (q: string) => Object.freeze(SearchParams.parse({ q }));
const replaceTv = (window: { from?: string; until?: string } = {}) =>
  rule({ condition: { anchoring: 'is', pattern: 'tv', ...window }, consequence: { query: { replace: 'television' } } });

describe('rule window edges', () => {
  it('are the distinct from/until instants in order, and the next one is the first after now', () => {
    const edges = ruleWindowEdges([
      replaceTv({ from: '2026-12-03T00:00:00Z', until: '2026-12-04T00:00:00Z' }),
      replaceTv({ until: '2026-12-03T00:00:00Z' }),
      replaceTv(),
    ]);
    expect(edges).toEqual([at('2026-12-03T00:00:00Z'), at('2026-12-04T00:00:00Z')]);
    expect(nextEdge(edges, at('2026-12-02T00:00:00Z'))).toBe(at('2026-12-03T00:00:00Z'));
    expect(nextEdge(edges, at('2026-12-03T00:00:00Z'))).toBe(at('2026-12-04T00:00:00Z'));
    expect(nextEdge(edges, at('2026-12-05T00:00:00Z'))).toBe(Infinity);
  });
});

describe('merchandising kept with the parameters (issue 18)', () => {
  const now = at('2026-12-02T12:00:00Z');

  it('a repeat of kept parameters gets the very result of the first, frozen; parameters not kept are merchandised each time', async () => {
    const memo = new MerchandiseMemo();
    const rules = [replaceTv()];
    const p = kept('tv');
    const first = await memo.merchandise(p, rules, undefined, now);
    expect(first.searched.q).toBe('television');
    expect(await memo.merchandise(p, rules, undefined, now + 1000)).toBe(first);
    expect(Object.isFrozen(first) && Object.isFrozen(first.searched)).toBe(true);
    const loose = SearchParams.parse({ q: 'tv' });
    expect(await memo.merchandise(loose, rules, undefined, now)).not.toBe(await memo.merchandise(loose, rules, undefined, now));
  });

  it('a new rules snapshot is planned again', async () => {
    const memo = new MerchandiseMemo();
    const p = kept('tv');
    expect((await memo.merchandise(p, [], undefined, now)).searched.q).toBe('tv');
    expect((await memo.merchandise(p, [replaceTv()], undefined, now)).searched.q).toBe('television');
  });

  it('a rule whose window opens, then closes, applies from its first instant and stops at its last', async () => {
    const memo = new MerchandiseMemo();
    const rules = [replaceTv({ from: '2026-12-02T13:00:00Z', until: '2026-12-02T14:00:00Z' })];
    const p = kept('tv');
    const q = async (iso: string) => (await memo.merchandise(p, rules, undefined, at(iso))).searched.q;
    expect(await q('2026-12-02T12:00:00Z')).toBe('tv');
    expect(await q('2026-12-02T12:59:59.999Z')).toBe('tv');
    expect(await q('2026-12-02T13:00:00Z')).toBe('television');
    expect(await q('2026-12-02T13:59:59.999Z')).toBe('television');
    expect(await q('2026-12-02T14:00:00Z')).toBe('tv');
  });

  it('new synonyms give new alternatives and a new key suffix', async () => {
    const memo = new MerchandiseMemo();
    let sets = staticSynonymSource();
    const synonyms: SynonymSource = { snapshot: () => sets.snapshot(), expand: (q) => sets.expand(q) };
    const p = kept('tv');
    const rules: Rule[] = [];
    const before = await memo.merchandise(p, rules, synonyms, now);
    expect(await memo.merchandise(p, rules, synonyms, now)).toBe(before);
    sets = staticSynonymSource([{ type: 'equivalent', terms: ['tv', 'television'] }]);
    const after = await memo.merchandise(p, rules, synonyms, now);
    expect(after.alternatives).toEqual(['television']);
    expect(after.keySuffix).not.toBe(before.keySuffix);
  });
});
