import { Hono } from 'hono';
import { z } from 'zod';
import { HttpProblem, invalidInput } from '@catalog/contract/http';
import { toFieldErrors } from '@catalog/contract';
import { CsvHeaderError, importFormat, parseImport } from '../import/parse-import';
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

/** How many rejected lines a report lists; the count stays exact. */
const MAX_REJECTED_LISTED = 1000;

/**
 * `POST /v1/admin/imports`: an NDJSON or CSV upload, streamed and validated line by line. The valid products
 * are written in one transaction after the whole upload was read, so an upload cut off or over the size
 * limit changes nothing; 202 `{ accepted, rejected, rejectedCount }`, or 400 when no line was valid.
 */
export function adminImportRoutes(deps: ImportDeps): Hono {
  const app = new Hono();
  const now = deps.now ?? (() => new Date());
  app.post('/', async (c) => {
    const params = ImportParams.safeParse(c.req.query());
    if (!params.success) throw invalidInput(toFieldErrors(params.error), 'import query');
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
        createdAtOf: (id) => deps.store.get(id)?.product.createdAt,
        now: now(),
      });
    } catch (err) {
      if (err instanceof UploadTooLargeError) throw new HttpProblem('payload_too_large', err.message, { cause: err });
      if (err instanceof CsvHeaderError) throw invalidInput([{ path: 'line.1', message: err.message }], 'CSV header');
      throw err;
    }
    const { products, rejected, rejectedCount } = parsed;
    const lineErrors = rejected.flatMap((r) => r.errors.map((e) => ({ path: `line.${r.line}.${e.path}`, message: e.message })));
    if (products.length === 0 && rejectedCount === 0) throw invalidInput([{ path: '(body)', message: 'no records in the upload' }], 'import');
    if (products.length === 0 || (rejectedCount > 0 && params.data.mode === 'all-or-nothing')) {
      throw invalidInput(lineErrors, `import (${rejectedCount} rejected lines, nothing written)`);
    }
    deps.store.upsertMany(products, now());
    deps.onAccepted();
    return c.json({ accepted: products.length, rejected, rejectedCount }, 202);
  });
  return app;
}
