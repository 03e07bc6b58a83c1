import { promisify } from 'node:util';
import { deflateRaw, type ZlibOptions } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { parseAccept } from 'hono/utils/accept';
import { deflatedPart, gzipParts, PART_DEFLATE_OPTIONS, type DeflatedPart } from './gzip-splice';

const deflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw);

/**
 * Bytes kept per process: deflated parts (~4 KB for a 26 KB page of 20 hits, so some thousands of popular answers) and
 * the UTF-8 of parts (the 26 KB itself, so some hundreds).
 */
export const ANSWER_BODY_LIMITS = { gzipBytes: 16 * 1024 * 1024, plainBytes: 16 * 1024 * 1024 } as const;

/**
 * Whether a request's `Accept-Encoding` makes gzip the answer's encoding, as `hono/compress` would choose it between
 * gzip and deflate (q-values, `*`, `gzip;q=0` refusing it). Pure.
 */
export function prefersGzip(header: string | undefined): boolean {
  if (header === undefined) return false;
  const accepts = parseAccept(header);
  const wildcard = accepts.find((a) => a.type === '*')?.q ?? 0;
  const q = (encoding: string) => accepts.find((a) => a.type.toLowerCase() === encoding)?.q ?? wildcard;
  const gzip = q('gzip');
  return gzip > 0 && gzip >= q('deflate');
}

/** A part of a stored answer: its text, and the name it is kept under (undefined: deflated for this request only). */
export type StoredPart = { key: string | undefined; text: string };

/**
 * Bodies of stored search answers (issue 18, goal 2), made of a request's own texts and the stored parts between them.
 * For a client that accepts gzip each stored part is deflated once per computation (its key names the cache key and
 * stamp) and spliced between the texts (`gzip-splice.ts`), so a hit is neither compressed again nor sent 7× larger;
 * deflating runs on libuv's threads (an answer of 100 long hits is a megabyte) and two requests of a new version may
 * both deflate it, the last one is kept. For any other client each stored part is kept as its UTF-8 bytes, so a hit is
 * not encoded again (nor measured for `Content-Length`, nor concatenated as text) on every request.
 */
export class AnswerBodies {
  private readonly deflatedParts: LRUCache<string, DeflatedPart>;
  private readonly plainParts: LRUCache<string, Buffer>;

  constructor(limits: { gzipBytes: number; plainBytes: number } = ANSWER_BODY_LIMITS) {
    this.deflatedParts = new LRUCache<string, DeflatedPart>({ maxSize: limits.gzipBytes, sizeCalculation: (t) => t.deflated.length + 200 });
    this.plainParts = new LRUCache<string, Buffer>({ maxSize: limits.plainBytes, sizeCalculation: (b) => b.length + 200 });
  }

  /** The gzip body of the parts in order: strings as they are, stored parts from their kept deflate. */
  async gzip(parts: readonly (string | StoredPart)[]): Promise<Buffer<ArrayBuffer>> {
    return gzipParts(await Promise.all(parts.map((p) => (typeof p === 'string' ? p : this.deflated(p)))));
  }

  /** The uncompressed body of the parts in order: strings encoded, stored parts from their kept bytes. */
  plain(parts: readonly (string | StoredPart)[]): Buffer<ArrayBuffer> {
    return Buffer.concat(parts.map((p) => (typeof p === 'string' ? Buffer.from(p, 'utf8') : this.bytes(p))));
  }

  private bytes(part: StoredPart): Buffer {
    const known = part.key === undefined ? undefined : this.plainParts.get(part.key);
    if (known) return known;
    const bytes = Buffer.from(part.text, 'utf8');
    if (part.key !== undefined) this.plainParts.set(part.key, bytes);
    return bytes;
  }

  private async deflated(part: StoredPart): Promise<DeflatedPart> {
    const known = part.key === undefined ? undefined : this.deflatedParts.get(part.key);
    if (known) return known;
    const bytes = Buffer.from(part.text, 'utf8');
    const deflated = deflatedPart(bytes, await deflateRawAsync(bytes, PART_DEFLATE_OPTIONS));
    if (part.key !== undefined) this.deflatedParts.set(part.key, deflated);
    return deflated;
  }
}
