import { describe, expect, it } from 'vitest';
import { generateProduct } from '../catalog/generator';
import { CsvHeaderError, importFormat, parseImport } from './parse-import';

const enc = new TextEncoder();
async function* body(text: string) {
  yield enc.encode(text);
}
const options = { maxBytes: 1_000_000, maxLineBytes: 10_000, maxRejectedListed: 10, createdAtOf: () => undefined, now: new Date('2025-01-01T00:00:00Z') };
const product = (i: number) => {
  const { createdAt: _c, updatedAt: _u, ...rest } = generateProduct(3, i);
  return rest;
};

describe('importFormat', () => {
  it.each([
    ['application/x-ndjson', 'ndjson'], ['application/jsonl; charset=utf-8', 'ndjson'], ['text/csv', 'csv'], ['application/json', undefined], [undefined, undefined],
  ])('%s → %s', (type, format) => expect(importFormat(type)).toBe(format));
});

describe('parseImport (NDJSON)', () => {
  it('accepts valid lines and reports each bad one with its line number and fields', async () => {
    const lines = [JSON.stringify(product(0)), '{not json', JSON.stringify({ ...product(1), price: -1 }), '', JSON.stringify({ ...product(2), id: undefined, extra: 1 })];
    const result = await parseImport(body(lines.join('\n')), 'ndjson', options);
    expect(result.products.map((p) => p.id)).toEqual(['SKU-0000001']);
    expect(result.products[0]?.createdAt).toBe('2025-01-01T00:00:00.000Z');
    expect(result.rejectedCount).toBe(3);
    expect(result.rejected.map((r) => r.line)).toEqual([2, 3, 5]);
    expect(result.rejected[0]?.errors[0]?.path).toBe('(line)');
    expect(result.rejected[1]?.errors.map((e) => e.path)).toEqual(['price']);
    expect(result.rejected[2]?.errors.map((e) => e.path).sort()).toEqual(['(root)', 'id']);
  });

  it('lists at most maxRejectedListed rejections but counts all', async () => {
    const result = await parseImport(body('{}\n'.repeat(25)), 'ndjson', options);
    expect(result.rejected).toHaveLength(10);
    expect(result.rejectedCount).toBe(25);
  });
});

describe('parseImport (CSV)', () => {
  const header = 'id,title,brand,categories,price,currency,stock,rating,reviewCount,popularity,attr.color';
  it('reads a header and typed rows', async () => {
    const csv = [header, 'SKU-9,"Sony WH-1000XM5 Headphones, Black",Sony,Audio > Headphones,349.99,USD,4,4.7,120,3.5,Black', 'SKU-10,Bad,Sony,Audio,12.345,USD,1,4,1,1,'].join('\n');
    const result = await parseImport(body(csv), 'csv', options);
    expect(result.products).toEqual([expect.objectContaining({ id: 'SKU-9', title: 'Sony WH-1000XM5 Headphones, Black', categories: ['Audio', 'Headphones'], attributes: { color: 'Black' } })]);
    expect(result.rejected).toEqual([{ line: 3, errors: [expect.objectContaining({ path: 'price' })] }]);
  });

  it('rejects a row with the wrong number of fields', async () => {
    const result = await parseImport(body(`${header}\nSKU-1,too,few`), 'csv', options);
    expect(result.rejected[0]?.errors[0]?.message).toMatch(/expected 11 fields/);
  });

  it.each([['id,title,color', /unknown columns: "color"/], ['title,brand', /"id" column is required/], ['id,id', /duplicate/]])(
    'refuses header %s',
    async (head, message) => {
      await expect(parseImport(body(`${head}\n`), 'csv', options)).rejects.toThrow(CsvHeaderError);
      await expect(parseImport(body(`${head}\n`), 'csv', options)).rejects.toThrow(message);
    },
  );
});
