import type { Topic } from '@google-cloud/pubsub';
import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Logger } from 'pino';
import { classifyEsError, isTransientEsFailure } from '@catalog/contract/elasticsearch';
import { BEARER_SECURITY, HttpProblem, adminProblemResponses, jsonResponse, openApiApp, problemDoc } from '@catalog/contract/http';
import { DEAD_LETTER_ID, decodeCursor, decodeData, encodeCursor, replayAttributes, type DeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

/** The largest page; a cursor is at most this long (it is base64url of `[millis, id]`). */
const MAX_LIMIT = 100;
const MAX_CURSOR_CHARS = 400;

const ListParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(MAX_LIMIT).default(20).openapi({ description: `1–${MAX_LIMIT}, default 20` }),
    cursor: z
      .string()
      .max(MAX_CURSOR_CHARS)
      .transform((text, ctx) => {
        const cursor = decodeCursor(text);
        if (!cursor) ctx.addIssue({ code: 'custom', message: 'not a nextCursor returned by this API' });
        return cursor ?? z.NEVER;
      })
      .optional()
      .openapi({ type: 'string', description: 'The `nextCursor` of the previous page (opaque)' }),
  })
  .strict();

const IdParam = z.object({ id: DEAD_LETTER_ID.openapi({ param: { name: 'id', in: 'path' }, example: '13546789012345678' }) });

const DeadLetterView = z
  .object({
    id: z.string(),
    receivedAt: z.string(),
    reason: z.string(),
    deliveryAttempts: z.number().int(),
    attributes: z.record(z.string(), z.string()),
    data: z.string().openapi({ description: 'The original message body: UTF-8 text, or base64 when dataEncoding says so' }),
    dataEncoding: z.enum(['utf8', 'base64']),
    source: z.enum(['indexer', 'pubsub-policy']),
  })
  .openapi('DeadLetter');

const notFound = { 404: problemDoc('No dead letter with this id') };
const unavailable = { 503: problemDoc('The dead-letter store (Elasticsearch) or Pub/Sub is unavailable; retry') };

const listRoute = createRoute({
  method: 'get', path: '/dead-letters', summary: 'Dead letters, newest first', security: BEARER_SECURITY,
  request: { query: ListParams },
  responses: {
    200: jsonResponse(z.object({ items: z.array(DeadLetterView), nextCursor: z.string().optional() }).openapi('DeadLetterPage'), 'One page'),
    ...adminProblemResponses, ...unavailable,
  },
});
const getRoute = createRoute({
  method: 'get', path: '/dead-letters/{id}', summary: 'One dead letter', security: BEARER_SECURITY,
  request: { params: IdParam },
  responses: { 200: jsonResponse(DeadLetterView, 'The dead letter'), ...notFound, ...adminProblemResponses, ...unavailable },
});
const replayRoute = createRoute({
  method: 'post', path: '/dead-letters/{id}/replay', summary: 'Republish the original message to product-updates, then remove it', security: BEARER_SECURITY,
  request: { params: IdParam },
  responses: {
    200: jsonResponse(z.object({ id: z.string(), replayed: z.literal(true), messageId: z.string() }).openapi('Replayed'), 'Republished'),
    ...notFound, ...adminProblemResponses, ...unavailable,
  },
});
const deleteRoute = createRoute({
  method: 'delete', path: '/dead-letters/{id}', summary: 'Remove a dead letter', security: BEARER_SECURITY,
  request: { params: IdParam },
  responses: { 204: { description: 'Removed' }, ...notFound, ...adminProblemResponses, ...unavailable },
});

/** What the API shows of a record (the contract's fields first, bookkeeping after). */
const view = (r: DeadLetterRecord) => ({
  id: r.id,
  receivedAt: r.receivedAt,
  reason: r.reason,
  deliveryAttempts: r.deliveryAttempts,
  attributes: r.attributes,
  data: r.data,
  dataEncoding: r.dataEncoding,
  source: r.source,
});

/** Republishes an original message; resolves with the new message id once Pub/Sub accepted it. */
export type Republisher = Pick<Topic, 'publishMessage'>;

/**
 * A failure of the store or of Pub/Sub → the problem an admin sees: an outage is a 503 (retry), never a 500;
 * whatever else is left is a logged 500. Inputs are validated before they reach either, so none is to blame.
 */
const STORE = { name: 'the dead-letter store', isOutage: (err: unknown) => isTransientEsFailure(classifyEsError(err).kind) };
// A publish of bytes that were accepted once can only fail for Pub/Sub's own reasons (down, deadline).
const PUBSUB = { name: 'Pub/Sub', isOutage: () => true };

const guarded = async <T>(dependency: { name: string; isOutage: (err: unknown) => boolean }, run: () => Promise<T>): Promise<T> => {
  try {
    return await run();
  } catch (err) {
    if (err instanceof HttpProblem || !dependency.isOutage(err)) throw err;
    throw new HttpProblem('unavailable', `${dependency.name} is unavailable; retry shortly`, { cause: err });
  }
};

/** `/dead-letters` admin routes (mounted under /v1/admin behind the bearer token by createIndexerApp). */
export function deadLetterRoutes(deps: { store: DeadLetterStore; updates: Republisher; log: Logger }): OpenAPIHono {
  const app = openApiApp();
  const load = async (id: string): Promise<DeadLetterRecord> => {
    const record = await guarded(STORE, () => deps.store.get(id));
    if (!record) throw new HttpProblem('not_found', `no dead letter with id ${id}`);
    return record;
  };

  app.openapi(listRoute, async (c) => {
    const { limit, cursor } = c.req.valid('query');
    const page = await guarded(STORE, () => deps.store.list(limit, cursor));
    return c.json({ items: page.items.map(view), ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) }, 200);
  });

  app.openapi(getRoute, async (c) => c.json(view(await load(c.req.valid('param').id)), 200));

  app.openapi(replayRoute, async (c) => {
    const record = await load(c.req.valid('param').id);
    // Publish first, then delete: a crash in between leaves a duplicate, which versions make harmless.
    const messageId = await guarded(PUBSUB, () => deps.updates.publishMessage({ data: decodeData(record), attributes: replayAttributes(record.attributes) }));
    await guarded(STORE, () => deps.store.delete(record.id));
    deps.log.info({ deadLetterId: record.id, messageId, productId: record.attributes.productId }, 'dead letter replayed');
    return c.json({ id: record.id, replayed: true as const, messageId }, 200);
  });

  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    if (!(await guarded(STORE, () => deps.store.delete(id)))) throw new HttpProblem('not_found', `no dead letter with id ${id}`);
    deps.log.info({ deadLetterId: id }, 'dead letter deleted');
    return c.body(null, 204);
  });

  return app;
}
