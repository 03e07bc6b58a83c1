import type { z } from 'zod';

/**
 * Parse data we produced or Elasticsearch returned. A mismatch is our bug, not the client's: it must become
 * a logged 500, so the ZodError (which the problem handler would render as a 400) is only the `cause`.
 */
export function parseInternal<S extends z.ZodType>(schema: S, value: unknown, what: string): z.output<S> {
  const result = schema.safeParse(value);
  if (!result.success) throw new Error(`unexpected ${what}`, { cause: result.error });
  return result.data;
}
