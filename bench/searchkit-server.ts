/**
 * The peer for `algolia-bench.ts`: `@searchkit/api` 4.14 behind a minimal HTTP endpoint, configured on the same
 * products alias as fairly as Searchkit allows (same weighted fields, tombstones excluded, hierarchical levels
 * read from `categoryPaths` with the same level regexes as ours). Started as its own process by the bench.
 *
 *   PORT=3911 INDEX_ALIAS=bench-algolia-30000 ELASTICSEARCH_URL=http://127.0.0.1:9200 npx tsx bench/searchkit-server.ts
 */
import { serve } from '@hono/node-server';
import Searchkit from '@searchkit/api';
import { Hono } from 'hono';
import { z } from 'zod';
import { levelRegex } from '../search-api/src/algolia/attributes';

const env = z
  .object({ PORT: z.coerce.number().int(), INDEX_ALIAS: z.string().min(1), ELASTICSEARCH_URL: z.string().url().default('http://127.0.0.1:9200') })
  .parse(process.env);

const Buckets = z.object({ buckets: z.array(z.object({ key: z.union([z.string(), z.number()]), doc_count: z.number() })) });
const level = (n: number) => ({
  attribute: `categories.lvl${n}`,
  field: 'categoryPaths',
  type: 'string' as const,
  facetQuery: (field: string, size: number) => ({ terms: { field, size, include: levelRegex(n) } }),
  filterQuery: (field: string, value: string) => ({ term: { [field]: value } }),
  facetResponse: (agg: unknown) => Object.fromEntries(Buckets.parse(agg).buckets.map((b) => [String(b.key), b.doc_count])),
});

const client = Searchkit({
  connection: { host: env.ELASTICSEARCH_URL },
  search_settings: {
    search_attributes: [
      { field: 'title', weight: 4 },
      { field: 'brand', weight: 2 },
      { field: 'categories', weight: 2 },
      { field: 'description', weight: 0.5 },
    ],
    result_attributes: ['id', 'title', 'brand', 'categories', 'price', 'currency', 'stock', 'inStock', 'rating', 'reviewCount', 'imageUrl'],
    highlight_attributes: ['title'],
    facet_attributes: [{ attribute: 'brand', field: 'brand.keyword', type: 'string' }, level(0), level(1), level(2), { attribute: 'price', field: 'price', type: 'numeric' }],
    sorting: {
      _price_asc: { field: 'price', order: 'asc' },
      _price_desc: { field: 'price', order: 'desc' },
      _rating_desc: { field: 'rating', order: 'desc' },
      _newest: { field: 'createdAt', order: 'desc' },
    },
  },
});

const app = new Hono();
// What @searchkit/instantsearch-client posts: the helper's `[{ indexName, params }]`.
app.post('/search', async (c) => {
  const body: unknown = await c.req.json();
  return c.json(await client.handleRequest(body, { getBaseFilters: () => [{ bool: { must_not: [{ term: { deleted: true } }] } }] }));
});
app.get('/readyz', (c) => c.text('ok'));
serve({ fetch: app.fetch, port: env.PORT, hostname: '127.0.0.1' });
