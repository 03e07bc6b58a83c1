import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { classifyEsError, classifyEsResponse, isTransientEsFailure, type EsFailureKind } from './es-failure';

const answer = (statusCode: number, body: unknown) =>
  new errors.ResponseError({ body, statusCode, headers: {}, warnings: null, meta: {} as never });
const failure = (type: string, reason: string, extra: Record<string, unknown> = {}) => ({ error: { type, reason, ...extra } });
const searchFailed = (status: number, rootType: string, reason = 'x') => ({
  error: {
    type: 'search_phase_execution_exception',
    reason: 'all shards failed',
    root_cause: [{ type: rootType, reason }],
    failed_shards: [{ shard: 0, index: 'products-v1', reason: { type: rootType, reason } }],
  },
  status,
});

describe('classifyEsError: whatever the client threw', () => {
  it.each<[string, unknown, EsFailureKind]>([
    ['connection refused', new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), 'unavailable'],
    ['client timeout', new errors.TimeoutError('Request timed out'), 'unavailable'],
    ['no living connections', new errors.NoLivingConnectionsError('none', { body: null, statusCode: 0, headers: {}, warnings: null, meta: {} as never }), 'unavailable'],
    ['request aborted', new errors.RequestAbortedError('Request aborted'), 'unavailable'],
    ['502 from a proxy, HTML body', answer(502, '<html>Bad Gateway</html>'), 'unavailable'],
    ['503 all shards failed without shard failures', answer(503, failure('search_phase_execution_exception', 'all shards failed')), 'unavailable'],
    ['504 gateway timeout', answer(504, ''), 'unavailable'],
    ['404 missing index', answer(404, failure('index_not_found_exception', 'no such index [products]')), 'unavailable'],
    ['403 read-only index block', answer(403, failure('cluster_block_exception', 'index [products-v1] blocked by: [FORBIDDEN/8/index write (api)]')), 'unavailable'],
    ['401 bad credentials', answer(401, failure('security_exception', 'unable to authenticate')), 'unavailable'],
    ['429 search queue full', answer(429, failure('es_rejected_execution_exception', 'rejected execution')), 'overloaded'],
    ['429 transient circuit breaker', answer(429, failure('circuit_breaking_exception', '[parent] Data too large', { durability: 'TRANSIENT' })), 'overloaded'],
    ['429 flood-stage disk block', answer(429, failure('cluster_block_exception', 'TOO_MANY_REQUESTS/12/disk usage exceeded flood-stage watermark')), 'overloaded'],
    ['429 permanent circuit breaker: the request alone is too big', answer(429, failure('circuit_breaking_exception', '[request] Data too large', { durability: 'PERMANENT' })), 'rejected'],
    ['400 parse error of the query', answer(400, searchFailed(400, 'query_shard_exception')), 'rejected'],
    ['400 reserved character in a completion prefix', answer(400, searchFailed(400, 'illegal_argument_exception', 'Term text cannot contain HOLE character U+001E')), 'rejected'],
    ['400 too many clauses', answer(400, searchFailed(400, 'too_many_nested_clauses')), 'rejected'],
    ['500 regex too complex', answer(500, searchFailed(500, 'too_complex_to_determinize_exception')), 'rejected'],
    ['413 request too large', answer(413, ''), 'rejected'],
    ['409 version conflict', answer(409, failure('version_conflict_engine_exception', 'version conflict')), 'conflict'],
    ['500 without a known cause', answer(500, failure('exception', 'boom')), 'failed'],
    ['a bug of ours', new TypeError('x is undefined'), 'failed'],
    ['not an error at all', 'oops', 'failed'],
  ])('%s → %s', (_, err, kind) => {
    expect(classifyEsError(err).kind).toBe(kind);
  });

  it('keeps the status, the exception types and the root cause reason (for logs)', () => {
    expect(classifyEsError(answer(400, searchFailed(400, 'query_shard_exception', 'failed to create query')))).toEqual({
      kind: 'rejected',
      status: 400,
      types: ['query_shard_exception', 'search_phase_execution_exception'],
      reason: 'failed to create query',
    });
  });
});

describe('classifyEsResponse: a bulk or multi-search item', () => {
  it.each<[number, unknown, EsFailureKind]>([
    [429, { type: 'es_rejected_execution_exception', reason: 'queue full' }, 'overloaded'],
    [503, { type: 'unavailable_shards_exception', reason: 'primary shard is not active' }, 'unavailable'],
    [404, { type: 'index_not_found_exception', reason: 'no such index' }, 'unavailable'],
    [400, { type: 'document_parsing_exception', reason: 'failed to parse field [price]', caused_by: { type: 'number_format_exception' } }, 'rejected'],
    [400, { type: 'mapper_parsing_exception', reason: 'x' }, 'rejected'],
    [409, { type: 'version_conflict_engine_exception', reason: 'current version [5] is higher' }, 'conflict'],
    [500, { type: 'exception', reason: 'boom' }, 'failed'],
    [500, undefined, 'failed'],
  ])('%i %j → %s', (status, error, kind) => {
    expect(classifyEsResponse(status, error).kind).toBe(kind);
  });

  it('walks a bounded depth of causes, so a hostile or cyclic answer cannot hang it', () => {
    const cyclic: Record<string, unknown> = { type: 'exception' };
    cyclic.caused_by = cyclic;
    expect(classifyEsResponse(500, cyclic).kind).toBe('failed');
  });
});

describe('isTransientEsFailure', () => {
  it.each<[EsFailureKind, boolean]>([
    ['unavailable', true],
    ['overloaded', true],
    ['rejected', false],
    ['conflict', false],
    ['failed', false],
  ])('%s → %s', (kind, transient) => expect(isTransientEsFailure(kind)).toBe(transient));
});
