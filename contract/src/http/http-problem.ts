import type { FieldError } from '../problem';

/** Kinds of HTTP failure the APIs report; each maps to exactly one status. */
export const PROBLEM_CODES = {
  bad_request: 400,
  unauthorized: 401,
  not_found: 404,
  conflict: 409,
  precondition_failed: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  too_many_requests: 429,
  headers_too_large: 431,
  internal: 500,
  unavailable: 503,
} as const;
export type ProblemCode = keyof typeof PROBLEM_CODES;

const TITLES: Record<ProblemCode, string> = {
  bad_request: 'Bad Request',
  unauthorized: 'Unauthorized',
  not_found: 'Not Found',
  conflict: 'Conflict',
  precondition_failed: 'Precondition Failed',
  payload_too_large: 'Payload Too Large',
  unsupported_media_type: 'Unsupported Media Type',
  too_many_requests: 'Too Many Requests',
  headers_too_large: 'Request Header Fields Too Large',
  internal: 'Internal Server Error',
  unavailable: 'Service Unavailable',
};

/** An error that is an HTTP answer: thrown anywhere in a handler, rendered once by `problemHandler`. */
export class HttpProblem extends Error {
  readonly code: ProblemCode;
  readonly status: (typeof PROBLEM_CODES)[ProblemCode];
  readonly title: string;
  readonly errors: FieldError[] | undefined;

  constructor(code: ProblemCode, detail: string, options?: ErrorOptions & { errors?: FieldError[] }) {
    super(detail, options);
    this.name = 'HttpProblem';
    this.code = code;
    this.status = PROBLEM_CODES[code];
    this.title = TITLES[code];
    this.errors = options?.errors;
  }

  /** The `application/problem+json` body. */
  toBody() {
    return {
      type: `https://catalog-search.dev/problems/${this.code.replaceAll('_', '-')}`,
      title: this.title,
      status: this.status,
      detail: this.message,
      ...(this.errors ? { errors: this.errors } : {}),
    };
  }
}

/** 400 naming every bad field. */
export function invalidInput(errors: FieldError[], what = 'request'): HttpProblem {
  const names = [...new Set(errors.map((e) => e.path))];
  const listed = names.length > 10 ? `${names.slice(0, 10).join(', ')} and ${names.length - 10} more` : names.join(', ');
  return new HttpProblem('bad_request', `invalid ${what}: ${listed}`, { errors });
}
