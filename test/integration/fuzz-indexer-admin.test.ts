import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DeadLetterRecord } from '../../indexer/src/dead-letter/dead-letter-record';
import { exchange, freshClient, FUZZ_SEED, FuzzLedger, fuzzRuns, fuzzTimeout, hostileName, hostileText, pathSegment, queryString, violations, type Exchange } from './fuzz-support';
import { ADMIN_TOKEN, createWorld, product, retrying, startInProcess, type World } from './indexer-support';
import { indexDocs, toFixtureDoc } from './search-fixtures';

// Property-based HTTP fuzzing of the indexer's dead-letter admin (list with cursors, show, replay, delete,
// authentication) against a real indexer in this process, its Elasticsearch store and the Pub/Sub emulator:
// no 5xx, every 4xx a problem naming what was sent, nothing slower than 2 s, still ready after, known products unchanged.
const ledger = new FuzzLedger();
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const known = ['FUZZ-KNOWN-1', 'FUZZ-KNOWN-2'].map((id) => product(id, 3));
let world: World;
let indexer: ReturnType<typeof startInProcess>;
/** Dead letters seeded before the run: their ids (some get replayed or deleted along the way). */
const seeded: string[] = [];
/** A real `nextCursor`, to mix valid cursors among the hostile ones. */
let realCursor = '';

const deadLetter = (i: number): DeadLetterRecord => ({
  id: `fuzz-dl-${i}`,
  receivedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, i)).toISOString(),
  reason: 'schema: not a product event',
  deliveryAttempts: 1,
  attributes: { productId: `nope-${i}` },
  // Not an event: a replay dead-letters it again, and never touches a product.
  data: `{"garbage":${i}}`,
  dataEncoding: 'utf8',
  source: 'indexer',
  deadLetterMessageId: `dlm-${i}`,
});

const api = (path: string, init: RequestInit = {}, env?: object) => indexer.service.app.request(`/v1/admin${path}`, { ...init, headers: { ...auth, ...(init.headers as Record<string, string> | undefined) } }, env);
const idArb = fc.oneof({ weight: 2, arbitrary: fc.nat().map((n) => seeded[n % seeded.length] ?? 'fuzz-dl-0') }, { weight: 1, arbitrary: hostileText });

const request = fc.oneof(
  fc.record({
    kind: fc.constant('list' as const),
    pairs: fc.array(fc.tuple(hostileName(['limit', 'cursor']), fc.oneof(hostileText, fc.constantFrom('1', '20', '100', 'WzAsImEiXQ', 'REAL'))), { maxLength: 4 }),
  }),
  fc.record({ kind: fc.constantFrom('show' as const, 'replay' as const, 'delete' as const), id: idArb }),
  fc.record({ kind: fc.constant('unauthorized' as const), token: fc.option(hostileText, { nil: undefined }) }),
);
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;

async function send(r: Request): Promise<Exchange> {
  switch (r.kind) {
    case 'list': {
      const qs = queryString(r.pairs.map(([k, v]) => [k, v === 'REAL' ? realCursor : v] as const), false);
      return ledger.record(await exchange(`GET dead-letters?${qs.slice(0, 200)}`, [...new URLSearchParams(qs).keys()], () => api(`/dead-letters?${qs}`)));
    }
    case 'show':
      return ledger.record(await exchange(`GET dead-letters/${r.id.slice(0, 80)}`, ['id'], () => api(`/dead-letters/${pathSegment(r.id)}`)));
    case 'replay':
      return ledger.record(await exchange(`POST replay ${r.id.slice(0, 80)}`, ['id'], () => api(`/dead-letters/${pathSegment(r.id)}/replay`, { method: 'POST' })));
    case 'delete':
      return ledger.record(await exchange(`DELETE ${r.id.slice(0, 80)}`, ['id'], () => api(`/dead-letters/${pathSegment(r.id)}`, { method: 'DELETE' })));
    case 'unauthorized': {
      const headers = r.token === undefined ? undefined : { authorization: `Bearer ${r.token.replace(/[^\t\x20-\x7e\x80-\xff]/g, '')}` };
      const x = await exchange('dead-letters with a bad token', [], () => indexer.service.app.request('/v1/admin/dead-letters', { headers }, freshClient()));
      if (x.status !== 401) ledger.broken.push(`a bad token got ${x.status}`);
      return ledger.record(x);
    }
  }
}

const knownDocs = async () => Promise.all(known.map(async (p) => (await world.es.get({ index: world.alias, id: p.id }))._source));
let before: unknown[] = [];

beforeAll(async () => {
  world = await createWorld('fuzz');
  indexer = startInProcess(world);
  await indexer.started;
  await indexDocs(world.es, world.alias, known.map((p) => ({ id: p.id, doc: toFixtureDoc(p, 3) })));
  before = await knownDocs();
  // Seeded in one bulk, stored exactly as the store's own `put` stores a record (one refresh instead of one each).
  // As many as the runs delete or replay: with FUZZ_RUNS_SCALE the later cases still find records to act on.
  const records = Array.from({ length: fuzzRuns(12) }, (_, i) => deadLetter(i));
  await retrying(() => world.es.bulk({ refresh: true, operations: records.flatMap((r) => [{ index: { _index: world.deadLetterIndex, _id: r.id } }, r]) }));
  seeded.push(...records.map((r) => r.id));
  const page = (await (await api('/dead-letters?limit=2')).json()) as { nextCursor?: string };
  realCursor = page.nextCursor ?? '';
}, 120_000);

afterAll(async () => {
  await indexer?.service.stop();
  await world?.cleanup();
});

describe('fuzz: indexer dead-letter admin', () => {
  it('list, show, replay, delete and authentication: no 5xx, 4xx problems naming the parameter, within 2 s', async () => {
    expect(realCursor).not.toBe('');
    await fc.assert(
      fc.asyncProperty(request, async (r) => {
        await send(r);
      }),
      { seed: FUZZ_SEED, numRuns: fuzzRuns(70) },
    );
    expect(ledger.broken, ledger.summary()).toEqual([]);
    expect(ledger.share(200, 300)).toBeGreaterThan(0.15);
    expect(ledger.share(400, 401)).toBeGreaterThan(0.15);
  }, fuzzTimeout(60_000));
});

describe('issue 12 regressions (indexer admin)', () => {
  it('cursor=WzAsImEiXQ: a 400 naming cursor', async () => {
    const x = await exchange('cursor=WzAsImEiXQ', ['cursor'], () => api('/dead-letters?cursor=WzAsImEiXQ'));
    expect(violations(x)).toEqual([]);
    expect(x.status).toBe(400);
    expect(x.body).toContain('"path":"cursor"');
  });
});

describe('after the fuzz (indexer admin)', () => {
  it('is still ready and the known products are unchanged', async () => {
    expect((await indexer.service.app.request('/readyz')).status).toBe(200);
    expect(await knownDocs()).toEqual(before);
  });
});
