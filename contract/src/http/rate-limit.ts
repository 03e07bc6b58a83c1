import type { Context, MiddlewareHandler } from 'hono';
import { RateLimiterRes } from 'rate-limiter-flexible';
import { HttpProblem } from './http-problem';

/** The part of a rate-limiter-flexible limiter the middleware uses (any store: memory, Memcached, …). */
export type PointsLimiter = {
  readonly points: number;
  readonly duration: number;
  consume(key: string, points?: number): Promise<RateLimiterRes>;
};

export type RateLimitOptions = {
  limiter: PointsLimiter;
  /** Who is counted: `clientKeyOf(trustedHops)`. */
  key: (c: Context) => string;
  /** Every rejected request (the 429 counter). */
  onRejected?: (c: Context) => void;
  /** The limiter itself failed (store down, no insurance left): the request goes through. */
  onError?: (err: unknown) => void;
};

const seconds = (ms: number) => Math.max(1, Math.ceil(ms / 1000));

/** `RateLimit-*` headers (IETF httpapi draft) describing the window the request was counted in. */
export function setRateLimitHeaders(c: Context, limiter: PointsLimiter, res: RateLimiterRes): void {
  c.header('RateLimit-Policy', `${limiter.points};w=${limiter.duration}`);
  c.header('RateLimit-Limit', String(limiter.points));
  c.header('RateLimit-Remaining', String(Math.max(0, res.remainingPoints)));
  c.header('RateLimit-Reset', String(seconds(res.msBeforeNext)));
}

/** The 429 answer: problem+json with `Retry-After` in whole seconds (at least 1). */
export function tooManyRequests(c: Context, msBeforeNext: number, what: string): HttpProblem {
  const retryAfter = seconds(msBeforeNext);
  c.header('Retry-After', String(retryAfter));
  return new HttpProblem('too_many_requests', `${what}; retry after ${retryAfter} s`);
}

/**
 * Counts each request against `key(c)` and answers 429 over the limit. A limiter that fails (not a rejection)
 * lets the request through: the limiter protects the service, it must never be the reason it is down.
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler {
  const { limiter } = options;
  if (!(limiter.points > 0 && limiter.duration > 0)) throw new Error('rateLimit: points and duration must be > 0');
  return async (c, next) => {
    let res: RateLimiterRes | undefined;
    try {
      res = await limiter.consume(options.key(c));
    } catch (err) {
      if (!(err instanceof RateLimiterRes)) {
        options.onError?.(err);
        return next();
      }
      setRateLimitHeaders(c, limiter, err);
      options.onRejected?.(c);
      throw tooManyRequests(c, err.msBeforeNext, `over ${limiter.points} requests in ${limiter.duration} s from this client`);
    }
    setRateLimitHeaders(c, limiter, res);
    await next();
  };
}
