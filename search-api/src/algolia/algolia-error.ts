import type { Context } from 'hono';
import { HTTPException } from 'hono/http-exception';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { Logger } from 'pino';
import { HttpProblem } from '@catalog/contract/http';

/** A request the Algolia surface refuses: 400 `{ message, status }` naming the parameter. */
export class AlgoliaInputError extends HttpProblem {
  constructor(message: string, options?: ErrorOptions) {
    super('bad_request', message, options);
    this.name = 'AlgoliaInputError';
  }
}

/** The error body Algolia's clients read (`message`, `status`); they retry on 5xx, never on 4xx. */
export type AlgoliaErrorBody = { message: string; status: number };

/** Any failure → the Algolia error shape. A 5xx logs its cause and shows a generic message. */
export function algoliaErrorBody(err: unknown, log: Logger): AlgoliaErrorBody {
  if (err instanceof HttpProblem) {
    if (err.status >= 500) log.error({ err }, 'algolia request failed');
    const details = err.errors?.map((e) => `${e.path}: ${e.message}`).join('; ');
    return { message: details ? `${err.message} (${details})` : err.message, status: err.status };
  }
  // Hono's own refusals (body limit, malformed JSON) keep their 4xx.
  if (err instanceof HTTPException && err.status < 500) return { message: err.message || 'Bad request', status: err.status };
  log.error({ err }, 'algolia request failed');
  return { message: 'Internal error; it has been logged', status: 500 };
}

/** Hono `onError` of the Algolia routes. */
export function algoliaErrorHandler(log: Logger) {
  return (err: Error, c: Context) => {
    const body = algoliaErrorBody(err, log.child({ path: c.req.path }));
    return c.json(body, body.status as ContentfulStatusCode);
  };
}
