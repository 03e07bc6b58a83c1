import { crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { crc32Combine, deflatedTail, gzipSpliced, MAX_PREFIX_BYTES } from './gzip-splice';

const deflateTail = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return deflatedTail(bytes, deflateRawSync(bytes));
};

describe('gzipSpliced', () => {
  test.prop([fc.string({ unit: 'grapheme', maxLength: 300 }), fc.string({ unit: 'grapheme', maxLength: 3000 })])(
    'gunzips to prefix ‖ tail with a valid CRC and length, whatever the two texts',
    (prefix, tail) => {
      // gunzip checks the member's CRC-32 and ISIZE: a wrong combination throws.
      expect(gunzipSync(gzipSpliced(prefix, deflateTail(tail))).toString('utf8')).toBe(prefix + tail);
    },
  );

  it('one deflated tail serves many prefixes (a stored answer behind each request’s echo)', () => {
    const tail = deflateTail(`"hits":[${Array.from({ length: 500 }, (_, i) => `{"id":"SKU-${i}","title":"Laptop ${i % 7}"}`).join(',')}]}`);
    for (const echo of ['{"query":"laptop","cached":true,"tookMs":0.4,', '{"query":"ä \\"quoted\\"","cached":false,"tookMs":12,']) {
      const json = JSON.parse(gunzipSync(gzipSpliced(echo, tail)).toString('utf8')) as { hits: unknown[] };
      expect(json.hits).toHaveLength(500);
    }
    expect(tail.deflated.length).toBeLessThan(tail.length / 4);
  });

  it('refuses a prefix larger than one stored block', () => {
    expect(() => gzipSpliced('x'.repeat(MAX_PREFIX_BYTES + 1), deflateTail('{}'))).toThrow(RangeError);
    expect(gunzipSync(gzipSpliced('x'.repeat(MAX_PREFIX_BYTES), deflateTail(''))).length).toBe(MAX_PREFIX_BYTES);
  });
});

describe('crc32Combine', () => {
  test.prop([fc.uint8Array({ maxLength: 200 }), fc.uint8Array({ maxLength: 5000 })])('equals the CRC-32 of the concatenation', (a, b) => {
    const tail = deflateTail(Buffer.from(b).toString('latin1'));
    const bBytes = Buffer.from(Buffer.from(b).toString('latin1'), 'utf8');
    expect(crc32Combine(crc32(a), tail)).toBe(crc32(Buffer.concat([a, bBytes])));
  });
});
