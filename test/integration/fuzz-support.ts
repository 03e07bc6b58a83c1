/** Shared harness of the HTTP fuzz suite (test/integration/fuzz-*.test.ts): hostile inputs and the invariants every answer keeps. */
import fc from 'fast-check';
import { z } from 'zod';

/** Fixed in CI so a failure reproduces; `FUZZ_SEED=<n>` explores other inputs (the failing seed is printed). */
export const FUZZ_SEED = Number(process.env.FUZZ_SEED ?? 20261212);
/** `FUZZ_RUNS_SCALE=10` runs ten times as many cases (keep the default for `npm test`: ~60 s for the suite). */
export const fuzzRuns = (base: number): number => Math.max(1, Math.round(base * Number(process.env.FUZZ_RUNS_SCALE ?? 1)));
/** A property test's time limit, grown with FUZZ_RUNS_SCALE (never below `ms`). */
export const fuzzTimeout = (ms: number): number => Math.max(ms, fuzzRuns(ms));
/** `s` as one URL path segment a client can send: lone surrogates become U+FFFD (encodeURIComponent refuses them). */
export const pathSegment = (s: string): string => encodeURIComponent(Buffer.from(s, 'utf8').toString('utf8'));
/** No answer may take longer, whatever the input: the bound on what one hostile request can cost. */
export const MAX_RESPONSE_MS = 2_000;

/** Text an attacker or a careless integrator sends: unicode, control characters, lone surrogates, huge, numeric-looking. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.string({ unit: 'grapheme', maxLength: 24 }) },
  { weight: 3, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
  { weight: 2, arbitrary: fc.oneof(fc.integer(), fc.double(), fc.bigInt()).map(String) },
  {
    weight: 3,
    arbitrary: fc.constantFrom(
      '', ' ', '\u0000', '\u001e\u001f', '\ud800', '\u202e', '%', '%%', '%E0%A4%A', '%C0%AF', '../..', '<script>alert(1)</script>', '"\'`',
      '__proto__', 'constructor', 'toString', 'hasOwnProperty', 'Electronics > Audio', ' > ', '*', '?', '\\', '{}', '[]', 'null', 'true',
      'NaN', 'Infinity', '-0', '1e309', '0x1F', '9'.repeat(40), 'x'.repeat(300), 'a '.repeat(300), 'é'.repeat(2_000), 'x'.repeat(20_000),
    ),
  },
);

/** Parameter and field names: the real ones of a route, mixed with ones no route knows. */
export const hostileName = (known: readonly string[]): fc.Arbitrary<string> =>
  fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...known) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'hasOwnProperty', '', ' ', 'Q', 'q[]', 'attr.', 'attr.__proto__') },
    { weight: 1, arbitrary: hostileText.map((t) => t.slice(0, 60)) },
  );

/** A query string of `pairs`: encoded, or now and then raw (malformed percent-escapes reach the app as they are). */
export function queryString(pairs: readonly (readonly [string, string])[], raw: boolean): string {
  if (raw) return pairs.map(([k, v]) => `${k.replace(/[#&=\s]/g, '')}=${v.replace(/[#&\s]/g, '')}`).join('&');
  const params = new URLSearchParams();
  for (const [k, v] of pairs) params.append(k, v);
  return params.toString();
}

/** One request and its answer, timed around `app.request()` (the app's own handling, no network). */
export type Exchange = {
  label: string;
  /** Parameter or body field names the request carried; a 400 must name one of them. */
  sent: readonly string[];
  status: number;
  ms: number;
  contentType: string;
  body: string;
};

export async function exchange(label: string, sent: readonly string[], run: () => Promise<Response> | Response): Promise<Exchange> {
  const started = performance.now();
  const res = await run();
  const body = await res.text();
  return { label, sent, status: res.status, ms: performance.now() - started, contentType: res.headers.get('content-type') ?? '', body };
}

const ProblemBody = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});
const AlgoliaError = z.object({ message: z.string(), status: z.number().int() });

/** Names that stand for the request as a whole, acceptable when that is what was wrong (body not JSON, no lines). */
const WHOLE = ['(body)', '(root)', '(query)', '(line)'];

/** Whether an error path names something the request carried (`attributes.a.b` names the field `attributes`). */
export const names = (path: string, sent: readonly string[]): boolean =>
  WHOLE.includes(path) || sent.some((s) => path === s || path.startsWith(`${s}.`) || s.startsWith(`${path}.`) || (s.startsWith('attr.') && path === 'attr'));

/**
 * The invariants of every answer: never a 5xx; never slower than `MAX_RESPONSE_MS`; every 4xx a problem+json
 * (the Algolia surface: `{ message, status }`) with its status, and every 400 naming a parameter or field it was
 * sent. Returns the broken ones, empty when the answer is fine.
 */
export function violations(x: Exchange, surface: 'problem' | 'algolia' = 'problem'): string[] {
  const out: string[] = [];
  const what = `${x.label} → ${x.status} in ${Math.round(x.ms)} ms: ${x.body.slice(0, 300)}`;
  if (x.status >= 500) out.push(`5xx: ${what}`);
  if (x.ms > MAX_RESPONSE_MS) out.push(`slow: ${what}`);
  if (x.status < 400 || x.status >= 500) return out;
  let json: unknown;
  try {
    json = JSON.parse(x.body);
  } catch {
    return [...out, `4xx without a JSON body: ${what}`];
  }
  if (surface === 'algolia') {
    const parsed = AlgoliaError.safeParse(json);
    if (!parsed.success || parsed.data.status !== x.status) out.push(`4xx not in the Algolia error shape: ${what}`);
    return out;
  }
  const parsed = ProblemBody.safeParse(json);
  if (!x.contentType.includes('application/problem+json') || !parsed.success || parsed.data.status !== x.status) {
    return [...out, `4xx not problem+json: ${what}`];
  }
  if (x.status === 400) {
    const paths = (parsed.data.errors ?? []).map((e) => e.path);
    if (paths.length === 0 || !paths.some((p) => names(p, x.sent))) out.push(`400 naming none of [${x.sent.join(', ')}]: ${what}`);
  }
  return out;
}

/** Every answer of a fuzz run, its statuses, and what broke; asserted once at the end so one report lists them all. */
export class FuzzLedger {
  readonly broken: string[] = [];
  readonly statuses = new Map<number, number>();
  count = 0;

  record(x: Exchange, surface: 'problem' | 'algolia' = 'problem'): Exchange {
    this.count += 1;
    this.statuses.set(x.status, (this.statuses.get(x.status) ?? 0) + 1);
    this.broken.push(...violations(x, surface));
    return x;
  }

  /** Share of answers with a status in [from, to). */
  share(from: number, to: number): number {
    const n = [...this.statuses].filter(([s]) => s >= from && s < to).reduce((a, [, c]) => a + c, 0);
    return this.count === 0 ? 0 : n / this.count;
  }

  summary(): string {
    return `${this.count} requests, statuses ${JSON.stringify(Object.fromEntries([...this.statuses].sort(([a], [b]) => a - b)))}`;
  }
}

/** A request from a client address of its own (admin failure budgets and rate limits are per client). */
let clientSequence = 0;
export const freshClient = () => {
  clientSequence += 1;
  return { incoming: { socket: { remoteAddress: `10.${(clientSequence >> 16) & 255}.${(clientSequence >> 8) & 255}.${clientSequence & 255}` } } };
};
