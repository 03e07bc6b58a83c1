import { describe, expect, it } from 'vitest';
import { Client } from '@elastic/elasticsearch';
import { expectProblem, makeApp } from '../app.test-helpers';
import { createRuleStore } from '../merch/rule-store';
import { createSynonymStore } from '../merch/synonym-store';

// The stores are never reached here: documentation and validation happen before them.
const client = new Client({ node: 'http://127.0.0.1:1' });
const ctx = makeApp({ synonyms: createSynonymStore({ client, alias: 'p' }), rules: createRuleStore({ client, alias: 'p' }) });

describe('merchandising admin routes', () => {
  it('are documented in /openapi.json with the bearer scheme', async () => {
    const res = await ctx.app.request('/openapi.json');
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>>; components: { schemas: Record<string, unknown> } };
    for (const path of ['/v1/admin/synonyms', '/v1/admin/synonyms/{id}', '/v1/admin/synonyms/audit', '/v1/admin/rules', '/v1/admin/rules/{id}', '/v1/admin/rules/audit']) {
      expect(Object.keys(doc.paths), path).toContain(path);
    }
    expect(doc.paths['/v1/admin/rules/{id}']?.put?.security).toEqual([{ bearer: [] }]);
    expect(Object.keys(doc.components.schemas)).toEqual(expect.arrayContaining(['RuleInput', 'RuleConsequence', 'RuleFilter', 'SynonymSetInput']));
  });

  it('refuse bad input naming the field, before any storage', async () => {
    await expectProblem(await ctx.request('/v1/admin/rules/r1', { method: 'PUT', json: { condition: { anchoring: 'is', pattern: 'tv' }, consequence: { pins: [{ id: 'SKU-1', position: 0 }] } } }), 400, 'consequence.pins.0.position');
    await expectProblem(await ctx.request('/v1/admin/rules/r1', { method: 'PUT', json: { condition: { anchoring: 'sounds-like', pattern: 'tv' }, consequence: { hide: ['SKU-1'] } } }), 400, 'condition.anchoring');
    await expectProblem(await ctx.request('/v1/admin/synonyms/s1', { method: 'PUT', json: { type: 'equivalent', terms: ['a'] } }), 400, 'terms');
    await expectProblem(await ctx.request('/v1/admin/synonyms/s1', { method: 'PUT', json: { type: 'equivalent', terms: ['a', 'b'] }, headers: { 'If-Match': 'three' } }), 400, 'If-Match');
    expect((await ctx.request('/v1/admin/rules', { token: null })).status).toBe(401);
  });

  it('the admin page serves its merchandising script under the same CSP', async () => {
    const res = await ctx.app.request('/admin/admin-merch.js');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
    expect(await res.text()).toContain("from './admin.js'");
  });
});
