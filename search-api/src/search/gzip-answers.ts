import { promisify } from 'node:util';
import { deflateRaw, type ZlibOptions } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { parseAccept } from 'hono/utils/accept';
import { deflatedPart, gzipParts, PART_DEFLATE_OPTIONS, type DeflatedPart } from './gzip-splice';

const deflateRawAsync = promisify<Buffer, ZlibOptions, Buffer>(deflateRaw);

/** Deflated answers kept per process: ~4 KB for a 26 KB page of 20 hits, so some thousands of popular answers. */
export const GZIP_PARTS_MAX_BYTES = 16 * 1024 * 1024;

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
 * gzip bodies of stored search answers (issue 18, goal 2): each stored part of an answer is deflated once per
 * computation (its key names the cache key and stamp) and spliced between the request's own texts (`gzip-splice.ts`), so a hit
 * for a client that accepts gzip is neither compressed again nor sent 7× larger. Deflating runs on libuv's threads
 * (an answer of 100 long hits is a megabyte); two requests of a new version may both deflate it, the last one is kept.
 */
export class GzipAnswers {
  private readonly parts: LRUCache<string, DeflatedPart>;

  constructor(maxBytes = GZIP_PARTS_MAX_BYTES) {
    this.parts = new LRUCache<string, DeflatedPart>({ maxSize: maxBytes, sizeCalculation: (t) => t.deflated.length + 200 });
  }

  /** The gzip body of the parts in order: strings as they are, stored parts from their kept deflate. */
  async body(parts: readonly (string | StoredPart)[]): Promise<Buffer<ArrayBuffer>> {
    return gzipParts(await Promise.all(parts.map((p) => (typeof p === 'string' ? p : this.deflated(p)))));
  }

  private async deflated(part: StoredPart): Promise<DeflatedPart> {
    const known = part.key === undefined ? undefined : this.parts.get(part.key);
    if (known) return known;
    const bytes = Buffer.from(part.text, 'utf8');
    const deflated = deflatedPart(bytes, await deflateRawAsync(bytes, PART_DEFLATE_OPTIONS));
    if (part.key !== undefined) this.parts.set(part.key, deflated);
    return deflated;
  }
}
