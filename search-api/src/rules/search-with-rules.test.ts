import { describe, expect, it } from 'vitest';
import { Rule, RuleInput, SearchParams } from '@catalog/contract';
import { fakeBackend } from '../test-support';
import { merchandise, runMerchandisedSearch } from './merchandised-search';

const rule = (input: unknown): Rule => Rule.parse({ ...RuleInput.parse(input), id: 'pin', version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
const pin = rule({ condition: { anchoring: 'is', pattern: 'tv' }, consequence: { pins: [{ id: 'P1', position: 1 }] } });
const product = (id: string) => ({ id, title: id, brand: 'b', categories: ['c'], price: 1, currency: 'EUR', stock: 1, rating: 0, reviewCount: 0 });

/** A backend whose pinned request (size = pins) holds P1 and whose core search holds O1 and O2 (500 matches: not thin). */
const backend = () => {
  const answer = (body: { size?: number | undefined }) =>
    body.size === 1
      ? { hits: { hits: [{ _id: 'P1', _source: product('P1') }] } }
      : { took: 1, hits: { total: { value: 500 }, hits: [{ _source: product('O1') }, { _source: product('O2') }] }, aggregations: {} };
  const calls = { search: 0, msearch: 0 };
  const bodies: unknown[] = [];
  const b = fakeBackend({
    search: async (body) => {
      calls.search++;
      bodies.push(body);
      return answer(body);
    },
    multiSearch: async (all) => {
      calls.msearch++;
      bodies.push(...all);
      return all.map(answer);
    },
  });
  return Object.assign(b, { calls, bodies });
};

describe('REST search with pins: one Elasticsearch round trip (as the Algolia batch)', () => {
  it('the core search and the pinned products go in one _msearch; the pin takes its position', async () => {
    const p = SearchParams.parse({ q: 'tv', group: 'false', per_page: '3' });
    const b = backend();
    const r = await runMerchandisedSearch(await merchandise(p, [pin], undefined), p, b);
    expect(b.calls).toMatchObject({ search: 0, msearch: 1 });
    expect(b.bodies).toHaveLength(2);
    expect(r.hits.map((h) => h.id)).toEqual(['P1', 'O1', 'O2']);
    expect(r.total).toBe(501);
    expect(r.rules?.applied).toEqual(['pin']);
  });

  it('without a pin in force (another sort) the search is one plain search', async () => {
    const p = SearchParams.parse({ q: 'tv', group: 'false', sort: 'price_asc' });
    const b = backend();
    const r = await runMerchandisedSearch(await merchandise(p, [pin], undefined), p, b);
    expect(b.calls).toMatchObject({ search: 1, msearch: 0 });
    expect(r.hits.map((h) => h.id)).toEqual(['O1', 'O2']);
  });
});
