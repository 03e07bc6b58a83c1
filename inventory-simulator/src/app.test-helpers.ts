import { expect } from 'vitest';
import { pino } from 'pino';
import { Registry } from 'prom-client';
import { createInventoryApp } from './app';
import { generateProduct } from './catalog/generator';
import type { RuleStore } from './merch/rule-store';
import type { SynonymStore } from './merch/synonym-store';
import { Simulator } from './simulate/simulator';
import { MasterStore } from './store/master-store';

/** A generated product as a PUT body: no timestamps (the server sets them). */
export function productInput(i: number) {
  const { createdAt: _c, updatedAt: _u, ...rest } = generateProduct(9, i);
  return rest;
}

/** Token of the route tests. */
export const TOKEN = 'test-token-0123456789abcdef';

/** An app over an in-memory store; `accepted` counts wake-ups of the (absent) relay. */
export function makeApp(options: { maxBodyBytes?: number; maxImportBytes?: number; store?: MasterStore; synonyms?: SynonymStore; rules?: RuleStore } = {}) {
  const store = options.store ?? new MasterStore(':memory:');
  const log = pino({ level: 'silent' });
  let accepted = 0;
  const onAccepted = () => void (accepted += 1);
  const simulator = new Simulator({ store, onAccepted, log, tickMs: 20 });
  const app = createInventoryApp({
    store,
    adminToken: TOKEN,
    log,
    registry: new Registry(),
    onAccepted,
    checks: {},
    isAccepting: () => true,
    maxBodyBytes: options.maxBodyBytes ?? 1_048_576,
    maxImportBytes: options.maxImportBytes ?? 1_048_576,
    maxImportLineBytes: 4096,
    simulator,
    synonyms: options.synonyms,
    rules: options.rules,
  });
  const request = (path: string, init: RequestInit & { json?: unknown; token?: string | null } = {}) => {
    const { json, token = TOKEN, ...rest } = init;
    const headers = new Headers(rest.headers);
    if (token !== null) headers.set('Authorization', `Bearer ${token}`);
    if (json !== undefined) headers.set('Content-Type', 'application/json');
    return app.request(path, { ...rest, headers, ...(json !== undefined ? { body: JSON.stringify(json) } : {}) });
  };
  return { app, store, simulator, request, accepted: () => accepted };
}

/** Assert a problem+json answer with `status`, naming `path` in its errors when given. */
export async function expectProblem(res: Response, status: number, path?: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const body = (await res.json()) as { status: number; errors?: { path: string }[] };
  expect(body.status).toBe(status);
  if (path !== undefined) expect(body.errors?.map((e) => e.path)).toContain(path);
  return body;
}
