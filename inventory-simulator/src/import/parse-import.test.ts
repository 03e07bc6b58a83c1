import { describe, expect, it } from 'vitest';
import { generateProduct } from '../catalog/generator';
import { CsvHeaderError, MAX_ERRORS_PER_LINE, importFormat, parseImport } from './parse-import';

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
    expect(result.rejected[2]?.errors.map((e) => e.path).sort()).toEqual(['extra', 'id']);
    expect(result.rejectedByKind).toEqual([
      { kind: 'invalid JSON', lines: 1 },
      { kind: 'invalid id', lines: 1 },
      { kind: 'invalid price', lines: 1 },
      { kind: 'unknown field', lines: 1 },
    ]);
  });

  it('carries a family like the generator makes it, and refuses varying attributes without a groupId (issue 17)', async () => {
    const variant = { id: 'V-1', title: 'Tee - M - Red', brand: 'Acme', categories: ['Apparel', 'Tees'], price: 9.99, currency: 'USD', stock: 1, rating: 0, reviewCount: 0, popularity: 1, attributes: { size: 'M', color: 'Red' } };
    const lines = [
      { ...variant, groupId: 'FAM-1', variantAttributes: ['size', 'color'] },
      { ...variant, id: 'V-2', variantAttributes: ['size'] },
      { ...variant, id: 'V-3', groupId: 'FAM 1' },
      { ...variant, id: 'V-4', groupId: 'FAM-1', variantAttributes: ['size', 'size'] },
    ].map((line) => JSON.stringify(line));
    const result = await parseImport(body(lines.join('\n')), 'ndjson', options);
    expect(result.products.map((p) => [p.id, p.groupId, p.variantAttributes])).toEqual([['V-1', 'FAM-1', ['size', 'color']]]);
    expect(result.rejected.map((r) => [r.line, r.errors.map((e) => e.path)])).toEqual([[2, ['variantAttributes']], [3, ['groupId']], [4, ['variantAttributes']]]);
  });

  it('lists at most maxRejectedListed rejections but counts all', async () => {
    const result = await parseImport(body('{}\n'.repeat(25)), 'ndjson', options);
    expect(result.rejected).toHaveLength(10);
    expect(result.rejectedCount).toBe(25);
  });

  it('keeps the report bounded: at most 5 clipped errors per listed line, every line counted by kind', async () => {
    const attributes = Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`Bad Name ${i} ${'x'.repeat(300)}`, '']));
    const line = JSON.stringify({ ...product(0), title: '', price: -1, attributes });
    const upload = `${line}\n`.repeat(200);
    const result = await parseImport(body(upload), 'ndjson', { ...options, maxBytes: 10_000_000, maxLineBytes: 65_536, maxRejectedListed: 100 });
    expect(result.rejectedCount).toBe(200);
    expect(result.rejected).toHaveLength(100);
    for (const r of result.rejected) {
      expect(r.errors.length).toBeLessThanOrEqual(MAX_ERRORS_PER_LINE);
      expect(r.errorCount).toBeGreaterThan(MAX_ERRORS_PER_LINE);
      for (const e of r.errors) expect(e.path.length + e.message.length).toBeLessThanOrEqual(300);
    }
    expect(result.rejectedByKind).toEqual([
      { kind: 'invalid attributes', lines: 200 },
      { kind: 'invalid price', lines: 200 },
      { kind: 'invalid title', lines: 200 },
    ]);
    expect(JSON.stringify(result).length).toBeLessThan(upload.length / 10);
  });
});

describe('parseImport (CSV)', () => {
  const header = 'id,title,brand,categories,price,currency,stock,rating,reviewCount,popularity,attr.color';
  it('reads a header and typed rows', async () => {
    const csv = [header, 'SKU-9,"Sony WH-1000XM5 Headphones, Black",Sony,Audio > Headphones,349.99,USD,4,4.7,120,3.5,Black', 'SKU-10,Bad,Sony,Audio,12.345,USD,1,4,1,1,'].join('\n');
    const result = await parseImport(body(csv), 'csv', options);
    expect(result.products).toEqual([expect.objectContaining({ id: 'SKU-9', title: 'Sony WH-1000XM5 Headphones, Black', categories: ['Audio', 'Headphones'], attributes: { color: 'Black' } })]);
    expect(result.rejected).toEqual([{ line: 3, errors: [expect.objectContaining({ path: 'price' })], errorCount: 1 }]);
  });

  it('reads families (groupId, variantAttributes as size;color) and names a varying attribute the row lacks', async () => {
    const head = 'id,title,brand,categories,price,currency,stock,rating,reviewCount,popularity,groupId,variantAttributes,attr.size,attr.color';
    const row = (id: string, size: string, color: string, varying = 'size;color') => `${id},Tee - ${size} - ${color},Acme,Apparel > Tees,9.99,USD,3,4,1,1,FAM-1,${varying},${size},${color}`;
    const csv = [head, row('T-S-RED', 'S', 'Red'), row('T-M-RED', 'M', 'Red'), row('T-L-RED', 'L', 'Red', 'size;fit')].join('\n');
    const result = await parseImport(body(csv), 'csv', options);
    expect(result.products.map((p) => [p.id, p.groupId, p.variantAttributes])).toEqual([
      ['T-S-RED', 'FAM-1', ['size', 'color']],
      ['T-M-RED', 'FAM-1', ['size', 'color']],
    ]);
    expect(result.rejected).toEqual([{ line: 4, errors: [{ path: 'variantAttributes.1', message: expect.stringMatching(/no "fit"/) as unknown as string }], errorCount: 1 }]);
    expect(result.rejectedByKind[0]).toEqual({ kind: 'invalid variantAttributes', lines: 1 });
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
