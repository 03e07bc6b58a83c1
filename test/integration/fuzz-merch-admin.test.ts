import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { ruleIndexName, synonymIndexName } from '@catalog/contract';
import { makeApp } from '../../inventory-simulator/src/app.test-helpers';
import { createRuleStore } from '../../inventory-simulator/src/merch/rule-store';
import { createSynonymStore } from '../../inventory-simulator/src/merch/synonym-store';
import { createRuleSource } from '../../search-api/src/rules/rule-source';
import { createSynonymSource } from '../../search-api/src/synonyms/synonym-source';
import { ensureProductIndex } from '@catalog/mappings/ensure-index';
import { exchange, FUZZ_SEED, FuzzLedger, fuzzRuns, fuzzTimeout, hostileText, pathSegment } from './fuzz-support';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor } from './search-fixtures';

// Property-based HTTP fuzzing of the merchandising admin (synonym sets, query rules, their audit) and of the search
// API's preview, through the real apps and Elasticsearch: no 5xx, every 4xx a problem naming what was sent, within 2 s;
// and whatever was stored, searches still answer 200.
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const inventory = makeApp({ synonyms: createSynonymStore({ client: es, alias }), rules: createRuleStore({ client: es, alias }) });
const ADMIN = 'fuzz-merch-admin-token-0123456789';
const api = searchApiFor({
  alias,
  adminToken: ADMIN,
  rules: createRuleSource({ client: es, index: ruleIndexName(alias), refreshMs: 0 }),
  synonyms: createSynonymSource({ client: es, index: synonymIndexName(alias), refreshMs: 0 }),
});
const ledger = new FuzzLedger();

/** Ids starting with `%` are sent as they are: malformed or non-UTF-8 percent-encoding, as a hostile client may send it. */
const RAW_IDS = ['%', '%zz', '%ED%A0%80', '%C0%AF', '%00', '%2e%2e'];
const id = fc.oneof(
  { weight: 3, arbitrary: fc.stringMatching(/^[a-z0-9][a-z0-9_-]{0,10}$/) },
  { weight: 1, arbitrary: hostileText },
  { weight: 1, arbitrary: fc.constantFrom(...RAW_IDS) },
);
const sometimes = <T>(arb: fc.Arbitrary<T>) => fc.oneof({ weight: 3, arbitrary: fc.constant(undefined) }, { weight: 1, arbitrary: arb });
const word = fc.oneof({ weight: 3, arbitrary: fc.constantFrom('tv', 'laptop', 'mini fridge', 'ps5', 'headphones', '') }, { weight: 1, arbitrary: hostileText });
const any = fc.jsonValue({ maxDepth: 3 });
const synonymBody = fc.oneof(
  fc.record({ type: fc.constantFrom('equivalent', 'one-way', 'sideways'), terms: fc.array(word, { maxLength: 25 }) }),
  fc.record({ type: fc.constant('one-way'), from: fc.array(word, { maxLength: 3 }), to: fc.array(word, { maxLength: 3 }) }),
  any,
);
const filter = fc.oneof(
  fc.record({ brand: fc.array(word, { maxLength: 3 }) }, { requiredKeys: [] }),
  fc.record({ category: word, priceMin: fc.oneof(fc.integer(), fc.double()), attr: fc.dictionary(hostileText, fc.array(word, { maxLength: 2 }), { maxKeys: 2 }) }, { requiredKeys: [] }),
  any,
);
const ruleBody = fc.oneof(
  { weight: 3, arbitrary: fc.record({
    condition: fc.record(
      { anchoring: fc.constantFrom('is', 'contains', 'starts-with', 'near'), pattern: word, context: hostileText, from: fc.oneof(hostileText, fc.date({ noInvalidDate: true }).map((d) => d.toISOString())), until: hostileText },
      { requiredKeys: ['anchoring', 'pattern'] },
    ),
    consequence: fc.record(
      {
        pins: fc.array(fc.record({ id: fc.constantFrom('SKU-0001', 'SKU-0002', 'NOPE'), position: fc.integer({ min: -2, max: 120 }) }), { maxLength: 3 }),
        hide: fc.array(hostileText, { maxLength: 3 }),
        boosts: fc.array(fc.record({ filter, factor: fc.double({ min: -1, max: 200, noNaN: true }) }), { maxLength: 2 }),
        filter,
        query: fc.record({ replace: word, remove: fc.array(word, { maxLength: 3 }) }, { requiredKeys: [] }),
        redirect: fc.oneof(fc.webUrl(), hostileText),
        userData: fc.dictionary(fc.string(), any, { maxKeys: 3 }),
      },
      { requiredKeys: [] },
    ),
    priority: fc.oneof(fc.integer({ min: -5, max: 2000 }), hostileText),
  }, { requiredKeys: ['condition', 'consequence'] }) },
  { weight: 1, arbitrary: any },
);
/** What a 400 may name: the fields of the schemas (a missing required one is named too), and whatever was sent. */
const FIELDS = ['type', 'terms', 'from', 'to', 'condition', 'consequence', 'enabled', 'priority', 'description', 'q', 'context', 'per_page', 'rules', 'synonyms'];
const names = (body: unknown) => ['(body)', 'id', 'If-Match', 'if-match', ...FIELDS, ...(body && typeof body === 'object' && !Array.isArray(body) ? Object.keys(body) : [])];

const request = fc.oneof(
  fc.record({ kind: fc.constant('synonym' as const), id, body: synonymBody, ifMatch: sometimes(hostileText) }),
  fc.record({ kind: fc.constant('rule' as const), id, body: ruleBody, ifMatch: sometimes(hostileText) }),
  fc.record({ kind: fc.constant('delete' as const), what: fc.constantFrom('synonyms', 'rules'), id, ifMatch: sometimes(hostileText) }),
  fc.record({ kind: fc.constant('audit' as const), what: fc.constantFrom('synonyms', 'rules'), limit: hostileText }),
  fc.record({ kind: fc.constant('preview' as const), body: fc.oneof(fc.record({ q: word, context: hostileText, rules: fc.array(fc.record({ id, rule: ruleBody }), { maxLength: 2 }), synonyms: fc.array(synonymBody, { maxLength: 2 }) }, { requiredKeys: [] }), any) }),
  fc.record({ kind: fc.constant('search' as const), q: word, context: sometimes(hostileText) }),
);
type Request = typeof request extends fc.Arbitrary<infer T> ? T : never;
const headerSafe = (s: string) => s.replace(/[^\t\x20-\x7e\x80-\xff]/g, '');
const path = (what: string, i: string) => `/v1/admin/${what}/${RAW_IDS.includes(i) ? i : pathSegment(i)}`;

async function send(r: Request): Promise<void> {
  switch (r.kind) {
    case 'synonym':
    case 'rule': {
      const p = path(r.kind === 'synonym' ? 'synonyms' : 'rules', r.id);
      const headers = { 'content-type': 'application/json', ...(r.ifMatch !== undefined ? { 'if-match': headerSafe(r.ifMatch) } : {}) };
      const body = JSON.stringify(r.body ?? null);
      ledger.record(await exchange(`PUT ${p.slice(0, 80)} ${body.slice(0, 200)}`, names(r.body), () => inventory.request(p, { method: 'PUT', headers, body })));
      return;
    }
    case 'delete': {
      const p = path(r.what, r.id);
      const headers = r.ifMatch !== undefined ? { 'if-match': headerSafe(r.ifMatch) } : undefined;
      ledger.record(await exchange(`DELETE ${p.slice(0, 80)}`, ['id', 'If-Match', 'if-match'], () => inventory.request(p, { method: 'DELETE', headers })));
      return;
    }
    case 'audit': {
      const qs = new URLSearchParams({ limit: r.limit });
      ledger.record(await exchange(`GET ${r.what}/audit?${qs}`.slice(0, 120), ['limit'], () => inventory.request(`/v1/admin/${r.what}/audit?${qs}`)));
      return;
    }
    case 'preview': {
      const body = JSON.stringify(r.body ?? null);
      ledger.record(
        await exchange(`POST preview ${body.slice(0, 200)}`, names(r.body), () =>
          api.app.request('/v1/admin/merch/preview', { method: 'POST', headers: { Authorization: `Bearer ${ADMIN}`, 'content-type': 'application/json' }, body }),
        ),
      );
      return;
    }
    case 'search': {
      const qs = new URLSearchParams({ q: r.q, ...(r.context !== undefined ? { context: r.context } : {}) });
      ledger.record(await exchange(`GET search?${qs}`.slice(0, 120), ['q', 'context'], () => api.app.request(`/v1/products/search?${qs}`)));
    }
  }
}

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('fuzz: merchandising admin and preview', () => {
  it('synonym sets, rules, audit, preview and searches under them: no 5xx, 4xx problems naming the field, within 2 s', async () => {
    await ensureProductIndex(es, alias);
    // The first writes create the merchandising indices (slower than a request should be): done before the clock runs.
    expect((await inventory.request('/v1/admin/synonyms/seed', { method: 'PUT', json: { type: 'equivalent', terms: ['tv', 'television'] } })).status).toBe(201);
    expect((await inventory.request('/v1/admin/rules/seed', { method: 'PUT', json: { condition: { anchoring: 'is', pattern: 'tv' }, consequence: { hide: ['SKU-9'] } } })).status).toBe(201);
    await fc.assert(fc.asyncProperty(request, send), { seed: FUZZ_SEED, numRuns: fuzzRuns(120) });
    expect(ledger.broken, ledger.summary()).toEqual([]);
    // Mostly hostile input, but enough valid writes and searches that the stores and the rules path are exercised.
    expect(ledger.share(200, 300)).toBeGreaterThan(0.05);
    expect(ledger.share(400, 401)).toBeGreaterThan(0.3);
    expect((await api.app.request('/v1/products/search?q=tv')).status).toBe(200);
  }, fuzzTimeout(180_000));
});
