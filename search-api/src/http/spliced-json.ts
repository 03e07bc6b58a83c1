import type { Context } from 'hono';
import { prefersGzip, type AnswerBodies, type StoredPart } from '../search/answer-bodies';

/**
 * A 200 `application/json` answer made of a request's texts and stored parts: their kept UTF-8 bytes, or for a client that
 * prefers gzip the stored parts' kept deflate with the texts spliced between (`hono/compress` then leaves it as it is).
 */
export async function splicedJson(c: Context, bodies: AnswerBodies, parts: readonly (string | StoredPart)[]): Promise<Response> {
  const headers = { 'content-type': 'application/json' };
  if (!prefersGzip(c.req.header('accept-encoding'))) return c.body(bodies.plain(parts), 200, headers);
  return c.body(await bodies.gzip(parts), 200, { ...headers, 'content-encoding': 'gzip' });
}
