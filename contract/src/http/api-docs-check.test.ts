import { describe, expect, it } from 'vitest';
import { misfitDefaults } from './api-docs-check';

const param = (name: string, schema: Record<string, unknown>) => ({ name, in: 'query', schema });
const doc = (...parameters: unknown[]) => ({ openapi: '3.0.0', paths: { '/search': { get: { parameters, responses: { default: { description: 'any' } } } } } });

describe('misfitDefaults: every schema default fits its own type and enum', () => {
  it('finds a boolean default on a parameter documented as the strings "true" / "false"', () => {
    expect(misfitDefaults(doc(param('group', { type: 'string', enum: ['true', 'false'], default: true })))).toEqual([
      '/paths/~1search/get/parameters/0/schema: default true is not of type string',
    ]);
  });

  it.each([
    [{ type: 'string', enum: ['a', 'b'], default: 'c' }, 'is not one of the enum ["a","b"]'],
    [{ type: 'integer', default: 1.5 }, 'is not of type integer'],
    [{ type: ['string', 'null'], default: 3 }, 'is not of type string | null'],
    [{ type: 'array', items: { type: 'string' }, default: ['a', 2] }, 'has an item that is not of type string'],
    [{ enum: [1, 2], default: '1' }, 'is not one of the enum [1,2]'],
  ])('%j → %s', (schema, why) => {
    expect(misfitDefaults(doc(param('p', schema)))).toEqual([`/paths/~1search/get/parameters/0/schema: default ${JSON.stringify(schema.default)} ${why}`]);
  });

  it('accepts defaults that fit, anywhere in the document, and ignores what is not a schema (a response named default, a property named type)', () => {
    const body = { type: 'object', properties: { type: { type: 'string', default: 'facet' }, default: { type: 'boolean', default: false } }, default: {} };
    const ok = doc(
      param('group', { type: 'string', enum: ['true', 'false'], default: 'true' }),
      param('page', { type: 'integer', minimum: 1, default: 1 }),
      param('brand', { type: 'array', items: { type: 'string' }, default: [] }),
      param('price', { type: 'number', default: 2.5 }),
      param('x', { description: 'no type: anything goes', default: 7 }),
      { name: 'body', in: 'body', schema: body },
    );
    expect(misfitDefaults(ok)).toEqual([]);
  });
});
