import { describe, expect, it } from 'vitest';
import type { Product } from '@catalog/contract';
import { generateCatalog } from '../../inventory-simulator/src/catalog/generator';
import { parseIntent } from './intent';
import { grade, originOf } from './judge';
import { loadJudgedSet, describeConcept, QUERY_LOG_PATH } from './query-set';
import { loadQueries } from '../search-catalog';
import { readFileSync } from 'node:fs';

const catalog = [...generateCatalog({ seed: 42, count: 4000 })];
const find = (pred: (p: Product) => boolean) => {
  const p = catalog.find(pred);
  if (!p) throw new Error('no such product in the sample');
  return p;
};
const leaf = (p: Product) => p.categories.at(-1);
const g = (q: string, p: Product) => {
  const intent = parseIntent(q);
  if (!intent) throw new Error(`no intent for ${q}`);
  return grade(intent, p);
};

describe('judge', () => {
  it('recovers the generator’s line and noun of every product', () => {
    expect(catalog.filter((p) => !originOf(p).line)).toEqual([]);
  });

  it('grades the variants of a family by the same rules as their siblings: alike unless the query names a varying value (issue 17)', () => {
    const tvs = catalog.filter((p) => p.groupId !== undefined && leaf(p) === '4K UHD TVs' && p.variantAttributes?.includes('tv_size'));
    const family = tvs.filter((p) => p.groupId === tvs[0]?.groupId);
    expect(family.length).toBeGreaterThan(1);
    expect(new Set(family.map((p) => JSON.stringify(originOf(p)))).size).toBe(1);
    const brand = (family[0]?.brand ?? '').toLowerCase();
    expect(new Set(family.map((p) => g(`${brand} tv`, p)))).toEqual(new Set([3]));
    const size = family[0]?.attributes?.tv_size ?? '';
    expect(family.map((p) => g(`${size} ${brand} tv`, p))).toEqual(family.map((p) => (p.attributes?.tv_size === size ? 3 : 2)));
  });

  it('grades the kind, then brand and line, then attributes', () => {
    const samsungTv = find((p) => leaf(p) === '4K UHD TVs' && p.brand === 'Samsung');
    const lgTv = find((p) => leaf(p) === '4K UHD TVs' && p.brand === 'LG');
    const samsungPhone = find((p) => leaf(p) === 'Android Phones' && p.brand === 'Samsung');
    expect([g('samsung tv', samsungTv), g('samsung tv', lgTv), g('samsung tv', samsungPhone)]).toEqual([3, 1, 0]);
    const tv55 = find((p) => leaf(p) === '4K UHD TVs' && p.attributes?.tv_size === '55"');
    const tv65 = find((p) => leaf(p) === '4K UHD TVs' && p.attributes?.tv_size === '65"');
    for (const q of ['55 inch tv', '55" tv', '55in tv']) expect([g(q, tv55), g(q, tv65)], q).toEqual([3, 2]);
  });

  it('a line names its products; a product made for it is second best, or the thing asked for with a category', () => {
    const iphone = find((p) => leaf(p) === 'iPhone');
    const iphoneCase = find((p) => leaf(p) === 'Cases & Screen Protectors' && /iPhone/.test(p.attributes?.compatibility ?? '') && /Case/.test(p.title));
    const galaxyCase = find((p) => leaf(p) === 'Cases & Screen Protectors' && /Galaxy/.test(p.attributes?.compatibility ?? '') && /Case/.test(p.title));
    expect([g('iphone', iphone), g('iphone', iphoneCase), g('iphone', galaxyCase)]).toEqual([3, 2, 0]);
    expect([g('iphone case', iphoneCase), g('iphone case', galaxyCase), g('iphone case', iphone)]).toEqual([3, 1, 0]);
    const air = find((p) => leaf(p) === 'MacBooks' && /MacBook Air/.test(p.title));
    const pro = find((p) => leaf(p) === 'MacBooks' && /MacBook Pro/.test(p.title));
    expect([g('macbook pro', pro), g('macbook pro', air)]).toEqual([3, 1]);
  });

  it('words that mean no product give no intent', () => {
    for (const q of ['facebook', 'orange', 'this is a tested', 'another']) expect(parseIntent(q), q).toBeUndefined();
  });
});

describe('the judged query set', () => {
  const set = loadJudgedSet();
  const log = new Set(loadQueries(QUERY_LOG_PATH).map((q) => q.query));

  it('has at least 200 queries of the real query log, each with its intent as the judge reads it today', () => {
    expect(set.queries.length).toBeGreaterThanOrEqual(200);
    for (const q of set.queries) {
      expect(log.has(q.query), q.query).toBe(true);
      // Out of date after a lexicon or generator change: npm run relevance -- --build-set
      expect(parseIntent(q.query)?.concepts.map(describeConcept), q.query).toEqual(q.intent);
    }
    expect(readFileSync(QUERY_LOG_PATH, 'utf8')).toContain('desktops');
    expect(set.queries.map((q) => q.query)).toContain('desktops');
  });
});
