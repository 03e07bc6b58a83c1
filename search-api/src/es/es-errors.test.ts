import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { HttpProblem } from '@catalog/contract/http';
import { blameParameters, EsItemError, rejectedParameters, toHttpProblem } from './es-errors';

const answer = (statusCode: number, body: unknown) =>
  new errors.ResponseError({ body, statusCode, headers: {}, warnings: null, meta: {} as never });
const refused = (status: number, type: string, reason: string) =>
  answer(status, { error: { type: 'search_phase_execution_exception', reason: 'all shards failed', root_cause: [{ type, reason }] }, status });

describe('toHttpProblem', () => {
  it.each([
    ['connection refused', new errors.ConnectionError('connect ECONNREFUSED'), 503],
    ['timeout', new errors.TimeoutError('Request timed out'), 503],
    ['aborted', new errors.RequestAbortedError('Request aborted'), 503],
    ['no living connections', new errors.NoLivingConnectionsError('none', { body: null, statusCode: 0, headers: {}, warnings: null, meta: {} as never }), 503],
    ['429', answer(429, { error: { type: 'es_rejected_execution_exception' } }), 503],
    ['502', answer(502, '<html>bad gateway</html>'), 503],
    ['504', answer(504, ''), 503],
    ['missing index', answer(404, { error: { type: 'index_not_found_exception', reason: 'no such index [products]' } }), 503],
    ['query refused', refused(400, 'query_shard_exception', 'failed to create query: field [title]'), 400],
    ['reserved character', refused(400, 'illegal_argument_exception', 'Term text cannot contain unit separator character U+001F'), 400],
    ['regex too complex', refused(500, 'too_complex_to_determinize_exception', 'Determinizing automaton would exceed work limit'), 400],
    ['500 without cause', answer(500, { error: { type: 'exception', reason: 'index [products] boom' } }), 500],
    ['a bug', new TypeError('x is undefined'), 500],
  ])('%s → %i without Elasticsearch text', (_, err, status) => {
    const problem = toHttpProblem(err);
    expect(problem.status).toBe(status);
    expect(problem.message).not.toMatch(/products|exception|field|ECONNREFUSED|U\+001F/);
    expect(problem.cause).toBe(err);
  });

  it('keeps an HttpProblem as it is', () => {
    const p = new HttpProblem('not_found', 'x');
    expect(toHttpProblem(p)).toBe(p);
  });
});

describe('rejectedParameters', () => {
  const sent = ['q', 'brand', 'category', 'attr.color', 'attr.size'];
  it.each([
    ['failed to create query: [categoryPaths] regexp too complex', ['category']],
    ['Determinizing automaton would exceed work limit', ['category']],
    ['field [attributePairs] value too long', ['attr.color', 'attr.size']],
    ['failed to create query: [title.prefix] too many clauses', ['q']],
    ['maxClauseCount is set to 1024', ['q']],
    ['something we cannot place', sent],
    [undefined, sent],
  ])('%s → %j', (reason, names) => expect(rejectedParameters(reason, sent)).toEqual(names));

  it('names only parameters the request carried', () => {
    expect(rejectedParameters('[categoryPaths] regexp', ['q'])).toEqual(['q']);
  });
});

describe('blameParameters', () => {
  it('turns an anonymous 400 into one naming the parameters, keeping the cause and hiding the reason', () => {
    const cause = refused(400, 'query_shard_exception', 'failed to create query: [brand.keyword]');
    const blamed = blameParameters(toHttpProblem(cause), ['q', 'brand']);
    expect(blamed).toBeInstanceOf(HttpProblem);
    const p = blamed as HttpProblem;
    expect(p.status).toBe(400);
    expect(p.errors?.map((e) => e.path)).toEqual(['brand']);
    expect(p.cause).toBe(cause);
    expect(JSON.stringify(p.toBody())).not.toContain('brand.keyword');
  });

  it.each([
    ['a 503', toHttpProblem(new errors.ConnectionError('x'))],
    ['a 400 that already names its fields', new HttpProblem('bad_request', 'x', { errors: [{ path: 'q', message: 'm' }] })],
    ['not a problem', new Error('x')],
  ])('leaves %s as it is', (_, err) => expect(blameParameters(err, ['q'])).toBe(err));
});

describe('EsItemError', () => {
  it.each([
    [429, { type: 'es_rejected_execution_exception' }, 503],
    [404, { type: 'index_not_found_exception' }, 503],
    [400, { type: 'search_phase_execution_exception', root_cause: [{ type: 'illegal_argument_exception', reason: 'Term text cannot contain HOLE character U+001E' }] }, 400],
    [500, { type: 'exception' }, 500],
  ])('an item %i %j → %i, by the same classification', (status, error, http) => {
    expect(toHttpProblem(new EsItemError('autocomplete', status, error)).status).toBe(http);
  });

  it('gives blameParameters the root cause reason', () => {
    const item = new EsItemError('search', 400, { type: 'x', root_cause: [{ type: 'query_shard_exception', reason: 'failed on [brand.keyword]' }] });
    const p = blameParameters(toHttpProblem(item), ['q', 'brand']) as HttpProblem;
    expect(p.errors?.map((e) => e.path)).toEqual(['brand']);
  });
});
