import { describe, expect, it } from 'vitest';
import { Rule, RuleInput } from '@catalog/contract';
import { staticRuleSource } from '../rules/rule-source';
import { staticSynonymSource } from '../synonyms/synonym-source';
import { fakeBackend } from '../test-support';
import { createAlgoliaService } from './algolia-service';
import { AlgoliaMerchandiseMemo, merchandiseBatch } from './merchandise-batch';
import { indexSorts, parseAlgoliaQuery } from './params';
import { ParsedQueries } from './parsed-queries';
import { AlgoliaResult } from './results';
import { resultParts, type SplicedResult } from './stored-results';
import { AnswerBodies } from '../search/answer-bodies';

const sorts = indexSorts('products');
/** The results as a client reads them. */
const parsed = (results: SplicedResult[]) => results.map((r) => AlgoliaResult.parse(JSON.parse(new AnswerBodies().plain(resultParts(r)).toString('utf8'))));
const q = (raw: Record<string, unknown>) => parseAlgoliaQuery({ indexName: 'products', ...raw }, { where: '', sorts });
const rule = (input: unknown, id: string, version = 1): Rule =>
  Rule.parse({ ...RuleInput.parse(input), id, version, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
const source = (id: string, title = id) => ({ id, title, brand: 'Acme', categories: ['Audio'], price: 10, currency: 'USD', stock: 1, inStock: true, rating: 4, reviewCount: 2 });
const answer = (ids: string[], total = 50) => ({ took: 1, hits: { total: { value: total }, hits: ids.map((id) => ({ _id: id, _source: source(id) })) }, aggregations: {} });

const pin = rule({ condition: { anchoring: 'is', pattern: 'headphones' }, consequence: { pins: [{ id: 'P', position: 2 }], userData: { banner: 'Audio week' } } }, 'pin');
const mobile = rule({ condition: { anchoring: 'is', pattern: 'returns', context: 'mobile' }, consequence: { redirect: 'https://shop.example/returns' } }, 'ret');
const cheap = rule({ condition: { anchoring: 'starts-with', pattern: 'cheap' }, consequence: { query: { remove: ['cheap'] }, filter: { priceMax: 50 } } }, 'cheap');
const rules = staticRuleSource([pin, mobile, cheap]);

describe('merchandiseBatch', () => {
  it('chooses each query’s rules by its text and ruleContexts, rewrites, expands synonyms and names what applied in the key', async () => {
    const synonyms = staticSynonymSource([{ type: 'equivalent', terms: ['headphones', 'cans'] }]);
    const m = await merchandiseBatch(
      [q({ query: 'cheap headphones' }), q({ query: 'returns', ruleContexts: ['Mobile'] }), q({ query: 'returns' }), q({ query: 'returns', ruleContexts: ['mobile'], enableRules: false })],
      { rules, synonyms },
    );
    expect(m.searched.map((s) => s.query)).toEqual(['headphones', 'returns', 'returns', 'returns']);
    expect(m.shaping[0]?.alternatives).toEqual(['cans']);
    expect(m.shaping.map((s) => s.plan.rules.map((r) => r.id))).toEqual([['cheap'], ['ret'], [], []]);
    expect(m.keySuffixes[1]).toContain('|rules:ret@1');
    expect(m.keySuffixes[3]).not.toContain('|rules:');
    expect(m.keySuffixes.every((k) => k.includes('|syn:'))).toBe(true);
  });
  it('keeps a parsed query’s merchandising for every visitor while rules, synonyms and rule windows stay the same (issue 18)', async () => {
    const parsedQueries = new ParsedQueries();
    const visitor = (userToken: string, query = 'tv') => parsedQueries.parse({ indexName: 'products', query, userToken }, { where: '', sorts });
    const at = (iso: string) => new Date(iso);
    const sale = rule({ condition: { anchoring: 'is', pattern: 'tv', until: '2026-12-03T12:00:00Z' }, consequence: { query: { replace: 'television' } } }, 'sale');
    const inForce = [sale];
    const sources = { rules: async () => inForce, synonyms: staticSynonymSource() };
    const memo = new AlgoliaMerchandiseMemo();
    const ann = await merchandiseBatch([visitor('ann')], sources, at('2026-12-03T10:00:00Z'), memo);
    const ben = await merchandiseBatch([visitor('ben')], sources, at('2026-12-03T11:00:00Z'), memo);
    expect(ann.searched[0]).toMatchObject({ query: 'television', userToken: 'ann' });
    expect(ben.searched[0]).toMatchObject({ query: 'television', userToken: 'ben' });
    // One merchandising shared by both visitors: the very same plan, frozen.
    expect(ben.shaping[0]?.plan).toBe(ann.shaping[0]?.plan);
    expect(ben.keySuffixes).toEqual(ann.keySuffixes);
    // The rule's window closes: the next batch is merchandised again and the rule no longer applies.
    const after = await merchandiseBatch([visitor('cy')], sources, at('2026-12-03T12:00:00Z'), memo);
    expect(after.searched[0]?.query).toBe('tv');
    expect(after.keySuffixes[0]).not.toContain('|rules:');
    // Another text is its own entry.
    expect((await merchandiseBatch([visitor('ann', 'radio')], sources, at('2026-12-03T10:00:00Z'), memo)).searched[0]?.query).toBe('radio');
  });
});

describe('the Algolia service with rules', () => {
  const service = (backend = fakeBackend()) =>
    createAlgoliaService({ backend, rules, synonyms: staticSynonymSource(), cachedSearch: async (_key, compute) => ({ value: await compute(), hit: false }) });

  it('fetches the pins in the same round trip and merges them at their positions; userData, appliedRules and promoted with getRankingInfo', async () => {
    const rounds: unknown[][] = [];
    const backend = fakeBackend({
      multiSearch: async (all) => {
        rounds.push(all);
        return [answer(['A', 'B', 'C']), answer(['P'], 1)];
      },
    });
    const { results } = await service(backend).run([q({ query: 'headphones', hitsPerPage: 2, getRankingInfo: true })]);
    expect(rounds).toHaveLength(1);
    expect(rounds[0]).toHaveLength(2);
    expect(JSON.stringify(rounds[0]?.[0])).toContain('"must_not":[{"ids":{"values":["P"]}}]');
    expect(rounds[0]?.[1]).toMatchObject({ size: 1, query: { bool: { filter: [{ ids: { values: ['P'] } }] } } });
    const [r] = parsed(results);
    expect(r && 'hits' in r ? r.hits.map((h) => [h.objectID, h._rankingInfo]) : []).toEqual([['A', undefined], ['P', { promoted: true }]]);
    expect(r).toMatchObject({ nbHits: 51, nbPages: 26, userData: [{ banner: 'Audio week' }], appliedRules: [{ objectID: 'pin' }] });
  });

  it('under distinct a pinned product’s family takes the pin’s position, represented by the pinned variant; the organic search leaves that family out', async () => {
    const variant = (id: string, color: string) => ({ id, title: `Tee ${color}`, price: 20, stock: 1, inStock: true, attributePairs: [`color=${color}`], variantAttributes: ['color'] });
    const family = (id: string, members: string[]) => ({
      _id: id,
      _source: { ...source(members[0] ?? id, `Tee ${id}`), groupId: id, memberIds: members, variants: members.map((m, i) => variant(m, i === 0 ? 'Red' : 'Blue')) },
    });
    const rounds: unknown[][] = [];
    const backend = fakeBackend({
      multiSearch: async (all) => {
        rounds.push(all);
        const organic = { took: 1, hits: { total: { value: 40 }, hits: [family('F1', ['A1']), family('F2', ['B1'])] }, aggregations: {} };
        return [organic, { took: 1, hits: { total: { value: 1 }, hits: [family('FP', ['P0', 'P'])] } }];
      },
    });
    const { results } = await service(backend).run([q({ query: 'headphones', hitsPerPage: 2, distinct: true })]);
    expect(JSON.stringify(rounds[0]?.[0])).toContain('"must_not":[{"terms":{"memberIds":["P"]}}]');
    expect(rounds[0]?.[1]).toMatchObject({ query: { bool: { filter: [{ terms: { memberIds: ['P'] } }] } } });
    const [r] = parsed(results);
    expect(r && 'hits' in r ? r.hits.map((h) => h.objectID) : []).toEqual(['A1', 'P']);
    expect(r).toMatchObject({ nbHits: 41 });
  });

  it('a helper batch with a rule filter stays one search: the filter narrows hits and facet counts; no appliedRules without getRankingInfo', async () => {
    const members = { m0: { doc_count: 5 }, m1: { doc_count: 7 } };
    const bodies: unknown[] = [];
    const backend = fakeBackend({ search: async (body) => (bodies.push(body), { ...answer([]), aggregations: members }), multiSearch: async () => [] });
    const { results } = await service(backend).run([
      q({ query: 'cheap lamp', facets: ['brand'], facetFilters: [['brand:Acme']] }),
      q({ query: 'cheap lamp', facets: ['brand'], hitsPerPage: 0 }),
    ]);
    expect(bodies).toHaveLength(1);
    expect(JSON.stringify(bodies[0])).toContain('{"range":{"price":{"lte":50}}}');
    expect(JSON.stringify(bodies[0])).not.toContain('cheap');
    expect(results[0]).not.toHaveProperty('appliedRules');
    expect(results[0]).not.toHaveProperty('userData');
  });

  it('a redirect is renderingContent.redirect.url; queries whose rules change the request differently get their own search', async () => {
    const backend = fakeBackend({}, { total: 50 });
    const results = parsed((await service(backend).run([q({ query: 'returns', ruleContexts: ['mobile'] }), q({ query: 'cheap returns' })])).results);
    expect(results[0]).toMatchObject({ renderingContent: { redirect: { url: 'https://shop.example/returns' } } });
    expect(results[1]).toMatchObject({ renderingContent: {} });
    expect(backend.calls).toMatchObject({ search: 0, msearch: 1 });
    expect(backend.bodies).toHaveLength(2);
  });
});
