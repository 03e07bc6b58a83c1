import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { analyticsIndexName } from '../../search-api/src/es/analytics-store';
import { dropAliasIndices, randomSuffix, stackClients } from './helpers';
import { searchApiFor, seedFixtureCatalog } from './search-fixtures';

const TOKEN = 'suggestions-test-admin-token';
const alias = `products-${randomSuffix()}`;
const { es } = stackClients();
const api = searchApiFor({ alias, adminToken: TOKEN, minClients: 3, settings: { admissionMinHits: 1 } });
const from = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });
const auth = { authorization: `Bearer ${TOKEN}` };

/** One search from a client address; every recorded query here finds products of the fixture catalog. */
async function searchAs(client: string, q: string): Promise<number> {
  const res = await api.app.request(`/v1/products/search?q=${encodeURIComponent(q)}`, {}, from(client));
  expect(res.status).toBe(200);
  return ((await res.json()) as { total: number }).total;
}
async function settle(): Promise<void> {
  await api.recorder.flush();
  await es.indices.refresh({ index: analyticsIndexName(alias), ignore_unavailable: true });
}
const suggestions = async (q: string) => {
  const res = await api.app.request(`/v1/products/autocomplete?q=${encodeURIComponent(q)}&limit=10`, {}, from('192.0.2.1'));
  return ((await res.json()) as { suggestions: { type: string; text: string }[] }).suggestions.filter((s) => s.type === 'query').map((s) => s.text);
};
const popular = async () =>
  ((await (await api.app.request('/v1/searches/popular?limit=100')).json()) as { queries: { query: string; count: number }[] }).queries;
const networks = (n: number, base: number) => Array.from({ length: n }, (_, i) => `203.0.${base + i}.7`);

beforeAll(async () => {
  await seedFixtureCatalog(es, alias);
});

afterAll(async () => {
  await api.recorder.close();
  await dropAliasIndices(es, alias);
});

describe('suggestions cannot be poisoned', () => {
  it('one client replaying a query 300 times does not make it a suggestion, and stores it once', async () => {
    expect(await searchAs('198.51.100.66', 'sony headphones')).toBeGreaterThan(0);
    for (let i = 0; i < 299; i++) await searchAs('198.51.100.66', 'sony headphones');
    await settle();
    expect(await suggestions('sony h')).not.toContain('sony headphones');
    expect((await popular()).map((q) => q.query)).not.toContain('sony headphones');
    const stored = await es.count({ index: analyticsIndexName(alias), query: { term: { query: 'sony headphones' } } });
    expect(stored.count).toBe(1);
  });

  it('from three client networks it is suggested and listed as popular, counted by clients', async () => {
    for (const client of networks(3, 10)) for (let i = 0; i < 5; i++) await searchAs(client, 'trail running');
    await settle();
    expect(await suggestions('trail r')).toContain('trail running');
    expect(await popular()).toContainEqual({ query: 'trail running', count: 3 });
  });

  it('addresses of one /24 network count as one client', async () => {
    for (let host = 1; host <= 20; host++) await searchAs(`198.51.120.${host}`, 'desk lamp');
    await settle();
    expect((await popular()).map((q) => q.query)).not.toContain('desk lamp');
  });

  it('<script> is never recorded, suggested or listed, whatever the number of clients', async () => {
    for (const client of networks(5, 30)) await searchAs(client, '<script>alert(1)</script>');
    await settle();
    expect(await suggestions('<scr')).toEqual([]);
    expect(JSON.stringify(await popular())).not.toContain('script');
    const stored = await es.count({ index: analyticsIndexName(alias), query: { prefix: { query: '<' } } });
    expect(stored.count).toBe(0);
  });

  it('a banned query never returns (autocomplete, popular), and comes back when the ban is lifted', async () => {
    for (const client of networks(3, 50)) await searchAs(client, 'bose earbuds');
    await settle();
    expect(await suggestions('bose')).toContain('bose earbuds');
    const banned = await api.app.request('/v1/admin/suggestions/bans', {
      method: 'PUT',
      headers: { ...auth, 'content-type': 'application/json' },
      body: JSON.stringify({ query: 'Bose Earbuds' }),
    });
    expect(banned.status).toBe(200);
    expect(await suggestions('bose')).not.toContain('bose earbuds');
    expect((await popular()).map((q) => q.query)).not.toContain('bose earbuds');
    // A second instance reading the same store (as after a restart) knows the ban too.
    const other = searchApiFor({ alias, minClients: 3 });
    const otherPopular = (await (await other.app.request('/v1/searches/popular?limit=100')).json()) as { queries: { query: string }[] };
    expect(otherPopular.queries.map((q) => q.query)).not.toContain('bose earbuds');
    await other.recorder.close();

    const list = (await (await api.app.request('/v1/admin/suggestions?prefix=bose', { headers: auth })).json()) as { items: unknown[] };
    expect(list.items).toContainEqual({ query: 'bose earbuds', clients: 3, banned: true, suggested: false });
    const lifted = await api.app.request('/v1/admin/suggestions/bans?query=bose%20earbuds', { method: 'DELETE', headers: auth });
    expect(lifted.status).toBe(204);
    expect(await suggestions('bose')).toContain('bose earbuds');
  });
});
