import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '@catalog/contract/http';
import { toHttpProblem } from './es-errors';

const meta = (statusCode: number, body: unknown) =>
  ({ body, statusCode, headers: {}, meta: {}, warnings: null }) as unknown as ConstructorParameters<typeof errors.ResponseError>[0];

describe('toHttpProblem', () => {
  it.each([
    ['connection refused', new errors.ConnectionError('connect ECONNREFUSED'), 503],
    ['timeout', new errors.TimeoutError('Request timed out'), 503],
    ['no living connections', new errors.NoLivingConnectionsError('none', meta(0, null) as never), 503],
    ['429', new errors.ResponseError(meta(429, { error: { type: 'es_rejected_execution_exception' } })), 503],
    ['missing index', new errors.ResponseError(meta(404, { error: { type: 'index_not_found_exception', reason: 'no such index [products]' } })), 503],
    ['bad query', new errors.ResponseError(meta(400, { error: { type: 'search_phase_execution_exception', reason: 'field [x]' } })), 500],
    ['a bug', new TypeError('x is undefined'), 500],
  ])('%s → %i without Elasticsearch text', (_, err, status) => {
    const problem = toHttpProblem(err);
    expect(problem.status).toBe(status);
    expect(problem.message).not.toMatch(/products|exception|field|ECONNREFUSED/);
    expect(problem.cause).toBe(err);
  });

  it('keeps an HttpProblem as it is', () => {
    const p = new HttpProblem('not_found', 'x');
    expect(toHttpProblem(p)).toBe(p);
  });
});
