import type { Context, ErrorHandler, NotFoundHandler } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { Logger } from 'pino';
import { ZodError } from 'zod';
import { toFieldErrors } from '../problem';
import { HttpProblem, invalidInput } from './http-problem';

/** Render a problem as `application/problem+json`. */
export function problemResponse(c: Context, problem: HttpProblem): Response {
  return c.body(JSON.stringify(problem.toBody()), problem.status, {
    'Content-Type': 'application/problem+json',
  });
}

function toProblem(err: unknown): HttpProblem | undefined {
  if (err instanceof HttpProblem) return err;
  if (err instanceof ZodError) return invalidInput(toFieldErrors(err));
  if (err instanceof HTTPException) {
    // Hono's own exceptions (body limit, malformed JSON) carry the status we want to keep.
    if (err.status === 413) return new HttpProblem('payload_too_large', err.message || 'request body too large');
    if (err.status === 401) return new HttpProblem('unauthorized', 'missing or invalid bearer token');
    if (err.status === 415) return new HttpProblem('unsupported_media_type', err.message || 'unsupported media type');
    // Hono's 400s are about the body (malformed JSON or form data): name it like every other 400 names its field.
    if (err.status === 400) return invalidInput([{ path: '(body)', message: err.message || 'malformed request body' }], 'body');
  }
  return undefined;
}

/** The one `onError` of every app: known failures keep their status, anything else is a logged, generic 500. */
export function problemHandler(log: Logger): ErrorHandler {
  return (err, c) => {
    const known = toProblem(err);
    if (known) {
      if (known.status >= 500) log.warn({ err: known.cause ?? known, path: c.req.path }, known.message);
      return problemResponse(c, known);
    }
    log.error({ err, path: c.req.path, method: c.req.method }, 'unhandled error');
    return problemResponse(c, new HttpProblem('internal', 'an unexpected error occurred; it has been logged'));
  };
}

/** 404 for unknown routes, in the same problem shape. */
export const notFoundHandler: NotFoundHandler = (c) =>
  problemResponse(c, new HttpProblem('not_found', `no route for ${c.req.method} ${c.req.path}`));
