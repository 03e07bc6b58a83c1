import { HttpProblem } from '@catalog/contract/http';

/**
 * Largest search body sent to Elasticsearch, in bytes of JSON. The parameter limits (`SEARCH_LIMITS`) keep the
 * worst allowed request near 530 KB (50 filter values of 100 three-byte characters, repeated in each facet's
 * filter; unit-tested), so a body past this bound can only come from a bug of ours: it is not sent, and the
 * client gets a logged 500 rather than a 400 blaming parameters that were within the documented limits.
 */
export const MAX_SEARCH_BODY_BYTES = 1024 * 1024;

/** Default of `ES_SEARCH_TIMEOUT_MS`: below the client's 2 s request timeout, so Elasticsearch stops first. */
export const DEFAULT_SEARCH_TIMEOUT_MS = 1_500;

/** A search body with Elasticsearch's own time limit (`timeout`), refused before sending when over `MAX_SEARCH_BODY_BYTES`. */
export function boundedSearchBody<B extends object>(body: B, timeoutMs: number): B & { timeout: string } {
  const bytes = Buffer.byteLength(JSON.stringify(body));
  if (bytes > MAX_SEARCH_BODY_BYTES) {
    throw new HttpProblem('internal', 'the search was not sent; it has been logged', {
      cause: new Error(`search body of ${bytes} bytes is over the ${MAX_SEARCH_BODY_BYTES}-byte bound: a request builder ignores the parameter limits`),
    });
  }
  return { ...body, timeout: `${timeoutMs}ms` };
}

/**
 * A search that ran out of its time limit has partial hits and counts: the cluster is too slow right now.
 * That is a 503 (retry) and never a cached answer.
 */
export function requireComplete<R>(response: R): R {
  if (typeof response === 'object' && response !== null && Reflect.get(response, 'timed_out') === true) {
    throw new HttpProblem('unavailable', 'the search took too long; retry shortly');
  }
  return response;
}
