import { describe, expect, it } from 'vitest';
import { csvRowToObject, parseCsvRecord } from './csv';

describe('parseCsvRecord', () => {
  it.each([
    ['a,b,c', ['a', 'b', 'c']],
    ['a,,c', ['a', '', 'c']],
    ['"a, b",c', ['a, b', 'c']],
    ['"say ""hi""",2', ['say "hi"', '2']],
    ['x,', ['x', '']],
    ['"55"" TV"', ['55" TV']],
    ['Insignia 55" TV,1', ['Insignia 55" TV', '1']],
  ])('%s', (text, fields) => expect(parseCsvRecord(text)).toEqual({ fields }));

  it.each([['"open', /unterminated/], ['"a"b', /after a quoted field/]])('rejects %s', (text, message) => {
    const result = parseCsvRecord(text);
    expect('error' in result && result.error).toMatch(message);
  });
});

describe('csvRowToObject', () => {
  const header = ['id', 'title', 'categories', 'price', 'stock', 'attr.color', 'imageUrl'];
  it('maps columns to product fields: path categories, numbers, attributes, empty = absent', () => {
    expect(csvRowToObject(header, ['SKU-1', 'Tee', 'Apparel > Clothing > Tees', '19.99', '3', 'Red', ''])).toEqual({
      id: 'SKU-1', title: 'Tee', categories: ['Apparel', 'Clothing', 'Tees'], price: 19.99, stock: 3, attributes: { color: 'Red' },
    });
  });
  it('leaves a non-numeric number as text so the schema names the field', () => {
    expect(csvRowToObject(header, ['SKU-1', 'Tee', 'A', 'cheap', '3', '', ''])).toMatchObject({ price: 'cheap' });
  });
  it('reads a family: groupId as text, variantAttributes as a ";"-separated list (issue 17)', () => {
    const family = ['id', 'groupId', 'variantAttributes', 'attr.size', 'attr.color'];
    expect(csvRowToObject(family, ['SKU-1', 'FAM-1', 'size; color', 'M', 'Red'])).toEqual({
      id: 'SKU-1', groupId: 'FAM-1', variantAttributes: ['size', 'color'], attributes: { size: 'M', color: 'Red' },
    });
    expect(csvRowToObject(family, ['SKU-2', '', '', 'M', 'Red'])).toEqual({ id: 'SKU-2', attributes: { size: 'M', color: 'Red' } });
  });
});

describe('csvRowToObject with hostile column names', () => {
  it('keeps attr.__proto__ and attr.constructor as attributes, never as prototypes', () => {
    const row = csvRowToObject(['id', 'attr.__proto__', 'attr.constructor'], ['SKU-1', 'red', 'oak']);
    const attributes = row.attributes as Record<string, string>;
    expect(Object.getPrototypeOf(attributes)).toBeNull();
    expect(Object.entries(attributes)).toEqual([['__proto__', 'red'], ['constructor', 'oak']]);
    expect(({} as Record<string, unknown>).red).toBeUndefined();
  });
});
