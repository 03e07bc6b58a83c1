import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { SYNONYM_LIMITS, SynonymSet, SynonymSetId, SynonymSetInput } from '@catalog/contract';
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
import { AuditEntry, SynonymVersionConflictError, type SynonymStore } from '../merch/synonym-store';

const IdParam = z.object({ id: SynonymSetId.openapi({ param: { name: 'id', in: 'path' }, example: 'mini-fridge' }) });
const Headers = z.object({
  'if-match': z.string().max(64).optional().openapi({ description: 'Write only if the set is at this version, e.g. "3" ("0" = must not exist yet); else 412' }),
  'x-admin-user': z.string().max(100).optional().openapi({ description: 'Who makes the change, for the audit trail (default "admin")' }),
});
const SetList = z.object({ items: z.array(SynonymSet) }).openapi('SynonymSetList');
const AuditList = z.object({ items: z.array(AuditEntry) }).openapi('SynonymAudit');
const AuditParams = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();
const etagHeader = z.object({ ETag: z.string().openapi({ description: 'The set version as an entity tag, e.g. "3"' }) });
const conflict = { 412: problemDoc('If-Match does not name the current version; nothing changed') };

const listRoute = createRoute({
  method: 'get', path: '/', summary: `Every synonym set (at most ${SYNONYM_LIMITS.sets})`, security: BEARER_SECURITY,
  responses: { 200: json(SetList, 'The sets'), ...adminProblems },
});
const auditRoute = createRoute({
  method: 'get', path: '/audit', summary: 'Newest synonym changes first: who, when, before and after', security: BEARER_SECURITY,
  request: { query: AuditParams },
  responses: { 200: json(AuditList, 'Audit entries'), ...adminProblems },
});
const getRoute = createRoute({
  method: 'get', path: '/{id}', summary: 'One synonym set with its version (ETag)', security: BEARER_SECURITY,
  request: { params: IdParam },
  responses: { 200: { ...json(SynonymSet, 'The set'), headers: etagHeader }, 404: problemDoc('No such set'), ...adminProblems },
});
const putRoute = createRoute({
  method: 'put', path: '/{id}', security: BEARER_SECURITY, middleware: [requireJsonBody] as const,
  summary: 'Create or replace a synonym set: equivalent terms, or one-way from → to. Searches use it within SYNONYMS_REFRESH_MS, no reindex',
  request: { params: IdParam, headers: Headers, body: { required: true, content: { 'application/json': { schema: SynonymSetInput } } } },
  responses: { 200: { ...json(SynonymSet, 'Replaced'), headers: etagHeader }, 201: { ...json(SynonymSet, 'Created'), headers: etagHeader }, ...conflict, ...adminProblems },
});
const deleteRoute = createRoute({
  method: 'delete', path: '/{id}', summary: 'Delete a synonym set', security: BEARER_SECURITY,
  request: { params: IdParam, headers: Headers },
  responses: { 204: { description: 'Deleted' }, 404: problemDoc('No such set'), ...conflict, ...adminProblems },
});

/** `If-Match: "3"` → 3; absent → undefined; anything else → 400 naming the header. */
function ifMatchVersion(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const m = /^\s*(?:W\/)?"(\d{1,9})"\s*$/.exec(header);
  if (!m) throw invalidInput([{ path: 'If-Match', message: 'the set version as an entity tag, e.g. "3"' }], 'headers');
  return Number(m[1]);
}

async function conditional<T>(write: () => Promise<T>): Promise<T> {
  try {
    return await write();
  } catch (err) {
    if (err instanceof SynonymVersionConflictError) {
      throw new HttpProblem('precondition_failed', err.message, { cause: err, errors: [{ path: 'If-Match', message: err.message }] });
    }
    throw err;
  }
}

/** `/v1/admin/synonyms`: list, read, create/replace, delete (conditional on the version), audit trail. */
export function adminSynonymRoutes({ store }: { store: SynonymStore }): OpenAPIHono {
  const app = openApiApp();
  app.openapi(listRoute, async (c) => c.json({ items: await store.list() }, 200));
  app.openapi(auditRoute, async (c) => c.json({ items: await store.audit(c.req.valid('query').limit) }, 200));
  app.openapi(getRoute, async (c) => {
    const set = await store.get(c.req.valid('param').id);
    if (!set) throw new HttpProblem('not_found', 'no such synonym set');
    c.header('ETag', `"${set.version}"`);
    return c.json(set, 200);
  });
  app.openapi(putRoute, async (c) => {
    const { id } = c.req.valid('param');
    const headers = c.req.valid('header');
    const input = c.req.valid('json');
    const { set, created } = await conditional(() =>
      store.put(id, input, { actor: headers['x-admin-user'] ?? 'admin', ifMatch: ifMatchVersion(headers['if-match']) }),
    );
    c.header('ETag', `"${set.version}"`);
    return created ? c.json(set, 201) : c.json(set, 200);
  });
  app.openapi(deleteRoute, async (c) => {
    const { id } = c.req.valid('param');
    const headers = c.req.valid('header');
    const deleted = await conditional(() => store.delete(id, { actor: headers['x-admin-user'] ?? 'admin', ifMatch: ifMatchVersion(headers['if-match']) }));
    if (!deleted) throw new HttpProblem('not_found', 'no such synonym set');
    return c.body(null, 204);
  });
  return app;
}
