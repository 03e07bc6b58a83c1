import { errors } from '@elastic/elasticsearch';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { describe, expect, it } from 'vitest';
import { checkApiDocs } from '@catalog/contract/http';
import { createIndexerApp } from '../app';
import { deadLetterRoutes, type Republisher } from './admin-routes';
import { toDeadLetterRecord, type Cursor, type DeadLetterRecord } from './dead-letter-record';
import type { DeadLetterStore } from './dead-letter-store';

const TOKEN = 'test-token-0123456789abcdef';

/** The store's contract over an array (the Elasticsearch store is tested against the real cluster in test/integration). */
class ArrayStore implements DeadLetterStore {
  records: DeadLetterRecord[] = [];
  failWith: unknown;
  async ensure() {}
  async put(r: DeadLetterRecord) {
    this.records.push(r);
  }
  async list(limit: number, after?: Cursor) {
    this.fail();
    const sorted = [...this.records].sort((a, b) => Date.parse(b.receivedAt) - Date.parse(a.receivedAt) || (b.id < a.id ? -1 : 1));
    const start = after ? sorted.findIndex((r) => Date.parse(r.receivedAt) < after[0] || (Date.parse(r.receivedAt) === after[0] && r.id < after[1])) : 0;
    const items = start < 0 ? [] : sorted.slice(start, start + limit);
    const lastItem = items.at(-1);
    return { items, ...(lastItem && items.length === limit ? { last: [Date.parse(lastItem.receivedAt), lastItem.id] as Cursor } : {}) };
  }
  async get(id: string) {
    this.fail();
    return this.records.find((r) => r.id === id);
  }
  async delete(id: string) {
    this.fail();
    const before = this.records.length;
    this.records = this.records.filter((r) => r.id !== id);
    return this.records.length < before;
  }
  private fail() {
    if (this.failWith) throw this.failWith;
  }
}

function setup(publish: Republisher['publishMessage'] = async () => 'm-1') {
  const store = new ArrayStore();
  for (let i = 1; i <= 5; i += 1) {
    store.records.push(toDeadLetterRecord({ id: String(i), data: Buffer.from(`{"n":${i}}`), attributes: { productId: `SKU-${i}` } }, new Date(Date.UTC(2026, 0, i))));
  }
  const log = pino({ level: 'silent' });
  const app = createIndexerApp({
    log, registry: new Registry(), adminToken: TOKEN, checks: {}, isAccepting: () => true,
    admin: deadLetterRoutes({ store, updates: { publishMessage: publish }, log }),
  });
  const request = (path: string, init: RequestInit = {}) =>
    app.request(`/v1/admin${path}`, { ...init, headers: { authorization: `Bearer ${TOKEN}`, ...init.headers } });
  return { app, store, request };
}

async function expectProblem(res: Response, status: number, path?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { errors?: { path: string }[] };
  if (path) expect(body.errors?.map((e) => e.path)).toContain(path);
}

describe('dead-letter admin: cursors and ids', () => {
  it('pages with the cursor it hands out', async () => {
    const { request } = setup();
    const first = (await (await request('/dead-letters?limit=2')).json()) as { items: { id: string }[]; nextCursor: string };
    expect(first.items.map((i) => i.id)).toEqual(['5', '4']);
    const second = (await (await request(`/dead-letters?limit=2&cursor=${first.nextCursor}`)).json()) as { items: { id: string }[] };
    expect(second.items.map((i) => i.id)).toEqual(['3', '2']);
  });

  it.each([
    ['cursor=WzAsImEiXQ', 'cursor'],
    ['cursor=%25%25', 'cursor'],
    ['cursor=', 'cursor'],
    [`cursor=${'A'.repeat(401)}`, 'cursor'],
    ['limit=0', 'limit'],
    ['limit=101', 'limit'],
    ['limit=1e3', 'limit'],
    ['after=1', 'after'],
  ])('list ?%s → 400 naming %s', async (query, path) => {
    await expectProblem(await setup().request(`/dead-letters?${query}`), 400, path);
  });

  it.each([
    ['GET', '/dead-letters/bad%20id'],
    ['GET', `/dead-letters/${'9'.repeat(201)}`],
    ['POST', '/dead-letters/%F0%9F%98%80/replay'],
    ['DELETE', '/dead-letters/a%2Fb'],
  ])('%s %s → 400 naming id', async (method, path) => {
    await expectProblem(await setup().request(path, { method }), 400, 'id');
  });

  it.each([['GET', '/dead-letters/404'], ['POST', '/dead-letters/404/replay'], ['DELETE', '/dead-letters/404']])('%s %s (unknown) → 404', async (method, path) => {
    await expectProblem(await setup().request(path, { method }), 404);
  });
});

describe('dead-letter admin: dependencies down', () => {
  it.each([
    ['connection refused', new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200')],
    ['missing index', new errors.ResponseError({ statusCode: 404, body: { error: { type: 'index_not_found_exception', reason: 'no such index' }, status: 404 }, headers: {}, warnings: null, meta: {} as never })],
  ])('the store failing (%s) is a 503, never a 500', async (_, failure) => {
    const { store, request } = setup();
    store.failWith = failure;
    for (const [method, path] of [['GET', '/dead-letters'], ['GET', '/dead-letters/1'], ['POST', '/dead-letters/1/replay'], ['DELETE', '/dead-letters/1']] as const) {
      await expectProblem(await request(path, { method }), 503);
    }
  });

  it('Pub/Sub failing on replay is a 503 and the dead letter stays', async () => {
    const { store, request } = setup(async () => {
      throw new Error('14 UNAVAILABLE: No connection established');
    });
    await expectProblem(await request('/dead-letters/3/replay', { method: 'POST' }), 503);
    expect(store.records.map((r) => r.id)).toContain('3');
  });
});

describe('indexer API documentation', () => {
  it('serves /openapi.json (OpenAPI 3, the dead-letter routes, bearer scheme) and /docs with same-origin assets', async () => {
    const { app } = setup();
    const operations = ['GET /v1/admin/dead-letters', 'GET /v1/admin/dead-letters/{id}', 'POST /v1/admin/dead-letters/{id}/replay', 'DELETE /v1/admin/dead-letters/{id}'];
    expect(await checkApiDocs((path) => app.request(path), { operations, bearer: operations })).toEqual([]);
  });
});
