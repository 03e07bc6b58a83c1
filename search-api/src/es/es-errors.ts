import { errors } from '@elastic/elasticsearch';
import { HttpProblem } from '@catalog/contract/http';

const UNAVAILABLE_STATUS = new Set([429, 502, 503, 504]);

/** Whether Elasticsearch could not be reached or could not serve right now (worth a 503 and a retry). */
export function isUnavailable(err: unknown): boolean {
  if (
    err instanceof errors.ConnectionError ||
    err instanceof errors.TimeoutError ||
    err instanceof errors.NoLivingConnectionsError ||
    err instanceof errors.RequestAbortedError
  ) {
    return true;
  }
  if (err instanceof errors.ResponseError) {
    if (UNAVAILABLE_STATUS.has(err.statusCode ?? 0)) return true;
    // A missing alias is a deployment state (index not created yet), not a bug in the request.
    return err.statusCode === 404 && err.message.includes('index_not_found_exception');
  }
  return false;
}

/**
 * Any Elasticsearch failure → the HTTP problem a client sees: 503 when it is down or overloaded, else a
 * generic 500. Never Elasticsearch's own text: it names indices and fields; it stays in the log via `cause`.
 */
export function toHttpProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  if (isUnavailable(err)) return new HttpProblem('unavailable', 'the search backend is unavailable; retry shortly', { cause: err });
  return new HttpProblem('internal', 'the search backend failed; it has been logged', { cause: err });
}
