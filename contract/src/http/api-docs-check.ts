import { z } from 'zod';

/** The parts of an OpenAPI 3 document the check reads. */
const OpenApiDocument = z.object({
  openapi: z.string().regex(/^3\.\d+\.\d+$/),
  info: z.object({ title: z.string().min(1), version: z.string().min(1) }),
  paths: z.record(z.string().startsWith('/'), z.record(z.string(), z.unknown())),
  components: z.object({ securitySchemes: z.record(z.string(), z.unknown()).optional() }).loose().optional(),
});
export type OpenApiDocument = z.infer<typeof OpenApiDocument>;

const OPERATIONS = new Set(['get', 'put', 'post', 'delete', 'patch', 'head', 'options', 'trace']);
const Operation = z.object({ responses: z.record(z.string(), z.unknown()).refine((r) => Object.keys(r).length > 0, 'no responses') }).loose();

/** Every `$ref` in the document and whether it points at something that exists. */
function danglingRefs(doc: unknown): string[] {
  const refs = new Set<string>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) v.forEach(walk);
    else if (typeof v === 'object' && v !== null) {
      for (const [k, child] of Object.entries(v)) {
        if (k === '$ref' && typeof child === 'string') refs.add(child);
        else walk(child);
      }
    }
  };
  walk(doc);
  return [...refs].filter((ref) => {
    let node: unknown = doc;
    for (const part of ref.replace(/^#\//, '').split('/')) {
      node = typeof node === 'object' && node !== null && Object.hasOwn(node, part) ? (node as Record<string, unknown>)[part] : undefined;
    }
    return !ref.startsWith('#/') || node === undefined;
  });
}

const JSON_TYPES: Record<string, (v: unknown) => boolean> = {
  string: (v) => typeof v === 'string',
  number: (v) => typeof v === 'number',
  integer: (v) => Number.isInteger(v),
  boolean: (v) => typeof v === 'boolean',
  array: (v) => Array.isArray(v),
  object: (v) => typeof v === 'object' && v !== null && !Array.isArray(v),
  null: (v) => v === null,
};

/** Why `value` does not fit a schema's `type` / `enum` (an array's items too), or undefined when it fits. */
function misfit(schema: Record<string, unknown>, value: unknown): string | undefined {
  const types = typeof schema.type === 'string' ? [schema.type] : Array.isArray(schema.type) ? schema.type.filter((t) => typeof t === 'string') : [];
  const known = types.filter((t) => Object.hasOwn(JSON_TYPES, t));
  if (known.length > 0 && !known.some((t) => JSON_TYPES[t]?.(value))) return `is not of type ${types.join(' | ')}`;
  if (Array.isArray(schema.enum) && !schema.enum.some((e) => JSON.stringify(e) === JSON.stringify(value))) return `is not one of the enum ${JSON.stringify(schema.enum)}`;
  const items = schema.items;
  if (Array.isArray(value) && typeof items === 'object' && items !== null && !Array.isArray(items)) {
    for (const item of value) {
      const why = misfit(items as Record<string, unknown>, item);
      if (why !== undefined) return `has an item that ${why}`;
    }
  }
  return undefined;
}

/**
 * Every schema `default` in an OpenAPI document that does not fit its own schema's `type` or `enum` (e.g. a boolean
 * default on a query parameter documented as the strings "true" / "false"), as `<JSON pointer>: default … <why>`.
 * A client (or Swagger UI's "Try it out") that sends the documented default must send a valid value.
 */
export function misfitDefaults(doc: unknown): string[] {
  const found: string[] = [];
  const walk = (v: unknown, at: string): void => {
    if (Array.isArray(v)) v.forEach((child, i) => walk(child, `${at}/${i}`));
    else if (typeof v === 'object' && v !== null) {
      const node = v as Record<string, unknown>;
      const isSchema = typeof node.type === 'string' || Array.isArray(node.type) || Array.isArray(node.enum);
      if (isSchema && Object.hasOwn(node, 'default')) {
        const why = misfit(node, node.default);
        if (why !== undefined) found.push(`${at || '/'}: default ${JSON.stringify(node.default)} ${why}`);
      }
      for (const [k, child] of Object.entries(node)) walk(child, `${at}/${k.replaceAll('~', '~0').replaceAll('/', '~1')}`);
    }
  };
  walk(doc, '');
  return found;
}

export type ApiDocsExpectation = {
  /** `METHOD /path` pairs (OpenAPI path syntax) that must be documented. */
  operations: string[];
  /** The document declares the `bearer` HTTP scheme and these operations require it. */
  bearer?: string[];
};

/**
 * Checks an app's `/openapi.json` and `/docs` the way an integrator meets them: the document is OpenAPI 3
 * with the expected operations (each with responses), resolvable `$ref`s, defaults that fit their schemas
 * (`misfitDefaults`) and the bearer scheme; the docs
 * page loads only same-origin assets and each of them is served with its content type. Returns the
 * problems found (empty = fine), so that every app's tests can run the same check.
 */
export async function checkApiDocs(request: (path: string) => Response | Promise<Response>, expected: ApiDocsExpectation): Promise<string[]> {
  const problems: string[] = [];
  const specRes = await request('/openapi.json');
  if (specRes.status !== 200) return [`/openapi.json answered ${specRes.status}`];
  const raw: unknown = await specRes.json();
  const parsed = OpenApiDocument.safeParse(raw);
  if (!parsed.success) return parsed.error.issues.map((i) => `/openapi.json ${i.path.join('.')}: ${i.message}`);
  const doc = parsed.data;
  for (const op of expected.operations) {
    const [method = '', path = ''] = op.split(' ');
    const operation = Operation.safeParse(doc.paths[path]?.[method.toLowerCase()]);
    if (!operation.success) problems.push(`${op}: not documented with responses`);
  }
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const method of Object.keys(item)) if (!OPERATIONS.has(method) && method !== 'parameters') problems.push(`${path}: unknown key ${method}`);
  }
  problems.push(...danglingRefs(raw).map((ref) => `dangling $ref ${ref}`));
  problems.push(...misfitDefaults(raw));
  if (expected.bearer) {
    const scheme = z.object({ type: z.literal('http'), scheme: z.literal('bearer') }).loose().safeParse(doc.components?.securitySchemes?.bearer);
    if (!scheme.success) problems.push('components.securitySchemes.bearer is not an HTTP bearer scheme');
    for (const op of expected.bearer) {
      const [method = '', path = ''] = op.split(' ');
      const security = z.object({ security: z.array(z.record(z.string(), z.unknown())) }).loose().safeParse(doc.paths[path]?.[method.toLowerCase()]);
      if (!security.success || !security.data.security.some((s) => Object.hasOwn(s, 'bearer'))) problems.push(`${op}: does not require the bearer scheme`);
    }
  }

  const page = await request('/docs');
  if (page.status !== 200 || !(page.headers.get('content-type') ?? '').includes('text/html')) return [...problems, `/docs answered ${page.status}`];
  const html = await page.text();
  const urls = [...html.matchAll(/<(?:script|link)\b[^>]*?\b(?:src|href)="([^"]+)"/g)].map((m) => m[1] ?? '');
  if (!urls.some((u) => u.endsWith('.js'))) problems.push('/docs loads no script');
  if (/<script\b[^>]*>\s*[^<\s]/.test(html)) problems.push('/docs has an inline script');
  for (const url of urls) {
    if (!/^\/[^/]/.test(url)) {
      problems.push(`/docs loads ${url}, which is not same-origin`);
      continue;
    }
    const res = await request(url);
    const want = url.endsWith('.js') ? 'javascript' : url.endsWith('.css') ? 'text/css' : url.endsWith('.png') ? 'image/png' : '';
    if (res.status !== 200 || !(res.headers.get('content-type') ?? '').includes(want)) {
      problems.push(`${url} answered ${res.status} ${res.headers.get('content-type') ?? ''}`);
    }
    await res.arrayBuffer();
  }
  return problems;
}
