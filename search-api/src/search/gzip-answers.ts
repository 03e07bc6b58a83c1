import { promisify } from 'node:util';
import { deflateRaw } from 'node:zlib';
import { LRUCache } from 'lru-cache';
import { parseAccept } from 'hono/utils/accept';
import { deflatedTail, gzipSpliced, type DeflatedTail } from './gzip-splice';

const deflateRawAsync = promisify(deflateRaw);

/** Deflated answers kept per process: ~4 KB for a 26 KB page of 20 hits, so some thousands of popular answers. */
export const GZIP_TAILS_MAX_BYTES = 16 * 1024 * 1024;

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

/**
 * gzip bodies of stored search answers (issue 18, goal 2): the stored rest of an answer is deflated once per
 * computation (its `version`: cache key and stamp) and spliced behind each request's echo (`gzip-splice.ts`), so a hit
 * for a client that accepts gzip is neither compressed again nor sent 7× larger. Deflating runs on libuv's threads
 * (an answer of 100 long hits is a megabyte); two requests of a new version may both deflate it, the last one is kept.
 */
export class GzipAnswers {
  private readonly tails: LRUCache<string, DeflatedTail>;

  constructor(maxBytes = GZIP_TAILS_MAX_BYTES) {
    this.tails = new LRUCache<string, DeflatedTail>({ maxSize: maxBytes, sizeCalculation: (t) => t.deflated.length + 200 });
  }

  /** gzip of `prefix ‖ rest`; without a version (no cache) the rest is deflated for this request only. */
  async body(prefix: string, rest: string, version: string | undefined): Promise<Buffer<ArrayBuffer>> {
    const known = version === undefined ? undefined : this.tails.get(version);
    if (known) return gzipSpliced(prefix, known);
    const bytes = Buffer.from(rest, 'utf8');
    const tail = deflatedTail(bytes, await deflateRawAsync(bytes));
    if (version !== undefined) this.tails.set(version, tail);
    return gzipSpliced(prefix, tail);
  }
}
