import { describe, expect, it } from 'vitest';
import { Rule, RuleInput, SearchParams } from '@catalog/contract';
import { indexSorts, parseAlgoliaQuery } from '../algolia/params';
import { planBatch } from '../algolia/plan';
import { buildSearchRequest } from '../search/build-search-request';
import { FLAT, GROUPED } from '../search/filters';
import { planRules } from './plan-rules';
import { applyRulePlan, pinnedRequest, ruleFilterQuery, ruleVariantQueries } from './rule-request';

const rule = (input: unknown, id: string): Rule =>
  Rule.parse({ ...RuleInput.parse(input), id, version: 1, updatedAt: '2026-12-01T00:00:00Z', updatedBy: 'test' });
const now = new Date('2026-12-01T12:00:00Z');

describe('query rules over families (group=true)', () => {
  const plan = planRules(
    [
      rule({ condition: { anchoring: 'is', pattern: 'tee' }, consequence: { hide: ['T-9'], pins: [{ id: 'T-2', position: 1 }] } }, 'r1'),
      rule({ condition: { anchoring: 'is', pattern: 'tee' }, consequence: { filter: { brand: ['Acme'], attr: { color: ['blue'] }, priceMax: 30 } } }, 'r2'),
    ],
    { q: 'tee', contexts: [], now },
  );

  it('a hidden or pinned product id takes its family (memberIds) out of the organic results', () => {
    const body = applyRulePlan({ query: { match_all: {} }, from: 0, size: 10 }, plan, true, GROUPED);
    expect(body.query?.bool?.must_not).toEqual([{ terms: { memberIds: ['T-9', 'T-2'] } }]);
    expect(applyRulePlan({ query: { match_all: {} } }, plan, true, FLAT).query?.bool?.must_not).toEqual([{ ids: { values: ['T-9', 'T-2'] } }]);
  });

  it('a rule filter holds on the family (brand) and on one variant (attributes and price together)', () => {
    const filter = plan.filters[0];
    if (!filter) throw new Error('no filter');
    expect(ruleFilterQuery(filter, GROUPED)).toEqual({
      bool: {
        filter: [
          { terms: { 'brand.keyword': ['Acme'] } },
          { nested: { path: 'variants', query: { bool: { filter: [{ terms: { 'variants.attributePairs': ['color=blue'] } }, { range: { 'variants.price': { lte: 30 } } }] } } } },
        ],
      },
    });
    expect(ruleFilterQuery(filter, FLAT)).toEqual({
      bool: { filter: [{ terms: { 'brand.keyword': ['Acme'] } }, { terms: { attributePairs: ['color=blue'] } }, { range: { price: { lte: 30 } } }] },
    });
  });

  it('a grouped price sort reads the variants the rule filters keep (REST and Algolia), as a request filter does', () => {
    const filter = plan.filters[0];
    if (!filter) throw new Error('no filter');
    const ruleVariants = ruleVariantQueries(filter, GROUPED);
    expect(ruleVariants).toEqual([{ terms: { 'variants.attributePairs': ['color=blue'] } }, { range: { 'variants.price': { lte: 30 } } }]);
    const nestedSort = { path: 'variants', filter: { bool: { filter: [{ term: { 'variants.inStock': true } }, ...ruleVariants] } } };
    const rest = buildSearchRequest(SearchParams.parse({ q: 'tee', sort: 'price_desc', in_stock: 'true' }), { ruleVariants });
    expect([rest.sort].flat()[0]).toEqual({ 'variants.price': { order: 'desc', mode: 'max', nested: nestedSort } });
    const algolia = parseAlgoliaQuery({ indexName: 'products_price_desc', query: 'tee', distinct: true, numericFilters: ['inStock=1'] }, { where: '', sorts: indexSorts('products') });
    const [search] = planBatch([algolia], [{ alternatives: [], plan }]);
    const variantFilter = algolia.variantFilter;
    expect([search?.body.sort].flat()[0]).toEqual({
      'variants.price': { order: 'desc', mode: 'max', nested: { path: 'variants', filter: { bool: { filter: [variantFilter, ...ruleVariants] } } } },
    });
  });

  it('grouped variant-level facets count the variants the rule filters keep (REST and Algolia)', () => {
    const filter = plan.filters[0];
    if (!filter) throw new Error('no filter');
    const ruleVariants = ruleVariantQueries(filter, GROUPED);
    const rest = buildSearchRequest(SearchParams.parse({ q: 'tee' }), { ruleVariants });
    // No filter is active, so the facet's parts are at the top level (hoistUnfiltered).
    expect(rest.aggs?.['facet_price:variants']?.aggs?.matching?.filter).toEqual({ bool: { filter: ruleVariants } });
    const algolia = parseAlgoliaQuery({ indexName: 'products', query: 'tee', distinct: true, facets: ['attributes.size'] }, { where: '', sorts: indexSorts('products') });
    const [search] = planBatch([algolia], [{ alternatives: [], plan }]);
    expect(search?.body.aggs?.f0?.aggs?.matching?.filter).toEqual({ bool: { filter: ruleVariants } });
  });

  it('the pinned request finds the families of the pinned products', () => {
    const body = pinnedRequest(plan, [], ['id', 'memberIds'], GROUPED);
    expect(body.query?.bool?.filter).toContainEqual({ terms: { memberIds: ['T-2'] } });
  });
});
