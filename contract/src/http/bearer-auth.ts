import { createHash, timingSafeEqual } from 'node:crypto';
import type { MiddlewareHandler } from 'hono';
import { HttpProblem } from './http-problem';

const digest = (s: string) => createHash('sha256').update(s).digest();

/** Bearer-token check in constant time (hashing first makes lengths equal, so length leaks nothing). */
export function bearerAuth(token: string): MiddlewareHandler {
  if (token.length < 16) throw new Error('bearerAuth: token must be at least 16 characters');
  const expected = digest(token);
  return async (c, next) => {
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      c.header('WWW-Authenticate', 'Bearer realm="admin"');
      throw new HttpProblem('unauthorized', 'missing or invalid bearer token');
    }
    await next();
  };
}
