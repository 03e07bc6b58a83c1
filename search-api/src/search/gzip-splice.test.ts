import { crc32, deflateRawSync, gunzipSync } from 'node:zlib';
import { fc, test } from '@fast-check/vitest';
import { describe, expect, it } from 'vitest';
import { crc32Combine, deflatedPart, gzipParts, PART_DEFLATE_OPTIONS } from './gzip-splice';

const deflate = (text: string) => {
  const bytes = Buffer.from(text, 'utf8');
  return deflatedPart(bytes, deflateRawSync(bytes, PART_DEFLATE_OPTIONS));
};

describe('gzipParts', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 2000 });
  test.prop([fc.array(fc.tuple(fc.boolean(), text), { maxLength: 8 })])(
    'gunzips to the parts in order with a valid CRC and length, texts and deflated parts mixed in any order',
    (parts) => {
      // gunzip checks the member's CRC-32 and ISIZE: a wrong combination throws.
      const body = gzipParts(parts.map(([deflated, t]) => (deflated ? deflate(t) : t)));
      expect(gunzipSync(body).toString('utf8')).toBe(parts.map(([, t]) => t).join(''));
    },
  );

  it('one deflated part serves many echoes (a stored answer behind each request’s own)', () => {
    const tail = deflate(`"hits":[${Array.from({ length: 500 }, (_, i) => `{"id":"SKU-${i}","title":"Laptop ${i % 7}"}`).join(',')}]}`);
    for (const echo of ['{"query":"laptop","cached":true,"tookMs":0.4,', '{"query":"ä \\"quoted\\"","cached":false,"tookMs":12,']) {
      const json = JSON.parse(gunzipSync(gzipParts([echo, tail])).toString('utf8')) as { hits: unknown[] };
      expect(json.hits).toHaveLength(500);
    }
    expect(tail.deflated.length).toBeLessThan(tail.length / 4);
  });

  it('a text longer than one stored block (65,535 bytes) is split over several', () => {
    const long = 'é'.repeat(70_000);
    expect(gunzipSync(gzipParts([long, deflate('!')])).toString('utf8')).toBe(`${long}!`);
  });
});

describe('crc32Combine', () => {
  test.prop([fc.uint8Array({ maxLength: 200 }), fc.string({ maxLength: 5000 })])('equals the CRC-32 of the concatenation', (a, b) => {
    expect(crc32Combine(crc32(a), deflate(b))).toBe(crc32(Buffer.concat([a, Buffer.from(b, 'utf8')])));
  });
});
