import { crc32 } from 'node:zlib';

/**
 * A gzip body for "a short prefix that changes per request, then bytes that do not" without compressing the bytes
 * again on every request: the tail is deflated once, and each response is one gzip member (RFC 1952) whose deflate
 * stream is the prefix as a stored block (RFC 1951 §3.2.4, byte aligned, not final) followed by the tail's own
 * blocks (the last one final). The tail's back-references stay inside the tail, so any prefix may precede it; the
 * member's CRC-32 is combined from the prefix's and the tail's (zlib's `crc32_combine`), so the tail is never read again.
 */
export type DeflatedTail = {
  /** Raw deflate (no header) of the tail, ending with a final block. */
  deflated: Buffer;
  /** CRC-32 and UTF-8 length of the tail. */
  crc: number;
  length: number;
  /** x^(8·length) mod the CRC polynomial: what shifting a CRC past the tail multiplies by. */
  shift: number;
};

const POLY = 0xedb88320;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** A stored block holds at most 65,535 bytes; the prefix (the echo of a ≤ 200-character query) stays far below. */
export const MAX_PREFIX_BYTES = 0xffff;

/** a·b modulo the CRC polynomial, bit-reflected (zlib `multmodp`); `a` must not be 0. */
function multModP(a: number, b: number): number {
  let m = 0x80000000;
  let p = 0;
  for (;;) {
    if (a & m) {
      p ^= b;
      if ((a & (m - 1)) === 0) break;
    }
    m >>>= 1;
    b = b & 1 ? (b >>> 1) ^ POLY : b >>> 1;
  }
  return p >>> 0;
}

/** x^(2^k) mod p for k = 0…31 (zlib `x2n_table`). */
const X2N: number[] = [];
for (let k = 0, p = 1 << 30; k < 32; k++, p = multModP(p, p)) X2N.push(p >>> 0);

/** x^(n·2^k) mod p (zlib `x2nmodp`). */
function x2nModP(n: number, k: number): number {
  let p = 0x80000000;
  for (; n > 0; n = Math.floor(n / 2), k++) if (n % 2 === 1) p = multModP(X2N[k & 31] ?? 0, p);
  return p >>> 0;
}

/** CRC-32 of `a ‖ b` from CRC-32(a), and b's CRC and shift. */
export function crc32Combine(crcA: number, tail: Pick<DeflatedTail, 'crc' | 'shift'>): number {
  return (multModP(tail.shift, crcA) ^ tail.crc) >>> 0;
}

/** The tail's description from its bytes and their raw deflate (`zlib.deflateRaw`, made once). */
export function deflatedTail(bytes: Buffer, deflated: Buffer): DeflatedTail {
  return { deflated, crc: crc32(bytes), length: bytes.length, shift: x2nModP(bytes.length, 3) };
}

/** The gzip body of `prefix ‖ tail`. Throws when the prefix exceeds one stored block. */
export function gzipSpliced(prefix: string, tail: DeflatedTail): Buffer<ArrayBuffer> {
  const head = Buffer.from(prefix, 'utf8');
  if (head.length > MAX_PREFIX_BYTES) throw new RangeError(`gzip prefix of ${head.length} bytes exceeds ${MAX_PREFIX_BYTES}`);
  // BFINAL 0, BTYPE 00 (stored), padded to the byte; then LEN and its one's complement, little-endian.
  const block = Buffer.from([0, head.length & 0xff, head.length >>> 8, ~head.length & 0xff, (~head.length >>> 8) & 0xff]);
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc32Combine(crc32(head), tail), 0);
  trailer.writeUInt32LE((head.length + tail.length) % 2 ** 32, 4);
  return Buffer.concat([GZIP_HEADER, block, head, tail.deflated, trailer]);
}
