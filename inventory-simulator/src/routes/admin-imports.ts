import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { BEARER_SECURITY, HttpProblem, adminProblemResponses, invalidInput, jsonResponse, openApiApp, problemDoc } from '@catalog/contract/http';
import { CsvHeaderError, MAX_ERRORS_PER_LINE, importFormat, parseImport } from '../import/parse-import';
import { UploadTooLargeError, streamChunks } from '../import/line-reader';
import type { MasterStore } from '../store/master-store';

export type ImportDeps = {
  store: MasterStore;
  onAccepted: () => void;
  maxImportBytes: number;
  maxLineBytes: number;
  now?: () => Date;
};

const ImportParams = z
  .object({
    /** `partial` (default): valid lines are written, the others reported. `all-or-nothing`: any bad line → 400, nothing written. */
    mode: z.enum(['partial', 'all-or-nothing']).default('partial'),
  })
  .strict();

/** How many rejected lines a report lists (each with at most 5 errors); the counts stay exact. */
export const MAX_REJECTED_LISTED = 100;

const ImportReport = z
  .object({
    accepted: z.number().int(),
    rejected: z.array(z.object({ line: z.number().int(), errors: z.array(z.object({ path: z.string(), message: z.string() })), errorCount: z.number().int() })),
    rejectedCount: z.number().int(),
    rejectedByKind: z.array(z.object({ kind: z.string(), lines: z.number().int() })),
  })
  .openapi('ImportReport', {
    description: `The first ${MAX_REJECTED_LISTED} rejected lines with at most ${MAX_ERRORS_PER_LINE} errors each (\`errorCount\` has them all), and every rejected line counted by reason`,
  });

const importRoute = createRoute({
  method: 'post',
  path: '/',
  summary: 'Bulk import NDJSON (one product per line) or CSV (header line first)',
  security: BEARER_SECURITY,
  request: {
    query: ImportParams,
    body: {
      required: true,
      description: 'Streamed and validated line by line; the valid lines are written in one transaction after the whole upload was read',
      content: {
        'application/x-ndjson': { schema: z.string().openapi({ format: 'binary' }) },
        'text/csv': { schema: z.string().openapi({ format: 'binary', description: 'Columns: product fields, categories as "A > B", attr.<name>' }) },
      },
    },
  },
  responses: {
    202: jsonResponse(ImportReport, 'Valid lines written; the report lists the rejected ones'),
    ...adminProblemResponses,
    413: problemDoc('Upload or line over its limit; nothing written'),
    415: problemDoc('Neither NDJSON nor CSV'),
  },
});

/**
 * `POST /v1/admin/imports`: an NDJSON or CSV upload, streamed and validated line by line. The valid products
 * are written in one transaction after the whole upload was read, so an upload cut off or over the size
 * limit changes nothing; 202 `{ accepted, rejected, rejectedCount }`, or 400 when no line was valid.
 */
export function adminImportRoutes(deps: ImportDeps): OpenAPIHono {
  const app = openApiApp();
  const now = deps.now ?? (() => new Date());
  app.openapi(importRoute, async (c) => {
    const { mode } = c.req.valid('query');
    const format = importFormat(c.req.header('content-type'));
    if (!format) throw new HttpProblem('unsupported_media_type', 'send application/x-ndjson (one product per line) or text/csv (header line first)');
    const declared = Number(c.req.header('content-length') ?? '0');
    if (declared > deps.maxImportBytes) throw new HttpProblem('payload_too_large', `import over ${deps.maxImportBytes} bytes`);
    const body = c.req.raw.body;
    if (!body) throw invalidInput([{ path: '(body)', message: 'empty upload' }], 'import');

    let parsed;
    try {
      parsed = await parseImport(streamChunks(body), format, {
        maxBytes: deps.maxImportBytes,
        maxLineBytes: deps.maxLineBytes,
        maxRejectedListed: MAX_REJECTED_LISTED,
        createdAtOf: (id) => deps.store.createdAtOf(id),
        now: now(),
      });
    } catch (err) {
      if (err instanceof UploadTooLargeError) throw new HttpProblem('payload_too_large', err.message, { cause: err });
      if (err instanceof CsvHeaderError) throw invalidInput([{ path: 'line.1', message: err.message }], 'CSV header');
      throw err;
    }
    const { products, rejected, rejectedCount, rejectedByKind } = parsed;
    const lineErrors = rejected.flatMap((r) => r.errors.map((e) => ({ path: `line.${r.line}.${e.path}`, message: e.message })));
    if (products.length === 0 && rejectedCount === 0) throw invalidInput([{ path: '(body)', message: 'no records in the upload' }], 'import');
    if (products.length === 0 || (rejectedCount > 0 && mode === 'all-or-nothing')) {
      const kinds = rejectedByKind.map((k) => `${k.kind}: ${k.lines}`).join(', ');
      throw invalidInput(lineErrors, `import (${rejectedCount} rejected lines, nothing written; ${kinds})`);
    }
    deps.store.upsertMany(products, now());
    deps.onAccepted();
    return c.json({ accepted: products.length, rejected, rejectedCount, rejectedByKind }, 202);
  });
  return app;
}
