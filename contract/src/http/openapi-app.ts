import { OpenAPIHono, type z } from '@hono/zod-openapi';
import type { Env, MiddlewareHandler } from 'hono';
import type { ZodError } from 'zod';
import { Problem, toFieldErrors } from '../problem';
import { apiDocsRoutes } from './api-docs';
import { HttpProblem, invalidInput } from './http-problem';

const WHAT: Record<string, string> = { json: 'request body', query: 'query parameters', param: 'path parameters', header: 'headers' };

/** The validator hook of every OpenAPI route: a failure is a 400 problem naming each field, never zod's default body. */
export function problemHook(result: { target: string } & ({ success: true } | { success: false; error: ZodError })): void {
  if (!result.success) throw invalidInput(toFieldErrors(result.error), WHAT[result.target] ?? result.target);
}

/** An `OpenAPIHono` whose validation failures are problem+json 400s. */
export function openApiApp<E extends Env = Env>(): OpenAPIHono<E> {
  return new OpenAPIHono<E>({ defaultHook: problemHook });
}

/**
 * Route middleware for JSON bodies, before the validator: another content type is a 415 and a body that is
 * not JSON a 400 naming `(body)` (the validator would otherwise see `{}` and name every field instead). The
 * parsed body stays in Hono's body cache, so the validator reads it without parsing twice.
 */
export const requireJsonBody: MiddlewareHandler = async (c, next) => {
  const type = (c.req.header('content-type') ?? '').split(';')[0]?.trim().toLowerCase();
  if (type !== 'application/json') throw new HttpProblem('unsupported_media_type', 'send the body as application/json');
  try {
    await c.req.json();
  } catch (err) {
    throw new HttpProblem('bad_request', 'body is not valid JSON', { cause: err, errors: [{ path: '(body)', message: 'invalid JSON' }] });
  }
  await next();
};

/** The bearer scheme every admin route declares; `documentApi` registers it. */
export const BEARER_SECURITY = [{ bearer: [] }];

/** Document `Authorization: Bearer <ADMIN_TOKEN>` as the `bearer` security scheme of `app`'s OpenAPI document. */
export function registerBearerScheme(app: Pick<OpenAPIHono, 'openAPIRegistry'>): void {
  app.openAPIRegistry.registerComponent('securitySchemes', 'bearer', {
    type: 'http',
    scheme: 'bearer',
    description: 'The ADMIN_TOKEN of the deployment (npm start writes it to .local/admin-token).',
  });
}

/** An OpenAPI response with a JSON body. */
export const jsonResponse = <T extends z.ZodType>(schema: T, description: string) => ({ description, content: { 'application/json': { schema } } });

/** An OpenAPI response with a problem+json body. */
export const problemDoc = (description: string) => ({ description, content: { 'application/problem+json': { schema: Problem } } });

/** The problems every admin route may answer. */
export const adminProblemResponses = {
  400: problemDoc('Invalid input; `errors` names each bad field or parameter'),
  401: problemDoc('Missing or invalid bearer token; nothing changed'),
} as const;

/**
 * Serve `app`'s OpenAPI document at `/openapi.json` and Swagger UI at `/docs`, with the bearer scheme when the
 * API is an admin one. Public on purpose: the document describes the API; the data stays behind the token.
 */
export function documentApi(app: OpenAPIHono, info: { title: string; description: string; bearer?: boolean }): void {
  if (info.bearer) registerBearerScheme(app);
  app.doc('/openapi.json', { openapi: '3.0.3', info: { title: info.title, version: '1.0.0', description: info.description } });
  app.route('/', apiDocsRoutes({ title: info.title }));
}
