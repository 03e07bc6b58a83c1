import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { Product, ProductId, toFieldErrors } from '@catalog/contract';
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
import { PreconditionFailedError, StoredProductInvalidError, type MasterRecord, type MasterStore, type Precondition } from '../store/master-store';
import { etagOf, ifMatchAllows, ifNoneMatchMatches, parseEntityTags, type EntityTagList } from './preconditions';
import { Accepted, ProductInput, ProductPatch, ProductRecord, validateProduct, withoutServerOwned } from './product-input';

export { ProductInput, ProductPatch };

/** Query of the admin list: keyset cursor, page size and filters. */
export const ListParams = z
  .object({
    cursor: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/, 'a nextCursor from a previous page').optional(),
    limit: z.coerce.number().int().min(1).max(500).default(50),
    q: z.string().trim().max(200).optional(),
    brand: z.string().trim().min(1).max(100).optional(),
    category: z.string().trim().min(1).max(600).optional(),
    deleted: z.enum(['false', 'true', 'any']).default('false'),
  })
  .strict();

const ListPage = z
  .object({
    items: z.array(
      z.object({
        id: ProductId,
        version: z.number().int(),
        deleted: z.boolean(),
        updatedAt: z.string(),
        product: Product.optional(),
        invalid: z.literal(true).optional().openapi({ description: 'Stored under older rules; GET names the fields, a PUT fixes it' }),
      }),
    ),
    nextCursor: z.string().optional(),
  })
  .openapi('ProductListPage');

const IdParam = z.object({ id: ProductId.openapi({ param: { name: 'id', in: 'path' } }) });
const ENTITY_TAGS = 'a comma-separated list of entity tags ("3", W/"3") or *';
const IfMatch = z.object({
  'if-match': z.string().max(1024).optional().openapi({ description: `Proceed only if the product is at this version (its ETag); else 412. ${ENTITY_TAGS}` }),
});
const etagHeader = z.object({ ETag: z.string().openapi({ description: 'The product version as an entity tag, e.g. "3"' }) });
const accepted = { 202: { ...json(Accepted, 'Accepted: the change will reach the index'), headers: etagHeader } };
const preconditionFailed = { 412: problemDoc('If-Match does not name the current version; nothing changed') };
const notFound = { 404: problemDoc('Unknown or deleted product') };
const storedInvalid = { 409: problemDoc('The stored product was written under older rules and fails today\'s (named in errors); PUT a corrected product') };

const listRoute = createRoute({
  method: 'get', path: '/', summary: 'List master records (keyset paged, filtered)', security: BEARER_SECURITY,
  request: { query: ListParams },
  responses: { 200: json(ListPage, 'One page'), ...adminProblems },
});
const getRoute = createRoute({
  method: 'get', path: '/{id}', summary: 'The master record with its version (ETag)', security: BEARER_SECURITY,
  request: {
    params: IdParam,
    headers: z.object({ 'if-none-match': z.string().max(1024).optional().openapi({ description: `304 when the product is still at this version. ${ENTITY_TAGS}` }) }),
  },
  responses: { 200: { ...json(ProductRecord, 'The record'), headers: etagHeader }, 304: { description: 'Not modified' }, ...notFound, ...storedInvalid, ...adminProblems },
});
const putRoute = createRoute({
  method: 'put', path: '/{id}', summary: 'Create or replace a product (accepts the record GET returned)', security: BEARER_SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: IdParam, headers: IfMatch, body: { required: true, content: { 'application/json': { schema: ProductInput } } } },
  responses: { ...accepted, ...preconditionFailed, ...adminProblems },
});
const patchRoute = createRoute({
  method: 'patch', path: '/{id}', summary: 'Change some fields (publishes the full merged product)', security: BEARER_SECURITY,
  middleware: [requireJsonBody] as const,
  request: { params: IdParam, headers: IfMatch, body: { required: true, content: { 'application/json': { schema: ProductPatch } } } },
  responses: { ...accepted, ...notFound, ...preconditionFailed, ...storedInvalid, ...adminProblems },
});
const deleteRoute = createRoute({
  method: 'delete', path: '/{id}', summary: 'Delete a product (publishes product.deleted)', security: BEARER_SECURITY,
  request: { params: IdParam, headers: IfMatch },
  responses: { ...accepted, ...notFound, ...preconditionFailed, ...adminProblems },
});

export type AdminDeps = { store: MasterStore; onAccepted: () => void; now?: () => Date };

/** A conditional header → its tag list; malformed → 400 naming the header. */
function entityTags(header: string | undefined, name: string): EntityTagList | undefined {
  if (header === undefined) return undefined;
  const list = parseEntityTags(header);
  if (!list) throw invalidInput([{ path: name, message: ENTITY_TAGS }], 'headers');
  return list;
}

/** `If-Match` as a store precondition (absent = unconditional). */
function ifMatch(header: string | undefined): Precondition | undefined {
  const list = entityTags(header, 'If-Match');
  return list ? (current) => ifMatchAllows(list, current) : undefined;
}

/** Run a write; a failed precondition is a 412 and nothing changed. */
function conditional<T>(write: () => T): T {
  try {
    return write();
  } catch (err) {
    if (err instanceof PreconditionFailedError) {
      throw new HttpProblem('precondition_failed', `If-Match does not match: ${err.message}`, { cause: err, errors: [{ path: 'If-Match', message: err.message }] });
    }
    throw err;
  }
}

/** The live record; one stored under older rules is a 409 naming what a corrected PUT must fix. */
function liveRecord(store: MasterStore, id: string): MasterRecord | undefined {
  try {
    return store.get(id);
  } catch (err) {
    if (!(err instanceof StoredProductInvalidError)) throw err;
    throw new HttpProblem('conflict', `${err.message}; PUT a corrected full product`, { cause: err, errors: toFieldErrors(err.issues) });
  }
}

function parseProduct(value: unknown): Product {
  const parsed = validateProduct(value);
  if ('errors' in parsed) throw invalidInput(parsed.errors, 'product');
  return parsed.product;
}

const acceptedResponse = (c: Context, event: { eventId: string; version: number }, id: string) => {
  c.header('ETag', etagOf(event.version));
  return c.json({ eventId: event.eventId, productId: id, version: event.version }, 202);
};

/** Inventory admin routes of the contract (PUT, PATCH, DELETE, GET one product, conditional on the ETag) and the paged list. */
export function adminProductRoutes({ store, onAccepted, now = () => new Date() }: AdminDeps): OpenAPIHono {
  const app = openApiApp();

  app.openapi(listRoute, (c) => {
    const { q, ...rest } = c.req.valid('query');
    return c.json(store.list({ ...rest, ...(q ? { q } : {}) }), 200);
  });

  app.openapi(getRoute, (c) => {
    const { id } = c.req.valid('param');
    const record = liveRecord(store, id);
    if (!record) throw new HttpProblem('not_found', `product ${id} not found`);
    c.header('ETag', etagOf(record.version));
    const known = entityTags(c.req.valid('header')['if-none-match'], 'If-None-Match');
    if (known && ifNoneMatchMatches(known, record.version)) return c.body(null, 304);
    return c.json({ ...record.product, inStock: record.product.stock > 0, version: record.version }, 200);
  });

  app.openapi(putRoute, (c) => {
    const { id } = c.req.valid('param');
    const input = c.req.valid('json');
    if (input.id !== undefined && input.id !== id) throw invalidInput([{ path: 'id', message: `must equal the id in the path (${id})` }], 'product');
    const precondition = ifMatch(c.req.valid('header')['if-match']);
    const at = now().toISOString();
    const createdAt = store.createdAtOf(id) ?? input.createdAt ?? at;
    const product = parseProduct({ ...withoutServerOwned(input), id, createdAt, updatedAt: at });
    const event = conditional(() => store.upsert(product, now(), precondition));
    onAccepted();
    return acceptedResponse(c, event, id);
  });

  app.openapi(patchRoute, (c) => {
    const { id } = c.req.valid('param');
    const patch = c.req.valid('json');
    if (patch.id !== undefined && patch.id !== id) throw invalidInput([{ path: 'id', message: `must equal the id in the path (${id})` }], 'product patch');
    const precondition = ifMatch(c.req.valid('header')['if-match']);
    const current = liveRecord(store, id);
    if (!current) throw new HttpProblem('not_found', `product ${id} not found`);
    const merged = parseProduct({ ...current.product, ...withoutServerOwned(patch), id, updatedAt: now().toISOString() });
    // The merge is based on `current`: the write must still find that version, whatever If-Match said.
    const unchanged: Precondition = (v) => v === current.version && (precondition?.(v) ?? true);
    const event = conditional(() => store.upsert(merged, now(), unchanged));
    onAccepted();
    return acceptedResponse(c, event, id);
  });

  app.openapi(deleteRoute, (c) => {
    const { id } = c.req.valid('param');
    const precondition = ifMatch(c.req.valid('header')['if-match']);
    const event = conditional(() => store.delete(id, now(), precondition));
    if (!event) throw new HttpProblem('not_found', `product ${id} not found`);
    onAccepted();
    return acceptedResponse(c, event, id);
  });

  return app;
}
