import { describe, expect, it } from 'vitest';
import { checkApiDocs } from '@catalog/contract/http';
import { testApp } from './test-support';

describe('search API documentation', () => {
  it('serves /openapi.json (OpenAPI 3 with the public routes) and /docs from the installed Swagger UI, same-origin only', async () => {
    const { app } = testApp();
    const problems = await checkApiDocs((path) => app.request(path), {
      operations: ['GET /v1/products/search', 'GET /v1/products/autocomplete', 'GET /v1/products/{id}', 'GET /v1/searches/popular'],
    });
    expect(problems).toEqual([]);
    const html = await (await app.request('/docs')).text();
    expect(html).not.toMatch(/cdn|unpkg|jsdelivr|https?:\/\//i);
  });
});
