import { z } from '@hono/zod-openapi';

/** RFC 9457 problem details, the one error body of every HTTP API here. */
export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .openapi('Problem');
export type Problem = z.infer<typeof Problem>;
export type FieldError = { path: string; message: string };

const dotted = (path: readonly PropertyKey[]): string => path.map(String).join('.') || '(root)';

/** zod issues → `errors[]` with dotted paths, the shape every 400 uses; each unknown key is named on its own. */
export function toFieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  return error.issues.flatMap((issue) =>
    issue.code === 'unrecognized_keys'
      ? issue.keys.map((key) => ({ path: dotted([...prefix, ...issue.path, key]), message: 'unknown field' }))
      : [{ path: dotted([...prefix, ...issue.path]), message: issue.message }],
  );
}
