import type { z } from 'zod';
import { groupQuery, type FieldError } from '@catalog/contract';
import { invalidInput } from '@catalog/contract/http';

const REPEATABLE = new Set(['brand', 'category']);

/** The query parameter an issue path points at: `brand.2` → `brand`, `attr.color.0` → `attr.color`. */
function parameterName(path: readonly PropertyKey[]): string {
  const parts = path.map(String);
  if (parts[0] === 'attr' && parts.length >= 2) return `attr.${parts[1]}`;
  if (parts[0] !== undefined && REPEATABLE.has(parts[0])) return parts[0];
  return parts.join('.') || '(query)';
}

/** zod issues of a query schema → one error per named parameter; an unknown parameter is named too. */
export function queryErrors(error: z.ZodError): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: parameterName([...issue.path, key]), message: 'unknown parameter' }))
      : [{ path: parameterName(issue.path), message: issue.message }],
  );
}

/** Parse a URL's query string with `schema` (repeated keys grouped), or throw a 400 naming each bad parameter. */
export function parseQuery<S extends z.ZodType>(schema: S, url: string): z.output<S> {
  const result = schema.safeParse(groupQuery(new URL(url).searchParams));
  if (!result.success) throw invalidInput(queryErrors(result.error), 'query parameters');
  return result.data;
}
