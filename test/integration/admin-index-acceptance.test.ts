import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ProductEvent, toFieldErrors } from '@catalog/contract';
import { deleteProductIndices, ensureProductIndex } from '@catalog/mappings/ensure-index';
import { toBulkOperation } from '../../indexer/src/bulk/to-bulk-operation';
import { makeApp } from '../../inventory-simulator/src/app.test-helpers';
import { ProductInput, variantFieldErrors } from '../../inventory-simulator/src/routes/product-input';
import { randomSuffix, stackClients } from './helpers';
import { pathId, productBody } from './product-arbitraries';

// The 202 promise, as a property: whatever body the inventory admin API accepts (202) becomes an event whose
// document the real Elasticsearch accepts through the real mapping (`mappings/`, analysis plugin included),
// built by the indexer's own document function; whatever it refuses is a 400 problem naming the fields the
// schema names. Fixed seed in CI; FUZZ_SEED (and FUZZ_RUNS) to explore.
const SEED = Number(process.env.FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.FUZZ_RUNS ?? 40);
const suffix = randomSuffix();
const alias = `admin-accept-${suffix}`;
const { es } = stackClients();

type Outcome = { accepted: number; rejected: number; rejectedFields: Set<string> };
const totals: Outcome = { accepted: 0, rejected: 0, rejectedFields: new Set() };
// Every batch has a fresh master (versions start at 1), so SKUs are unique across batches.
let sequence = 0;

beforeAll(async () => {
  await ensureProductIndex(es, alias);
});
afterAll(async () => {
  await deleteProductIndices(es, alias);
});

/** PUT each body, check every answer against the schema, then index what was accepted; returns ES's refusals. */
async function runBatch(batch: Batch): Promise<string[]> {
  const ctx = makeApp();
  try {
    const failures: string[] = [];
    for (const { id, body } of batch) {
      sequence += 1;
      const sku = `${id}-${sequence}`;
      const res = await ctx.request(`/v1/admin/products/${sku}`, { method: 'PUT', json: body });
      const expected = ProductInput.safeParse(body);
      // The schema field by field, then the rules between fields the master adds (issue 17: variantAttributes).
      const want = [...new Set((expected.success ? variantFieldErrors(expected.data) : toFieldErrors(expected.error)).map((e) => e.path))];
      if (res.status === 202) {
        if (want.length > 0) failures.push(`${sku}: 202 for a body the schema refuses (${want.join(', ')})`);
        totals.accepted += 1;
        continue;
      }
      const problem = (await res.json()) as { status?: number; errors?: { path: string }[] };
      const named = new Set((problem.errors ?? []).map((e) => e.path));
      if (res.status !== 400 || !res.headers.get('content-type')?.includes('application/problem+json') || want.length === 0 || want.some((p) => !named.has(p))) {
        failures.push(`${sku}: ${res.status} naming ${[...named].join(', ')}; the schema names ${want.join(', ')}`);
      }
      totals.rejected += 1;
      for (const path of want) totals.rejectedFields.add(path.split('.')[0] ?? path);
    }
    // Exactly what the outbox would publish, through the indexer's document function, into the real index.
    // The indexer validates each message with the same event schema before it builds the document.
    const operations = ctx.store.pending(10_000).map((e) => toBulkOperation(ProductEvent.parse(JSON.parse(e.data)), alias, new Date()));
    if (operations.length > 0) {
      const bulk = await es.bulk({ operations: operations.flatMap((o) => [o.action, o.document]) });
      bulk.items.forEach((item, i) => {
        const error = item.index?.error;
        if (error) failures.push(`${operations[i]?.action.index._id}: Elasticsearch refused ${error.type}: ${error.reason} — ${JSON.stringify(operations[i]?.document).slice(0, 500)}`);
      });
    }
    return failures;
  } finally {
    ctx.store.close();
  }
}

/** The examples, each refused with a 400 naming its field before anything reaches the index. */
const REGRESSIONS: [string, Record<string, unknown>][] = [
  ['stock', { stock: 2 ** 31 }],
  ['reviewCount', { reviewCount: 2 ** 31 }],
  ['title', { title: 'Tee\u0000' }],
  ['title', { title: 'Tee\u001e' }],
  ['brand', { brand: 'Acme\u001f' }],
  ['createdAt', { createdAt: '2024-01-01T00:00:00.1234567891Z' }],
  ['createdAt', { createdAt: '2024-01-01T00:00:00+18:01' }],
  ['attributes.a.b', { attributes: { 'a.b': 'x' } }],
];

type Batch = { id: string; body: Record<string, unknown> }[];
const batches: fc.Arbitrary<Batch> = fc.array(fc.record({ id: pathId, body: productBody }), { minLength: 1, maxLength: 25 });

const base = { title: 'Tee', brand: 'Acme', categories: ['Apparel'], price: 10, currency: 'EUR', stock: 1, rating: 4, reviewCount: 1, popularity: 1 };

describe('the 202 promise: the admin API accepts exactly what the index accepts', () => {
  it.each(REGRESSIONS)('refuses with a 400 naming %s: %j', async (path, change) => {
    const ctx = makeApp();
    const res = await ctx.request('/v1/admin/products/SKU-REG', { method: 'PUT', json: { ...base, ...change } });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { errors: { path: string }[] }).errors.map((e) => e.path)).toContain(path);
    expect(ctx.store.pendingCount()).toBe(0);
    ctx.store.close();
  });

  it('every generated body the admin API accepts is indexed by Elasticsearch; every other is a 400 naming its fields', async () => {
    const edges = { ...base, stock: 2 ** 31 - 1, reviewCount: 0, price: 1e9, rating: 5, popularity: Number.MAX_VALUE, createdAt: '0000-01-01T00:00:00.123456789+18:00' };
    const hostileNames = { ...base, attributes: JSON.parse('{"__proto__":"red","constructor":"oak","hasownproperty":"x"}') as Record<string, string> };
    await fc.assert(
      fc.asyncProperty(batches, async (batch) => {
        expect(await runBatch(batch)).toEqual([]);
      }),
      {
        seed: SEED,
        numRuns: RUNS,
        examples: [[[{ id: 'EDGE', body: edges }, { id: 'PROTO', body: hostileNames }, { id: 'NEGZERO', body: { ...base, price: -0, stock: -0, rating: -0 } }]]],
      },
    );
    // The property proves something only if both sides were exercised, and the refusals covered the risky fields.
    expect(totals.accepted).toBeGreaterThan(RUNS * 2);
    expect(totals.rejected).toBeGreaterThan(RUNS);
    for (const field of ['title', 'stock', 'createdAt', 'attributes']) expect(totals.rejectedFields).toContain(field);
  }, 300_000);
});
