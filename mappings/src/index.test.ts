import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { missingProperties, parseIndexVersion, parseSynonyms, productIndexDefinition, versionedIndexName } from './index';

describe('productIndexDefinition', () => {
  it('renders the synonym file into the search-time synonym filter as an array of rules', () => {
    const def = productIndexDefinition();
    const text = JSON.stringify(def.settings);
    expect(text).toContain('"tv, television, televisions"');
    expect(def.version).toBeGreaterThanOrEqual(1);
  });

  it('takes shards and replicas per environment, else the mapping file\'s', () => {
    expect(productIndexDefinition().settings).toMatchObject({ number_of_shards: 1, number_of_replicas: 0 });
    expect(productIndexDefinition({ shards: 6, replicas: 2 }).settings).toMatchObject({ number_of_shards: 6, number_of_replicas: 2 });
    expect(productIndexDefinition({ replicas: 1 }).settings).toMatchObject({ number_of_shards: 1, number_of_replicas: 1 });
  });

  it('keeps the top level strict so that an unexpected field is a mapping error, not a silent new field', () => {
    expect(productIndexDefinition().mappings.dynamic).toBe('strict');
  });

  it('keeps attributes in _source only, so free-form attribute names never add fields to the mapping', () => {
    const { mappings } = productIndexDefinition();
    expect(mappings.properties).toMatchObject({ attributes: { type: 'object', enabled: false }, attributePairs: { type: 'keyword' } });
    expect(JSON.stringify(mappings)).not.toMatch(/"dynamic":\s*true|dynamic_templates/);
  });

  it('keeps the family of a product (issue 17): groupId and the names of its varying attributes as keywords', () => {
    expect(productIndexDefinition().mappings.properties).toMatchObject({ groupId: { type: 'keyword' }, variantAttributes: { type: 'keyword' } });
  });
});

describe('parseSynonyms', () => {
  it('drops comments and blank lines', () => {
    expect(parseSynonyms('# c\n\n tv, television # trailing\nhp => headphones\n')).toEqual([
      'tv, television',
      'hp => headphones',
    ]);
  });
});

describe('index names', () => {
  it.each([
    ['products-v1', 1],
    ['products-v12', 12],
    ['products-vx', undefined],
    ['other-v1', undefined],
  ])('%s → %s', (name, version) => {
    expect(parseIndexVersion('products', name)).toBe(version);
  });
  it('builds the versioned name', () => expect(versionedIndexName('products', 3)).toBe('products-v3'));
});

describe('missingProperties', () => {
  it('lists the top-level fields of the definition that an older index lacks (v2 → v3 adds the family fields)', () => {
    const { mappings } = productIndexDefinition();
    const { groupId: _g, variantAttributes: _v, ...v2Properties } = z.object({ properties: z.record(z.string(), z.unknown()) }).parse(mappings).properties;
    expect(missingProperties(mappings, { dynamic: 'strict', properties: v2Properties })).toEqual({
      groupId: { type: 'keyword' },
      variantAttributes: { type: 'keyword' },
    });
  });

  it('adds nothing to an index of the current definition, and never re-sends a field that differs', () => {
    const { mappings } = productIndexDefinition();
    expect(missingProperties(mappings, mappings)).toEqual({});
    expect(missingProperties({ properties: { price: { type: 'double' } } }, { properties: { price: { type: 'float' } } })).toEqual({});
    expect(missingProperties({ properties: { price: { type: 'double' } } }, {})).toEqual({ price: { type: 'double' } });
  });
});
