import { describe, expect, it } from 'vitest';
import { classifyBulkItem } from './classify-bulk-item';

describe('classifyBulkItem', () => {
  it.each([
    [{ status: 201 }, 'ack'],
    [{ status: 200 }, 'ack'],
    [{ status: 409, error: { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher' } }, 'stale'],
    [{ status: 429, error: { type: 'es_rejected_execution_exception', reason: 'queue full' } }, 'retry'],
    [{ status: 503, error: { type: 'unavailable_shards_exception', reason: 'primary not active' } }, 'retry'],
    [{ status: 500, error: { type: 'exception' } }, 'retry'],
    [{ status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [price]' } }, 'reject'],
    // The write index missing or blocked is the deployment's state, not the document's fault: never dead-letter it.
    [{ status: 404, error: { type: 'index_not_found_exception', reason: 'no such index' } }, 'retry'],
    [{ status: 403, error: { type: 'cluster_block_exception', reason: 'index [products-v1] blocked by: [FORBIDDEN/8/index write (api)]' } }, 'retry'],
    [{ status: 429, error: { type: 'circuit_breaking_exception', reason: '[request] Data too large', durability: 'PERMANENT' } }, 'reject'],
  ])('%j → %s', (item, kind) => {
    expect(classifyBulkItem(item).kind).toBe(kind);
  });

  it('keeps the Elasticsearch reason for the dead-letter store', () => {
    const outcome = classifyBulkItem({ status: 400, error: { type: 'document_parsing_exception', reason: 'failed to parse field [price]' } });
    expect(outcome).toEqual({ kind: 'reject', reason: '400 document_parsing_exception: failed to parse field [price]' });
  });

  it('classifies every item of a fabricated mixed errors:true response on its own', () => {
    const items = [{ status: 201 }, { status: 409 }, { status: 429 }, { status: 400, error: { type: 'mapper_parsing_exception', reason: 'x' } }];
    expect(items.map((i) => classifyBulkItem(i).kind)).toEqual(['ack', 'stale', 'retry', 'reject']);
  });
});
