import { describe, expect, it } from 'vitest';
import { chooseVariant, highlightParts, hitVariants, priceRangeText, swatchGroups, swatchState, variantView, type CardHit, type CardVariant } from './storefront-card.js';

const v = (id: string, color: string, size: string, price: number, more: Partial<CardVariant> = {}): CardVariant => ({
  id, attributes: { color, size }, price, stock: 3, inStock: true, matches: true, ...more,
});
const variants = [
  v('W-BLUE-S', 'blue', 'S', 249),
  v('W-BLUE-L', 'blue', 'L', 279),
  v('W-GOLD-S', 'gold', 'S', 249, { stock: 0, inStock: false }),
  v('W-GOLD-XL', 'gold', 'XL', 299, { imageUrl: 'https://img.example/gold.jpg', title: 'Watch SE Gold XL' }),
];
const hit: CardHit = {
  objectID: 'W-BLUE-S', title: 'Watch SE Blue S', brand: 'Apple', price: 249, currency: 'USD', stock: 3, inStock: true,
  rating: 4.5, reviewCount: 10, imageUrl: 'https://img.example/blue.jpg', variantCount: 4, priceRange: { min: 249, max: 299 }, variants,
};

describe('family card model', () => {
  it('a hit without family fields (distinct off) is its own only variant and shows no swatches', () => {
    const { variants: _v, priceRange: _p, variantCount: _c, ...plain } = hit;
    expect(hitVariants(plain)).toEqual([{ id: 'W-BLUE-S', attributes: {}, price: 249, stock: 3, inStock: true, imageUrl: 'https://img.example/blue.jpg', matches: true }]);
    expect(swatchGroups(hitVariants(plain))).toEqual([]);
  });

  it('swatch groups: the varying attributes in first-seen order, colours as colour chips; one value is no choice', () => {
    expect(swatchGroups(variants)).toEqual([
      { name: 'color', kind: 'color', values: ['blue', 'gold'] },
      { name: 'size', kind: 'chip', values: ['S', 'L', 'XL'] },
    ]);
    expect(swatchGroups([v('a', 'red', 'S', 1), v('b', 'red', 'M', 1)])).toEqual([{ name: 'size', kind: 'chip', values: ['S', 'M'] }]);
  });

  it('price range: "$X–$Y" when the prices differ, one price when they agree', () => {
    expect(priceRangeText(hit, variants)).toBe('$249.00–$299.00');
    expect(priceRangeText({ ...hit, priceRange: { min: 249, max: 249 } }, variants)).toBe('$249.00');
    const { priceRange: _p, ...noRange } = hit;
    expect(priceRangeText(noRange, variants.slice(0, 2))).toBe('$249.00–$279.00');
  });

  it('choosing a swatch keeps the other choices when the family has that combination', () => {
    const blueS = variants[0] as CardVariant;
    expect(chooseVariant(variants, blueS, 'color', 'gold').id).toBe('W-GOLD-S');
    expect(chooseVariant(variants, blueS, 'size', 'L').id).toBe('W-BLUE-L');
    // No blue XL: the one XL there is.
    expect(chooseVariant(variants, blueS, 'size', 'XL').id).toBe('W-GOLD-XL');
    // Without a kept choice, a variant that matches the search and is in stock wins.
    const mixed = [v('a', 'red', 'S', 1, { matches: false }), v('b', 'red', 'M', 1, { inStock: false }), v('c', 'red', 'L', 1), v('d', 'blue', 'X', 1)];
    expect(chooseVariant(mixed, mixed[3] as CardVariant, 'color', 'red').id).toBe('c');
    expect(chooseVariant(mixed, mixed[3] as CardVariant, 'color', 'green').id).toBe('d');
  });

  it('swatch state: pressed for the current variant, unavailable or sold out for the combination with the other choices', () => {
    const blueS = variants[0] as CardVariant;
    expect(swatchState(variants, blueS, 'color', 'blue')).toEqual({ pressed: true, available: true, inStock: true });
    expect(swatchState(variants, blueS, 'color', 'gold')).toEqual({ pressed: false, available: true, inStock: false });
    expect(swatchState(variants, blueS, 'size', 'XL')).toEqual({ pressed: false, available: false, inStock: false });
  });

  it('the card shows the chosen variant: its title, price, stock, image and id', () => {
    expect(variantView(hit, variants[0] as CardVariant)).toEqual({
      id: 'W-BLUE-S', title: 'Watch SE Blue S', highlighted: true, label: 'color: blue · size: S', price: '$249.00', stock: 'In stock (3)', inStock: true, imageUrl: 'https://img.example/blue.jpg',
    });
    expect(variantView(hit, variants[3] as CardVariant)).toMatchObject({ id: 'W-GOLD-XL', title: 'Watch SE Gold XL', highlighted: false, price: '$299.00', imageUrl: 'https://img.example/gold.jpg' });
    expect(variantView(hit, variants[2] as CardVariant)).toMatchObject({ title: 'Watch SE Blue S', stock: 'Sold out', inStock: false, imageUrl: undefined });
  });

  it('highlights: InstantSearch-escaped text with <mark> tags → text parts, entities decoded once', () => {
    expect(highlightParts('Watch &lt;b&gt; <mark>SE</mark> &amp;amp; more')).toEqual([
      { text: 'Watch <b> ', marked: false },
      { text: 'SE', marked: true },
      { text: ' &amp; more', marked: false },
    ]);
  });
});
