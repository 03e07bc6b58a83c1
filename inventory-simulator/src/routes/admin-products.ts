import { Hono, type Context } from 'hono';
import { z } from 'zod';
import { HttpProblem, invalidInput } from '@catalog/contract/http';
import { Product, ProductId, toFieldErrors } from '@catalog/contract';
import type { MasterStore } from '../store/master-store';
import { ProductInput, ProductPatch } from './product-input';

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

export type AdminDeps = { store: MasterStore; onAccepted: () => void; now?: () => Date };

async function readJson(c: Context): Promise<unknown> {
  if (!(c.req.header('content-type') ?? '').includes('application/json')) {
    throw new HttpProblem('unsupported_media_type', 'send the product as application/json');
  }
  try {
    return await c.req.json();
  } catch (err) {
    throw new HttpProblem('bad_request', 'body is not valid JSON', { cause: err, errors: [{ path: '(body)', message: 'invalid JSON' }] });
  }
}

function parseId(c: Context): string {
  const id = ProductId.safeParse(c.req.param('id'));
  if (!id.success) throw invalidInput(toFieldErrors(id.error, ['id']), 'product id');
  return id.data;
}

function parseProduct(value: unknown): Product {
  const parsed = Product.safeParse(value);
  if (!parsed.success) throw invalidInput(toFieldErrors(parsed.error), 'product');
  return parsed.data;
}

/** Inventory admin routes of the contract (PUT, PATCH, DELETE, GET one product) and the paged list. */
export function adminProductRoutes({ store, onAccepted, now = () => new Date() }: AdminDeps): Hono {
  const app = new Hono();

  app.get('/', (c) => {
    const params = ListParams.safeParse(c.req.query());
    if (!params.success) throw invalidInput(toFieldErrors(params.error), 'list query');
    const { q, ...rest } = params.data;
    return c.json(store.list({ ...rest, ...(q ? { q } : {}) }));
  });

  app.get('/:id', (c) => {
    const record = store.get(parseId(c));
    if (!record) throw new HttpProblem('not_found', `product ${c.req.param('id')} not found`);
    return c.json({ ...record.product, version: record.version });
  });

  app.put('/:id', async (c) => {
    const id = parseId(c);
    const input = ProductInput.safeParse(await readJson(c));
    if (!input.success) throw invalidInput(toFieldErrors(input.error), 'product');
    if (input.data.id !== undefined && input.data.id !== id) {
      throw invalidInput([{ path: 'id', message: `must equal the id in the path (${id})` }], 'product');
    }
    const at = now().toISOString();
    const createdAt = input.data.createdAt ?? store.get(id)?.product.createdAt ?? at;
    const event = store.upsert(parseProduct({ ...input.data, id, createdAt, updatedAt: at }), now());
    onAccepted();
    return c.json({ eventId: event.eventId, productId: id, version: event.version }, 202);
  });

  app.patch('/:id', async (c) => {
    const id = parseId(c);
    const patch = ProductPatch.safeParse(await readJson(c));
    if (!patch.success) throw invalidInput(toFieldErrors(patch.error), 'product patch');
    const current = store.get(id);
    if (!current) throw new HttpProblem('not_found', `product ${id} not found`);
    const merged = parseProduct({ ...current.product, ...patch.data, updatedAt: now().toISOString() });
    const event = store.upsert(merged, now());
    onAccepted();
    return c.json({ eventId: event.eventId, productId: id, version: event.version }, 202);
  });

  app.delete('/:id', (c) => {
    const id = parseId(c);
    const event = store.delete(id, now());
    if (!event) throw new HttpProblem('not_found', `product ${id} not found`);
    onAccepted();
    return c.json({ eventId: event.eventId, productId: id, version: event.version }, 202);
  });

  return app;
}
