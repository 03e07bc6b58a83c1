import type { Context } from 'hono';
import { prefersGzip, type GzipAnswers, type StoredPart } from '../search/gzip-answers';

/** The parts as one text: a request's own texts and the stored parts between them. */
export function partsText(parts: readonly (string | StoredPart)[]): string {
  return parts.map((p) => (typeof p === 'string' ? p : p.text)).join('');
}

/**
 * A 200 `application/json` answer made of a request's texts and stored parts: as text, or for a client that prefers
 * gzip the stored parts' kept deflate with the texts spliced between (`hono/compress` then leaves it as it is).
 */
export async function splicedJson(c: Context, gzip: GzipAnswers, parts: readonly (string | StoredPart)[]): Promise<Response> {
  const headers = { 'content-type': 'application/json' };
  if (!prefersGzip(c.req.header('accept-encoding'))) return c.body(partsText(parts), 200, headers);
  return c.body(await gzip.body(parts), 200, { ...headers, 'content-encoding': 'gzip' });
}
