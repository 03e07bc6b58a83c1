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

  it('documents grouped search (issue 17): the group parameter and the family fields of a hit', async () => {
    const { app } = testApp();
    const doc = JSON.stringify(await (await app.request('/openapi.json')).json());
    const spec = JSON.parse(doc) as { paths: Record<string, { get?: { parameters?: { name: string; schema?: { default?: unknown } }[] } }>; components: { schemas: Record<string, { properties?: Record<string, unknown> }> } };
    const group = spec.paths['/v1/products/search']?.get?.parameters?.find((p) => p.name === 'group');
    expect(String(group?.schema?.default)).toBe('true');
    expect(Object.keys(spec.components.schemas.SearchHit?.properties ?? {})).toEqual(expect.arrayContaining(['groupId', 'variantCount', 'priceRange', 'variants']));
    expect(Object.keys(spec.components.schemas.HitVariant?.properties ?? {})).toEqual(['id', 'title', 'attributes', 'price', 'stock', 'inStock', 'imageUrl', 'matches']);
  });
});
