import type { z } from 'zod';
import type { FieldError } from '@catalog/contract';

/** At most this many errors in a 400: a request of 1,000 bad parameters gets a short answer, not a long one. */
export const MAX_QUERY_ERRORS = 20;

/** The query parameter an issue path points at: its first element (`brand.2` → `brand`, `attr.color.0` → `attr.color`). */
const parameterName = (path: readonly PropertyKey[]): string => (path[0] === undefined ? '(query)' : String(path[0]));

/** zod issues of a query schema → one error per named parameter (an unknown one is named too), the first `MAX_QUERY_ERRORS`. */
export function queryErrors(error: z.ZodError): FieldError[] {
  return error.issues
    .flatMap((issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => ({ path: parameterName([...issue.path, key]), message: 'unknown parameter' }))
        : [{ path: parameterName(issue.path), message: issue.message }],
    )
    .slice(0, MAX_QUERY_ERRORS);
}
