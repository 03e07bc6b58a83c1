// Types of storefront-card.js (a browser module served as it is, without a build step) for its unit tests.
export type CardVariant = {
  id: string;
  attributes: Record<string, string>;
  price: number;
  stock: number;
  inStock: boolean;
  imageUrl?: string;
  matches: boolean;
  title?: string;
};
export type CardHit = {
  objectID: string;
  title: string;
  brand: string;
  price: number;
  currency: string;
  stock: number;
  inStock: boolean;
  rating: number;
  reviewCount: number;
  imageUrl?: string;
  categories?: Record<string, string>;
  variantCount?: number;
  priceRange?: { min: number; max: number };
  variants?: CardVariant[];
  _highlightResult?: { title?: { value: string } };
};
export type SwatchGroup = { name: string; kind: 'color' | 'chip'; values: string[] };
export type VariantView = { id: string; title: string; highlighted: boolean; label: string; price: string; stock: string; inStock: boolean; imageUrl: string | undefined };

export function money(value: number, currency: string | undefined): string;
export function hitVariants(hit: CardHit): CardVariant[];
export function swatchGroups(variants: readonly CardVariant[]): SwatchGroup[];
export function priceRangeText(hit: CardHit, variants: readonly CardVariant[]): string;
export function chooseVariant(variants: readonly CardVariant[], current: CardVariant, name: string, value: string): CardVariant;
export function swatchState(variants: readonly CardVariant[], current: CardVariant, name: string, value: string): { pressed: boolean; available: boolean; inStock: boolean };
export function variantView(hit: CardHit, variant: CardVariant): VariantView;
export function highlightParts(value: string): { text: string; marked: boolean }[];
export function familyCard(hit: CardHit, handlers: { onOpen: (variantId: string) => void; onClick: () => void }): HTMLElement;
