import { errors } from '@elastic/elasticsearch';
import { describe, expect, it } from 'vitest';
import { failureCause, nextClusterState, type ClusterState, type HealthObservation } from './cluster-health';

describe('nextClusterState', () => {
  it.each<[ClusterState, HealthObservation, ClusterState, string]>([
    ['ok', { source: 'health', status: 'red' }, 'red', 'a red answer is red'],
    ['red', { source: 'health', status: 'yellow' }, 'ok', 'yellow is fine'],
    ['unreachable', { source: 'health', status: 'green' }, 'ok', 'any answer proves reachability'],
    ['ok', { source: 'health-failed', cause: 'connection' }, 'unreachable', 'a refused connection is definite'],
    ['ok', { source: 'health-failed', cause: 'timeout' }, 'ok', 'a busy process timing out its own health check proves nothing'],
    ['red', { source: 'health-failed', cause: 'timeout' }, 'red', 'nor does it clear red'],
    ['ok', { source: 'bulk', result: 'timeout' }, 'ok', 'a slow bulk is not a sick cluster'],
    ['ok', { source: 'bulk', result: 'overload' }, 'ok', '429s are load: the writer backs off'],
    ['ok', { source: 'bulk', result: 'connection' }, 'unreachable', 'a refused bulk is'],
    ['unreachable', { source: 'bulk', result: 'answered' }, 'ok', 'an answered bulk proves it is back'],
    ['red', { source: 'bulk', result: 'answered' }, 'red', 'but not that the alias is no longer red'],
  ])('%s + %j → %s (%s)', (from, observation, to) => expect(nextClusterState(from, observation)).toBe(to));
});

describe('failureCause', () => {
  it.each([
    [new errors.ConnectionError('connect ECONNREFUSED 127.0.0.1:9200'), 'connection'],
    [new errors.TimeoutError('Request timed out'), 'timeout'],
    [new errors.ConnectionError('Request timed out'), 'timeout'],
    [new errors.ResponseError({ statusCode: 503, body: { error: { type: 'x' } }, headers: {}, warnings: null, meta: {} as never }), 'other'],
    [new Error('bug'), 'other'],
  ])('%s → %s', (err, cause) => expect(failureCause(err)).toBe(cause));
});
