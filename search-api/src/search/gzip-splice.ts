import { constants, crc32 } from 'node:zlib';

/**
 * A gzip body made of texts that change per request (an answer's echo) and parts that do not (the stored answer),
 * without compressing the unchanging parts again on every request. Each unchanging part is deflated once with a sync
 * flush (its blocks end byte aligned, none final, back-references only inside it); a response is one gzip member
 * (RFC 1952) whose deflate stream is its parts in order, the changing texts as stored blocks (RFC 1951 §3.2.4), ended
 * by an empty final stored block. The member's CRC-32 is carried across the parts, a deflated part's combined from its
 * own (zlib's `crc32_combine`), so its bytes are never read again.
 */
export type DeflatedPart = {
  /** Raw deflate (no header) of the part, sync-flushed: byte aligned, no final block. */
  deflated: Buffer;
  /** CRC-32 and UTF-8 length of the part. */
  crc: number;
  length: number;
  /** x^(8·length) mod the CRC polynomial: what shifting a CRC past the part multiplies by. */
  shift: number;
};

/** Options of `zlib.deflateRaw` for a part: sync-flushed, so that more blocks may follow it. */
export const PART_DEFLATE_OPTIONS = { finishFlush: constants.Z_SYNC_FLUSH } as const;

const POLY = 0xedb88320;
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff]);
/** BFINAL 1, BTYPE 00 (stored), LEN 0, NLEN 0xffff: the end of the deflate stream. */
const FINAL_EMPTY_BLOCK = Buffer.from([1, 0, 0, 0xff, 0xff]);
/** A stored block holds at most this many bytes. */
const MAX_STORED = 0xffff;

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
export function crc32Combine(crcA: number, b: Pick<DeflatedPart, 'crc' | 'shift'>): number {
  return (multModP(b.shift, crcA) ^ b.crc) >>> 0;
}

/** A part's description from its bytes and their raw deflate (`zlib.deflateRaw` with `PART_DEFLATE_OPTIONS`, made once). */
export function deflatedPart(bytes: Buffer, deflated: Buffer): DeflatedPart {
  return { deflated, crc: crc32(bytes), length: bytes.length, shift: x2nModP(bytes.length, 3) };
}

/** Stored blocks (not final) holding `bytes`. */
function storedBlocks(bytes: Buffer): Buffer[] {
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += MAX_STORED) {
    const chunk = bytes.subarray(at, at + MAX_STORED);
    // BFINAL 0, BTYPE 00, padded to the byte; then LEN and its one's complement, little-endian.
    out.push(Buffer.from([0, chunk.length & 0xff, chunk.length >>> 8, ~chunk.length & 0xff, (~chunk.length >>> 8) & 0xff]), chunk);
  }
  return out;
}

/** The gzip body of the parts in order: texts as they are, deflated parts as deflated once. */
export function gzipParts(parts: readonly (string | DeflatedPart)[]): Buffer<ArrayBuffer> {
  const out: Buffer[] = [GZIP_HEADER];
  let crc = 0;
  let length = 0;
  for (const part of parts) {
    if (typeof part === 'string') {
      const bytes = Buffer.from(part, 'utf8');
      out.push(...storedBlocks(bytes));
      crc = crc32(bytes, crc);
      length += bytes.length;
    } else {
      out.push(part.deflated);
      crc = crc32Combine(crc, part);
      length += part.length;
    }
  }
  const trailer = Buffer.alloc(8);
  trailer.writeUInt32LE(crc, 0);
  trailer.writeUInt32LE(length % 2 ** 32, 4);
  out.push(FINAL_EMPTY_BLOCK, trailer);
  return Buffer.concat(out);
}
