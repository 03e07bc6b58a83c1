import { describe, expect, it } from 'vitest';
import { SearchParams, VARIANT_LIMITS } from '@catalog/contract';
import { highlightTitle } from './family-hit';
import { mapSearchHit } from './map-search-response';
import { chooseRepresentative, ruleVariantMatcher, textMatch, variantMatcher, type FamilyVariant } from './representative';

const params = (input: Record<string, unknown>) => SearchParams.parse(input);
const variant = (id: string, color: string, size: string, extra: Partial<FamilyVariant> = {}): FamilyVariant => ({
  id,
  title: `Cotton Tee ${color} ${size}`,
  price: 20,
  stock: 3,
  inStock: true,
  popularity: 1,
  attributePairs: [`color=${color}`, `size=${size}`, 'material=cotton'],
  variantAttributes: ['color', 'size'],
  ...extra,
});
const RED_S = variant('T-1', 'Red', 'S', { popularity: 9, price: 25, imageUrl: 'https://img.example/red.jpg' });
const BLUE_M = variant('T-2', 'Blue', 'M', { price: 18 });
const BLUE_L = variant('T-3', 'Blue', 'L', { price: 22, stock: 0, inStock: false });
const FAMILY = [RED_S, BLUE_M, BLUE_L];
const any = () => true;

describe('variantMatcher: the variant filters of a request, one variant at a time', () => {
  it.each([
    [{}, ['T-1', 'T-2', 'T-3']],
    [{ attr: { color: ['Blue'] } }, ['T-2', 'T-3']],
    [{ attr: { color: ['Blue', 'Red'], size: ['L'] } }, ['T-3']],
    [{ in_stock: 'true' }, ['T-1', 'T-2']],
    [{ in_stock: 'false' }, ['T-3']],
    [{ price_min: 19, price_max: 24 }, ['T-3']],
    [{ attr: { color: ['Blue'] }, in_stock: 'true' }, ['T-2']],
    [{ brand: ['Other'], rating_min: 5 }, ['T-1', 'T-2', 'T-3']],
  ])('%j → %j', (input, ids) => {
    expect(FAMILY.filter(variantMatcher(params(input))).map((v) => v.id)).toEqual(ids);
  });

  it.each([
    [{}, [{ attr: { color: ['Blue'] } }], ['T-2', 'T-3']],
    [{}, [{ brand: ['Acme'], priceMax: 20 }], ['T-2']],
    [{}, [{ attr: { color: ['Blue'] } }, { priceMin: 19 }], ['T-3']],
    [{ in_stock: 'true' }, [{ attr: { color: ['Blue'] } }], ['T-2']],
    [{ attr: { color: ['Red'] } }, [{ attr: { color: ['Blue'] } }], []],
    [{}, [{ brand: ['Other'], category: 'Nowhere' }], ['T-1', 'T-2', 'T-3']],
  ])('%j with the rule filters %j (their attr and price parts: one variant at a time) → %j', (input, ruleFilters, ids) => {
    expect(FAMILY.filter(variantMatcher(params(input), ruleFilters)).map((v) => v.id)).toEqual(ids);
    expect(FAMILY.filter(ruleVariantMatcher(ruleFilters)).every(variantMatcher(params({}), ruleFilters))).toBe(true);
  });
});

describe('chooseRepresentative', () => {
  it('without text or filters: the most popular variant (the primary), ties by lowest id', () => {
    expect(chooseRepresentative(FAMILY, any, '')?.id).toBe('T-1');
    expect(chooseRepresentative([BLUE_L, BLUE_M], any, '')?.id).toBe('T-2');
  });
  it('the Blue filter makes a Blue variant represent', () => {
    expect(chooseRepresentative(FAMILY, variantMatcher(params({ attr: { color: ['Blue'] } })), '')?.id).toBe('T-2');
  });
  it('the best text match of title and attribute values beats popularity; a prefix counts for the last word', () => {
    expect(textMatch(BLUE_L, 'tee blue l')).toBe(3);
    expect(textMatch(BLUE_L, 'tee bl')).toBe(2);
    expect(chooseRepresentative(FAMILY, any, 'blue tee l')?.id).toBe('T-3');
    expect(chooseRepresentative(FAMILY, any, 'tee')?.id).toBe('T-1');
  });
  it('a preferred (pinned) variant represents when it matches, and only then; no matching variant = all compete', () => {
    expect(chooseRepresentative(FAMILY, any, '', 'T-3')?.id).toBe('T-3');
    expect(chooseRepresentative(FAMILY, variantMatcher(params({ in_stock: 'true' })), '', 'T-3')?.id).toBe('T-1');
    expect(chooseRepresentative(FAMILY, () => false, '')?.id).toBe('T-1');
    expect(chooseRepresentative([], any, '')).toBeUndefined();
  });
});

describe('grouped hit', () => {
  const source = {
    id: 'T-1', title: RED_S.title, brand: 'Acme', categories: ['Apparel'], price: 25, currency: 'EUR', stock: 3, inStock: true, rating: 4,
    reviewCount: 2, imageUrl: 'https://img.example/red.jpg', groupId: 'TEE', memberIds: ['T-1', 'T-2', 'T-3'], variants: FAMILY,
  };
  const hit = (input: Record<string, unknown>, highlight?: Record<string, string[]>) => mapSearchHit(source, highlight, params(input));

  it('a family as its primary: the family fields, every variant (varying attributes only), the price range, the size', () => {
    expect(hit({ q: 'tee' }, { title: ['Cotton <em>Tee</em> Red S'] })).toEqual({
      id: 'T-1', title: RED_S.title, brand: 'Acme', categories: ['Apparel'], price: 25, currency: 'EUR', stock: 3, inStock: true, rating: 4,
      reviewCount: 2, imageUrl: 'https://img.example/red.jpg', highlight: { title: 'Cotton <em>Tee</em> Red S' }, groupId: 'TEE', variantCount: 3,
      priceRange: { min: 18, max: 25 },
      variants: [
        { id: 'T-1', title: 'Cotton Tee Red S', attributes: { color: 'Red', size: 'S' }, price: 25, stock: 3, inStock: true, imageUrl: 'https://img.example/red.jpg', matches: true },
        { id: 'T-2', title: 'Cotton Tee Blue M', attributes: { color: 'Blue', size: 'M' }, price: 18, stock: 3, inStock: true, matches: true },
        { id: 'T-3', title: 'Cotton Tee Blue L', attributes: { color: 'Blue', size: 'L' }, price: 22, stock: 0, inStock: false, matches: true },
      ],
    });
  });

  it('filtered by Blue: the Blue variant represents (its fields), matching variants first, price range over them', () => {
    const h = hit({ q: 'tee', attr: { color: ['Blue'] } }, { title: ['Cotton <em>Tee</em> Red S'] });
    expect(h).toMatchObject({ id: 'T-2', title: BLUE_M.title, price: 18, stock: 3, inStock: true, priceRange: { min: 18, max: 22 } });
    // The representative has no image of its own: the family's stays.
    expect(h?.imageUrl).toBe('https://img.example/red.jpg');
    expect(h?.variants?.map((v) => [v.id, v.matches])).toEqual([['T-2', true], ['T-3', true], ['T-1', false]]);
    expect(h?.highlight).toEqual({ title: 'Cotton <em>Tee</em> Blue M' });
  });

  it('a rule filtering color:Blue makes a Blue variant represent, as ?color=Blue does; a pinned Red variant then does not', () => {
    const byRule = mapSearchHit(source, { title: ['Cotton <em>Tee</em> Red S'] }, params({ q: 'tee' }), { ruleFilters: [{ attr: { color: ['Blue'] } }] });
    const byRequest = hit({ q: 'tee', attr: { color: ['Blue'] } }, { title: ['Cotton <em>Tee</em> Red S'] });
    expect(byRule).toEqual(byRequest);
    expect(byRule?.variants?.map((v) => [v.id, v.matches])).toEqual([['T-2', true], ['T-3', true], ['T-1', false]]);
    expect(mapSearchHit(source, undefined, params({}), { prefer: 'T-1', ruleFilters: [{ attr: { color: ['Blue'] } }] })?.id).toBe('T-2');
    expect(mapSearchHit(source, undefined, params({}), { prefer: 'T-3', ruleFilters: [{ attr: { color: ['Blue'] } }] })?.id).toBe('T-3');
  });

  it('lists at most VARIANT_LIMITS.variantsPerHit variants, the representative first; variantCount is the whole family', () => {
    const many = Array.from({ length: 80 }, (_, i) => variant(`V-${String(i).padStart(3, '0')}`, `c${i}`, 'M', { popularity: i === 70 ? 50 : 1 }));
    const h = mapSearchHit({ ...source, id: 'V-070', memberIds: many.map((v) => v.id), variants: many }, undefined, params({}));
    expect(h?.variants).toHaveLength(VARIANT_LIMITS.variantsPerHit);
    expect(h?.variants?.[0]?.id).toBe('V-070');
    expect(h?.variantCount).toBe(80);
  });

  it('a document without variants is not a family hit', () => {
    expect(mapSearchHit({ ...source, variants: [] }, undefined, params({}))).toBeUndefined();
    expect(mapSearchHit({ ...source, variants: [] }, undefined, params({ group: 'false' }))?.id).toBe('T-1');
  });
});

describe('highlightTitle (a representative other than the primary)', () => {
  it.each([
    ['Cotton Tee Blue M', 'Cotton <em>Tee</em> Red S', 'tees', 'Cotton <em>Tee</em> Blue M'],
    ['Cotton Tee Blue M', undefined, 'blue', 'Cotton Tee <em>Blue</em> M'],
    ['Café <Tee> "Bleu"', undefined, 'cafe bleu', '<em>Café</em> &lt;Tee&gt; &quot;<em>Bleu</em>&quot;'],
    ['Cotton Tee Blue M', 'Cotton <em>Tee</em>', 'zzz', 'Cotton <em>Tee</em> Blue M'],
    ['Cotton Tee Blue M', undefined, 'zzz', undefined],
  ])('%s (primary %s, q %s) → %s', (title, primary, q, expected) => {
    expect(highlightTitle(title, primary, q)).toBe(expected);
  });
});
