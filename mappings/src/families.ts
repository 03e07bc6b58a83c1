import { z } from 'zod';
import { ANY_VARIANT, AnyVariantFields } from '@catalog/contract';
import { productIndexDefinition, type IndexDefinition, type IndexSizing } from './index';

const Properties = z.record(z.string(), z.record(z.string(), z.unknown()));

/** Fields of a product document that each nested variant of a family keeps (their mapping is the products one). */
export const VARIANT_FIELDS = [
  'id', 'title', 'price', 'currency', 'stock', 'inStock', 'rating', 'popularity', 'imageUrl', 'attributes', 'attributePairs', 'variantAttributes',
] as const;

/**
 * The families index definition (issue 17), derived from the products definition so that both always share
 * settings, analysis and the top-level fields (a family of one is field-for-field its product's document, so text
 * relevance is the same): plus the nested `variants`, `memberIds`, the searchable `variantText` (the values of the
 * varying attributes, analysed like the title) and `anyVariant` (what any variant has, for the facets; mapped like
 * the product fields). Its version is the products definition's: both change together.
 */
export function familyIndexDefinition(sizing: IndexSizing = {}): IndexDefinition {
  const products = productIndexDefinition(sizing);
  const properties = Properties.parse(products.mappings.properties);
  const field = (name: string): Record<string, unknown> => {
    const mapping = properties[name];
    if (!mapping) throw new Error(`the products mapping has no field ${name}`);
    return mapping;
  };
  const title = field('title');
  return {
    version: products.version,
    settings: products.settings,
    mappings: {
      ...products.mappings,
      properties: {
        ...properties,
        variants: {
          type: 'nested',
          properties: Object.fromEntries(VARIANT_FIELDS.map((name) => [name, field(name)])),
        },
        memberIds: { type: 'keyword' },
        variantText: { type: 'text', analyzer: title.analyzer, search_analyzer: title.search_analyzer },
        [ANY_VARIANT]: { properties: Object.fromEntries(Object.keys(AnyVariantFields.shape).map((name) => [name, field(name)])) },
      },
    },
  };
}
