import type { Topic } from '@google-cloud/pubsub';
import { Hono } from 'hono';
import type { Logger } from 'pino';
import { z } from 'zod';
import { toFieldErrors } from '@catalog/contract';
import { HttpProblem, invalidInput } from '@catalog/contract/http';
import { decodeCursor, decodeData, encodeCursor, replayAttributes, type DeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

const ListParams = z
  .object({
    limit: z.coerce.number().int().min(1).max(100).default(20),
    cursor: z.string().min(1).max(500).optional(),
  })
  .strict();

/** Pub/Sub message ids are digits; a little wider so other stores' ids fit. */
const Id = z.string().regex(/^[A-Za-z0-9._:-]{1,200}$/, 'not a dead-letter id');

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

/** `/dead-letters` admin routes (mounted under /v1/admin behind the bearer token by createIndexerApp). */
export function deadLetterRoutes(deps: { store: DeadLetterStore; updates: Republisher; log: Logger }): Hono {
  const app = new Hono();

  const idParam = (raw: string): string => {
    const parsed = Id.safeParse(raw);
    if (!parsed.success) throw invalidInput(toFieldErrors(parsed.error, ['id']), 'path parameter');
    return parsed.data;
  };
  const load = async (id: string): Promise<DeadLetterRecord> => {
    const record = await deps.store.get(id);
    if (!record) throw new HttpProblem('not_found', `no dead letter with id ${id}`);
    return record;
  };

  app.get('/dead-letters', async (c) => {
    const parsed = ListParams.safeParse(c.req.query());
    if (!parsed.success) throw invalidInput(toFieldErrors(parsed.error), 'query parameters');
    const { limit, cursor } = parsed.data;
    const after = cursor === undefined ? undefined : decodeCursor(cursor);
    if (cursor !== undefined && !after) {
      throw invalidInput([{ path: 'cursor', message: 'not a cursor returned by this API' }], 'query parameters');
    }
    const page = await deps.store.list(limit, after);
    return c.json({ items: page.items.map(view), ...(page.last ? { nextCursor: encodeCursor(page.last) } : {}) });
  });

  app.get('/dead-letters/:id', async (c) => c.json(view(await load(idParam(c.req.param('id'))))));

  app.post('/dead-letters/:id/replay', async (c) => {
    const record = await load(idParam(c.req.param('id')));
    // Publish first, then delete: a crash in between leaves a duplicate, which versions make harmless.
    const messageId = await deps.updates.publishMessage({ data: decodeData(record), attributes: replayAttributes(record.attributes) });
    await deps.store.delete(record.id);
    deps.log.info({ deadLetterId: record.id, messageId, productId: record.attributes.productId }, 'dead letter replayed');
    return c.json({ id: record.id, replayed: true, messageId });
  });

  app.delete('/dead-letters/:id', async (c) => {
    const id = idParam(c.req.param('id'));
    if (!(await deps.store.delete(id))) throw new HttpProblem('not_found', `no dead letter with id ${id}`);
    deps.log.info({ deadLetterId: id }, 'dead letter deleted');
    return c.body(null, 204);
  });

  return app;
}
