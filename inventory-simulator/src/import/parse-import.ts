import { z } from 'zod';
import { Product, ProductId, toFieldErrors, type FieldError } from '@catalog/contract';
import { ProductInput, validateProduct, withoutServerOwned } from '../routes/product-input';
import { csvRowToObject, parseCsvRecord } from './csv';
import { readLines, type LineReaderOptions } from './line-reader';

/** Upload formats the bulk import reads. */
export type ImportFormat = 'ndjson' | 'csv';

/** A line the import refused: its first errors (at most `MAX_ERRORS_PER_LINE`) and how many it had. */
export type RejectedLine = { line: number; errors: FieldError[]; errorCount: number };

/** How many rejected lines failed for one reason (a line counts once per reason). */
export type RejectionKind = { kind: string; lines: number };

export type ParsedImport = {
  products: Product[];
  /** The first `maxRejectedListed` rejected lines. */
  rejected: RejectedLine[];
  /** All rejections, also those beyond the listed ones. */
  rejectedCount: number;
  /** Every rejected line counted by reason, most frequent first. */
  rejectedByKind: RejectionKind[];
};

/** Errors listed per rejected line, and the length of one message: a report stays small whatever the upload. */
export const MAX_ERRORS_PER_LINE = 5;
const MAX_MESSAGE_CHARS = 200;
const MAX_PATH_CHARS = 100;

const clip = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

export type ParseImportOptions = LineReaderOptions & {
  /** How many rejected lines the report lists (the count is always exact). */
  maxRejectedListed: number;
  /** createdAt of the product already in the master, so an import does not reset it. */
  createdAtOf: (id: string) => string | undefined;
  now: Date;
};

/** An import line: a full product like PUT's body, but the id is required (there is no path to name it). */
export const ImportLine = ProductInput.extend({ id: ProductId });

/** Content type → import format; undefined when unsupported. */
export function importFormat(contentType: string | undefined): ImportFormat | undefined {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-ndjson' || type === 'application/ndjson' || type === 'application/jsonl') return 'ndjson';
  if (type === 'text/csv') return 'csv';
  return undefined;
}

/** Validate one record into a Product (timestamps are the server's unless given). */
export function validateRecord(value: unknown, options: Pick<ParseImportOptions, 'createdAtOf' | 'now'>): { product: Product } | { errors: FieldError[] } {
  const input = ImportLine.safeParse(value);
  if (!input.success) return { errors: toFieldErrors(input.error) };
  const at = options.now.toISOString();
  const createdAt = options.createdAtOf(input.data.id) ?? input.data.createdAt ?? at;
  return validateProduct({ ...withoutServerOwned(input.data), createdAt, updatedAt: at });
}

function parseJsonLine(text: string): { value: unknown } | { errors: FieldError[] } {
  try {
    return { value: JSON.parse(text) };
  } catch (err) {
    return { errors: [{ path: '(line)', message: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` }] };
  }
}

/**
 * Read an NDJSON or CSV upload line by line, validating each record with the shared Product schema. Lines
 * that fail are reported with their number and fields; the rest are returned for one transactional write.
 * Throws UploadTooLargeError over `maxBytes`, and a 400-worthy error when a CSV has no usable header.
 */
export async function parseImport(chunks: AsyncIterable<Uint8Array>, format: ImportFormat, options: ParseImportOptions): Promise<ParsedImport> {
  const products: Product[] = [];
  const rejected: RejectedLine[] = [];
  let rejectedCount = 0;
  // Keyed by our own reason names (never by raw input), so a Map of bounded size.
  const byKind = new Map<string, number>();
  let header: string[] | undefined;
  const reject = (line: number, errors: FieldError[], kinds: Iterable<string> = errors.map(kindOf)) => {
    rejectedCount += 1;
    for (const kind of new Set(kinds)) byKind.set(kind, (byKind.get(kind) ?? 0) + 1);
    if (rejected.length < options.maxRejectedListed) {
      const listed = errors.slice(0, MAX_ERRORS_PER_LINE).map((e) => ({ path: clip(e.path, MAX_PATH_CHARS), message: clip(e.message, MAX_MESSAGE_CHARS) }));
      rejected.push({ line, errors: listed, errorCount: errors.length });
    }
  };
  for await (const raw of readLines(chunks, options)) {
    if ('tooLong' in raw) {
      reject(raw.line, [{ path: '(line)', message: `line over ${options.maxLineBytes} bytes` }], ['line too long']);
      continue;
    }
    let value: unknown;
    if (format === 'ndjson') {
      const parsed = parseJsonLine(raw.text);
      if ('errors' in parsed) {
        reject(raw.line, parsed.errors, ['invalid JSON']);
        continue;
      }
      value = parsed.value;
    } else {
      const record = parseCsvRecord(raw.text);
      if ('error' in record) {
        if (!header) throw new CsvHeaderError(record.error);
        reject(raw.line, [{ path: '(line)', message: record.error }], ['malformed CSV record']);
        continue;
      }
      if (!header) {
        header = checkHeader(record.fields);
        continue;
      }
      if (record.fields.length !== header.length) {
        reject(raw.line, [{ path: '(line)', message: `expected ${header.length} fields, found ${record.fields.length}` }], ['wrong number of CSV fields']);
        continue;
      }
      value = csvRowToObject(header, record.fields);
    }
    const result = validateRecord(value, options);
    if ('errors' in result) reject(raw.line, result.errors);
    else products.push(result.product);
  }
  const rejectedByKind = [...byKind].map(([kind, lines]) => ({ kind, lines })).sort((a, b) => b.lines - a.lines || (a.kind < b.kind ? -1 : 1));
  return { products, rejected, rejectedCount, rejectedByKind };
}

/** The reason of a field error: its top-level field when that is a product field, else "unknown field". */
function kindOf(error: FieldError): string {
  const top = error.path.split('.')[0] ?? '';
  if (top === '(root)') return 'not a product object';
  if (error.message === 'unknown field' || !KNOWN_COLUMNS.has(top)) return 'unknown field';
  return `invalid ${top}`;
}

/** The CSV's first line is unusable: nothing of the upload can be read. */
export class CsvHeaderError extends Error {
  constructor(message: string) {
    super(`CSV header: ${message}`);
    this.name = 'CsvHeaderError';
  }
}

const KNOWN_COLUMNS = new Set(Object.keys(ImportLine.shape));
const HeaderName = z.string().trim().min(1);

function checkHeader(fields: string[]): string[] {
  const names = fields.map((f) => HeaderName.safeParse(f).data ?? '');
  const unknown = names.filter((n) => !KNOWN_COLUMNS.has(n) && !/^attr\.[a-z0-9_]{1,40}$/.test(n));
  if (unknown.length > 0) throw new CsvHeaderError(`unknown columns: ${unknown.map((n) => JSON.stringify(n)).join(', ')}`);
  if (!names.includes('id')) throw new CsvHeaderError('an "id" column is required');
  if (new Set(names).size !== names.length) throw new CsvHeaderError('duplicate column names');
  return names;
}
