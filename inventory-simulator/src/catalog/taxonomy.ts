import type { AttributeKey } from './attributes';
import { ELECTRONICS } from './taxonomy-electronics';
import { MORE_DEPARTMENTS } from './taxonomy-departments';
import { HOME_AND_MORE } from './taxonomy-home';

/** One leaf category and how its products look, cost and are described. */
export type LeafSpec = {
  /** Root-to-leaf path joined with ` > ` (3–4 levels). */
  path: string;
  /** Relative share of the catalog. */
  weight: number;
  /** Log-normal price: median and sigma of the underlying normal. */
  price: [median: number, sigma: number];
  /** Attributes each product gets; the first is the key attribute shown in the title. */
  attrs: AttributeKey[];
  /** Values an attribute may take in this leaf, where the general list would contradict it (wireless → Bluetooth). */
  values?: Partial<Record<AttributeKey, readonly string[]>>;
  /** What the product is, as it ends a title ("Wireless Noise Cancelling Headphones"). */
  nouns: string[];
  /** `Brand|model template`: `#` → digit 1–9, `@` → uppercase letter. */
  lines: string[];
  /** Phrases the description is assembled from. */
  features: string[];
};

/** A leaf ready for sampling: path split, lines split into brand and model template. */
export type Leaf = Omit<LeafSpec, 'path' | 'lines'> & {
  path: string[];
  lines: { brand: string; model: string }[];
};

/** Every leaf of the generated catalog, parsed once. */
export const LEAVES: readonly Leaf[] = [...ELECTRONICS, ...HOME_AND_MORE, ...MORE_DEPARTMENTS].map((spec) => ({
  ...spec,
  path: spec.path.split(' > '),
  lines: spec.lines.map((line) => {
    const [brand = '', model = ''] = line.split('|');
    return { brand, model };
  }),
}));

/** Every brand the generator can produce, for filters and tests. */
export const BRANDS: readonly string[] = [...new Set(LEAVES.flatMap((leaf) => leaf.lines.map((l) => l.brand)))].sort();
