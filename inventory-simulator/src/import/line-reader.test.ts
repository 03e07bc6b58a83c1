import { describe, expect, it } from 'vitest';
import { readLines, UploadTooLargeError, type RawLine } from './line-reader';

const enc = new TextEncoder();
async function* chunks(...parts: (string | Uint8Array)[]) {
  for (const p of parts) yield typeof p === 'string' ? enc.encode(p) : p;
}
const collect = async (it: AsyncIterable<RawLine>) => {
  const out: RawLine[] = [];
  for await (const l of it) out.push(l);
  return out;
};
const opts = { maxBytes: 1000, maxLineBytes: 20 };

describe('readLines', () => {
  it('splits lines across chunks, numbers them as in the file, skips blank lines and CR', async () => {
    expect(await collect(readLines(chunks('a,b\r\n', 'c', 'd\n\n  \ne\n'), opts))).toEqual([
      { line: 1, text: 'a,b' }, { line: 2, text: 'cd' }, { line: 5, text: 'e' },
    ]);
  });

  it('keeps a multi-byte character split between chunks', async () => {
    const bytes = enc.encode('café\n');
    expect(await collect(readLines(chunks(bytes.subarray(0, 4), bytes.subarray(4)), opts))).toEqual([{ line: 1, text: 'café' }]);
  });

  it('reports an over-long line on its own and goes on', async () => {
    expect(await collect(readLines(chunks('ok\n', 'x'.repeat(15), 'y'.repeat(15), '\nnext'), opts))).toEqual([
      { line: 1, text: 'ok' }, { line: 2, tooLong: true }, { line: 3, text: 'next' },
    ]);
  });

  it('stops an upload over the byte limit', async () => {
    await expect(collect(readLines(chunks('a\n'.repeat(600)), opts))).rejects.toBeInstanceOf(UploadTooLargeError);
  });
});
