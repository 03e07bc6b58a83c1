import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import {
  BEARER_SECURITY,
  HttpProblem,
  adminProblemResponses as adminProblems,
  invalidInput,
  jsonResponse as json,
  openApiApp,
  problemDoc,
  requireJsonBody,
} from '@catalog/contract/http';
import { auditEntrySchema, VersionConflictError, type Versioned, type VersionedStore } from '../merch/versioned-store';

/** Ids of merchandising items: chosen by the admin, URL-safe. */
export const MerchId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, _ and -, at most 64');

const IdParam = z.object({ id: MerchId.openapi({ param: { name: 'id', in: 'path' } }) });
const WriteHeaders = z.object({
  'if-match': z.string().max(64).optional().openapi({ description: 'Write only if the item is at this version, e.g. "3" ("0" = must not exist yet); else 412' }),
  'x-admin-user': z.string().max(100).optional().openapi({ description: 'Who makes the change, for the audit trail (default "admin")' }),
});
const AuditParams = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();
const etagHeader = z.object({ ETag: z.string().openapi({ description: 'The version as an entity tag, e.g. "3"' }) });
const conflict = { 412: problemDoc('If-Match does not name the current version; nothing changed') };
const missing = { 404: problemDoc('No such item') };

/** `If-Match: "3"` → 3; absent → undefined; anything else → 400 naming the header. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw invalidInput([{ path: 'If-Match', message: 'the version as an entity tag, e.g. "3"' }], 'headers');
  return Number(m[1]);
}

async function conditional<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof VersionConflictError) {
      throw new HttpProblem('precondition_failed', err.message, { cause: err, errors: [{ path: 'If-Match', message: err.message }] });
    }
    throw err;
  }
}

/**
 * `/v1/admin/<things>` of one kind of merchandising item: list, read, create/replace and delete (conditional on the
 * version), and the audit trail. `what` names the item in summaries ("synonym set", "query rule").
 */
export function adminMerchRoutes<I, T extends Versioned>(o: {
  store: VersionedStore<I, T>;
  what: string;
  input: z.ZodType<I>;
  item: z.ZodType<T>;
  names: { list: string; audit: string };
  putSummary: string;
}): OpenAPIHono {
  const listRoute = createRoute({
    method: 'get', path: '/', summary: `Every ${o.what}`, security: BEARER_SECURITY,
    responses: { 200: json(z.object({ items: z.array(o.item) }).openapi(o.names.list), 'All of them'), ...adminProblems },
  });
  const auditRoute = createRoute({
    method: 'get', path: '/audit', summary: `Newest ${o.what} changes first: who, when, before and after`, security: BEARER_SECURITY,
    request: { query: AuditParams },
    responses: { 200: json(z.object({ items: z.array(auditEntrySchema(o.item)) }).openapi(o.names.audit), 'Audit entries'), ...adminProblems },
  });
  const getRoute = createRoute({
    method: 'get', path: '/{id}', summary: `One ${o.what} with its version (ETag)`, security: BEARER_SECURITY,
    request: { params: IdParam },
    responses: { 200: { ...json(o.item, 'The item'), headers: etagHeader }, ...missing, ...adminProblems },
  });
  const putRoute = createRoute({
    method: 'put', path: '/{id}', summary: o.putSummary, security: BEARER_SECURITY, middleware: [requireJsonBody] as const,
    request: { params: IdParam, headers: WriteHeaders, body: { required: true, content: { 'application/json': { schema: o.input } } } },
    responses: { 200: { ...json(o.item, 'Replaced'), headers: etagHeader }, 201: { ...json(o.item, 'Created'), headers: etagHeader }, ...conflict, ...adminProblems },
  });
  const deleteRoute = createRoute({
    method: 'delete', path: '/{id}', summary: `Delete a ${o.what}`, security: BEARER_SECURITY,
    request: { params: IdParam, headers: WriteHeaders },
    responses: { 204: { description: 'Deleted' }, ...missing, ...conflict, ...adminProblems },
  });

  const app = openApiApp();
  app.openapi(listRoute, async (c) => c.json({ items: await o.store.list() }, 200));
  app.openapi(auditRoute, async (c) => c.json({ items: await o.store.audit(c.req.valid('query').limit) }, 200));
  app.openapi(getRoute, async (c) => {
    const item = await o.store.get(c.req.valid('param').id);
    if (!item) throw new HttpProblem('not_found', `no such ${o.what}`);
    c.header('ETag', `"${item.version}"`);
    return c.json(item, 200);
  });
  app.openapi(putRoute, async (c) => {
    const { id } = c.req.valid('param');
    const headers = c.req.valid('header');
    const input = o.input.parse(c.req.valid('json'));
    const { item, created } = await conditional(() => o.store.put(id, input, { actor: headers['x-admin-user'] ?? 'admin', ifMatch: ifMatchVersion(headers['if-match']) }));
    c.header('ETag', `"${item.version}"`);
    return created ? c.json(item, 201) : c.json(item, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const headers = c.req.valid('header');
    const deleted = await conditional(() => o.store.delete(id, { actor: headers['x-admin-user'] ?? 'admin', ifMatch: ifMatchVersion(headers['if-match']) }));
    if (!deleted) throw new HttpProblem('not_found', `no such ${o.what}`);
    return c.body(null, 204);
  });
  return app;
}
