import { describe, expect, it } from 'vitest';
import { familyIndexDefinition } from './families';
import { productIndexDefinition } from './index';

describe('familyIndexDefinition', () => {
  it('shares settings, analysis, version and every top-level field with the products definition', () => {
    const products = productIndexDefinition({ shards: 3 });
    const families = familyIndexDefinition({ shards: 3 });
    expect(families.settings).toEqual(products.settings);
    expect(families.version).toBe(products.version);
    expect(families.mappings.dynamic).toBe('strict');
    expect(families.mappings.properties).toMatchObject(products.mappings.properties as object);
  });

  it('adds nested variants mapped like the product fields, member ids, variant text analysed like the title and anyVariant', () => {
    const props = familyIndexDefinition().mappings.properties as Record<string, Record<string, unknown>>;
    const products = productIndexDefinition().mappings.properties as Record<string, Record<string, unknown>>;
    expect(props.variants).toMatchObject({
      type: 'nested',
      properties: { id: { type: 'keyword' }, title: products.title, price: products.price, attributes: { type: 'object', enabled: false } },
    });
    expect(props.memberIds).toEqual({ type: 'keyword' });
    expect(props.familyKey).toEqual({ type: 'keyword' });
    expect(props.groupId).toEqual({ type: 'keyword' });
    expect(props.variantText).toEqual({ type: 'text', analyzer: 'catalog_text', search_analyzer: 'catalog_text_search' });
    expect(props.anyVariant).toEqual({ properties: { price: products.price, inStock: products.inStock, attributePairs: products.attributePairs } });
  });
});
