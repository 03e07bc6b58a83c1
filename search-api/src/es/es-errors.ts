import { HttpProblem } from '@catalog/contract/http';
import { classifyEsError, classifyEsResponse, isTransientEsFailure, type EsFailure } from '@catalog/contract/elasticsearch';

/** A failed item of a multi-search answer (the call itself succeeded), classified like a thrown error. */
export class EsItemError extends Error {
  readonly failure: EsFailure;

  constructor(what: string, status: number, error: unknown) {
    const failure = classifyEsResponse(status, error);
    super(`${what} failed: ${status} ${failure.types[0] ?? 'error'}`, { cause: error });
    this.name = 'EsItemError';
    this.failure = failure;
  }
}

const classify = (err: unknown): EsFailure => (err instanceof EsItemError ? err.failure : classifyEsError(err));

/**
 * Any Elasticsearch failure → the HTTP problem a client sees, by the one classification of the contract:
 * down or overloaded → 503 (retry), a request Elasticsearch refuses for its content → 400, anything else a
 * generic 500. Never Elasticsearch's own text: it names indices and fields; it stays in the log via `cause`.
 */
export function toHttpProblem(err: unknown): HttpProblem {
  if (err instanceof HttpProblem) return err;
  const { kind } = classify(err);
  if (isTransientEsFailure(kind)) return new HttpProblem('unavailable', 'the search backend is unavailable; retry shortly', { cause: err });
  if (kind === 'rejected') return new HttpProblem('bad_request', 'the search cannot be run with these parameters', { cause: err });
  return new HttpProblem('internal', 'the search backend failed; it has been logged', { cause: err });
}

/** Which part of a search an Elasticsearch reason points at: fields of the index → the parameter they came from. */
const REASON_HINTS: [hint: RegExp, parameter: string][] = [
  [/categoryPaths|determiniz|regexp?\b/i, 'category'],
  [/brand/, 'brand'],
  [/attributePairs/, 'attr.'],
  [/title|description|categories|suggest|clause/i, 'q'],
];

/**
 * The parameters a refused search most likely owes its refusal to: those the reason points at, else every
 * parameter the request carried that reached the query (`sent`, e.g. `['q', 'brand', 'attr.color']`).
 */
export function rejectedParameters(reason: string | undefined, sent: readonly string[]): string[] {
  const pointed = REASON_HINTS.filter(([hint]) => hint.test(reason ?? '')).map(([, parameter]) => parameter);
  const named = sent.filter((s) => pointed.some((p) => (p.endsWith('.') ? s.startsWith(p) : s === p)));
  return named.length > 0 ? named : [...sent];
}

/** A 400 from `toHttpProblem` without names → the same 400 naming the parameters of `sent` it is about. */
export function blameParameters(err: unknown, sent: readonly string[]): unknown {
  if (!(err instanceof HttpProblem) || err.code !== 'bad_request' || err.errors !== undefined || sent.length === 0) return err;
  const names = rejectedParameters(classify(err.cause).reason, sent);
  return new HttpProblem('bad_request', `the search cannot be run with these parameters: ${names.join(', ')}`, {
    cause: err.cause,
    errors: names.map((path) => ({ path, message: 'Elasticsearch refused the query built from this value' })),
  });
}
