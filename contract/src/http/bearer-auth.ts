import { createHash, timingSafeEqual } from 'node:crypto';
import type { Context, MiddlewareHandler } from 'hono';
import { Counter, type Registry } from 'prom-client';
import { RateLimiterMemory } from 'rate-limiter-flexible';
import { clientKeyOf } from './client-address';
import { HttpProblem } from './http-problem';
import { tooManyRequests } from './rate-limit';

const digest = (s: string) => createHash('sha256').update(s).digest();

export type BearerAuthOptions = {
  /** Failed attempts per client and window before every request of that client is a 429, token or not. */
  maxFailures?: number;
  failureWindowSeconds?: number;
  /** Who a failure is counted against (default: the socket peer, `clientKeyOf(0)`). */
  clientKey?: (c: Context) => string;
  /** Where `admin_auth_rejections_total` is registered. */
  registry?: Registry;
};

/** Settings of the admin authentication from the shared environment (`CommonEnv`). */
export function adminAuthSettings(env: { TRUST_PROXY_HOPS: number; ADMIN_AUTH_MAX_FAILURES: number; ADMIN_AUTH_FAILURE_WINDOW_S: number }) {
  return {
    maxFailures: env.ADMIN_AUTH_MAX_FAILURES,
    failureWindowSeconds: env.ADMIN_AUTH_FAILURE_WINDOW_S,
    clientKey: clientKeyOf(env.TRUST_PROXY_HOPS),
  } satisfies BearerAuthOptions;
}

function rejections(registry: Registry | undefined): Counter | undefined {
  if (!registry) return undefined;
  const name = 'admin_auth_rejections_total';
  const existing = registry.getSingleMetric(name);
  if (existing instanceof Counter) return existing;
  return new Counter({ name, help: 'Admin requests refused: unauthorized (bad token) or too_many_failures (429)', labelNames: ['reason'], registers: [registry] });
}

/**
 * Bearer-token check in constant time (hashing first makes lengths equal, so length leaks nothing), with a
 * per-client failure budget: after `maxFailures` 401s in the window the client gets 429 before its token is
 * even looked at, so guessing is slow and a flood of bad tokens costs no hashing. The budget is per process
 * (in memory): the token is ≥ 16 random characters, so the limit is about noise, not the last line of defence.
 */
export function bearerAuth(token: string, options: BearerAuthOptions = {}): MiddlewareHandler {
  if (token.length < 16) throw new Error('bearerAuth: token must be at least 16 characters');
  const maxFailures = options.maxFailures ?? 10;
  const windowSeconds = options.failureWindowSeconds ?? 60;
  if (!(maxFailures >= 1 && windowSeconds >= 1)) throw new Error('bearerAuth: maxFailures and failureWindowSeconds must be ≥ 1');
  const expected = digest(token);
  const failures = new RateLimiterMemory({ points: maxFailures, duration: windowSeconds, keyPrefix: 'admin-auth' });
  const keyOf = options.clientKey ?? clientKeyOf(0);
  const counter = rejections(options.registry);
  return async (c, next) => {
    const client = keyOf(c);
    const seen = await failures.get(client);
    if (seen && seen.consumedPoints >= maxFailures) {
      counter?.inc({ reason: 'too_many_failures' });
      throw tooManyRequests(c, seen.msBeforeNext, `over ${maxFailures} failed authentications in ${windowSeconds} s from this client`);
    }
    const header = c.req.header('authorization') ?? '';
    const match = /^Bearer\s+(.+)$/i.exec(header);
    if (!match?.[1] || !timingSafeEqual(digest(match[1]), expected)) {
      await failures.penalty(client);
      counter?.inc({ reason: 'unauthorized' });
      c.header('WWW-Authenticate', 'Bearer realm="admin"');
      throw new HttpProblem('unauthorized', 'missing or invalid bearer token');
    }
    await next();
  };
}
