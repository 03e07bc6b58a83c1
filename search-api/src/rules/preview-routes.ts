import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { Rule, RuleContext, RuleInput, SearchParams, SearchResponse, SynonymSetInput, toFieldErrors } from '@catalog/contract';
import { adminProblemResponses, BEARER_SECURITY, invalidInput, jsonResponse, openApiApp, problemDoc, registerBearerScheme, requireJsonBody } from '@catalog/contract/http';
import type { SearchBackend } from '../es/es-gateway';
import { staticSynonymSource, type SynonymSource } from '../synonyms/synonym-source';
import { merchandise, runMerchandisedSearch } from './merchandised-search';
import type { RuleSource } from './rule-source';

const PreviewRequest = z
  .object({
    q: z.string().max(200).default(''),
    context: RuleContext.optional(),
    per_page: z.number().int().min(1).max(100).default(10),
    rules: z
      .array(z.object({ id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/), rule: RuleInput }).strict())
      .max(20)
      .default([])
      .describe('Draft rules: a draft replaces the live rule of the same id'),
    synonyms: z.array(SynonymSetInput).max(50).default([]).describe('Draft synonym sets, added to the live ones'),
  })
  .strict()
  .openapi('MerchPreviewRequest');

const PreviewResponse = z.object({ live: SearchResponse, preview: SearchResponse }).openapi('MerchPreviewResponse');

const previewRoute = createRoute({
  method: 'post',
  path: '/merch/preview',
  summary: 'A search as it is now and as it would be with draft rules and synonym sets (first page, never cached)',
  security: BEARER_SECURITY,
  middleware: [requireJsonBody] as const,
  request: { body: { required: true, content: { 'application/json': { schema: PreviewRequest } } } },
  responses: { 200: jsonResponse(PreviewResponse, 'Live and preview answers'), ...adminProblemResponses, 503: problemDoc('Elasticsearch unavailable; retry') },
});

/** `POST /v1/admin/merch/preview` (search-api admin, bearer): see a rule or synonym change on a query before publishing it. */
export function merchPreviewRoutes(deps: { backend: SearchBackend; rules?: RuleSource; synonyms: SynonymSource }): OpenAPIHono {
  const app = openApiApp();
  registerBearerScheme(app);
  app.openapi(previewRoute, async (c) => {
    const body = c.req.valid('json');
    const parsed = SearchParams.safeParse({ q: body.q, per_page: String(body.per_page), ...(body.context ? { context: body.context } : {}) });
    if (!parsed.success) throw invalidInput(toFieldErrors(parsed.error), 'preview');
    const p = parsed.data;
    const now = new Date();
    const live = deps.rules ? await deps.rules() : [];
    const drafts = body.rules.map((d) => Rule.parse({ ...d.rule, id: d.id, version: 1, updatedAt: now.toISOString(), updatedBy: 'preview' }));
    const draftIds = new Set(drafts.map((d) => d.id));
    const sets = (await deps.synonyms.snapshot()).sets;
    const [liveAnswer, previewAnswer] = await Promise.all([
      merchandise(p, live, deps.synonyms, now).then((m) => runMerchandisedSearch(m, p, deps.backend)),
      merchandise(p, [...live.filter((r) => !draftIds.has(r.id)), ...drafts], staticSynonymSource([...sets, ...body.synonyms]), now).then((m) =>
        runMerchandisedSearch(m, p, deps.backend),
      ),
    ]);
    return c.json({ live: liveAnswer, preview: previewAnswer }, 200);
  });
  return app;
}
