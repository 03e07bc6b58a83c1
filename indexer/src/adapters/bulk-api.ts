import type { Client, estypes } from '@elastic/elasticsearch';

/** The part of a `_bulk` answer the indexer reads: each item's status and error, under its action. */
type BulkItems = Pick<estypes.BulkResponse, 'items'>;

/**
 * Every item keeps its place (each has a status), and Elasticsearch no longer serialises, nor this process parses,
 * ~150 bytes of `_index`, `_id`, `_version`, `_shards`, `_seq_no`… per document it accepted.
 */
const BULK_FILTER_PATH = 'items.*.status,items.*.error';

/** The one `_bulk` call the writers make: `bulkApi(client)` is the real one, unit tests pass a fake. */
export type BulkClient = {
  bulk(params: { body: Buffer }): Promise<BulkItems>;
};

/**
 * A `_bulk` body as bytes: each line serialised and encoded on its own, then copied once into the body.
 * The client's `bulk({ operations })` instead appends every line to one string and then measures and encodes
 * it whole; V8 must first flatten that string of ~1 MB (two-byte once one product has a non-Latin-1
 * character), which took more CPU than the serialising itself: 9.7 against 5.3 µs a product
 * (bench/ndjson-body.ts), and ~11 µs a product in `Buffer.byteLength` alone in the indexer's profile.
 */
export function ndjsonBody(lines: readonly unknown[]): Buffer {
  return Buffer.concat(lines.map((line) => Buffer.from(`${JSON.stringify(line)}\n`)));
}

/**
 * `_bulk` with a body already in bytes, through the client's transport (the typed `bulk` API takes the lines
 * as an array). The transport sends a Buffer as it is, with the NDJSON content type, and keeps the client's
 * connection pool, timeouts and errors.
 */
export function bulkApi(es: Client): BulkClient {
  return {
    bulk: ({ body }) => es.transport.request<BulkItems>({ method: 'POST', path: '/_bulk', querystring: { filter_path: BULK_FILTER_PATH }, bulkBody: body }),
  };
}
