import { ProductEvent, toFieldErrors } from '@catalog/contract';

/** A message body decoded into an event, or the reason it never can be (a permanent failure). */
export type Decoded = { ok: true; event: ProductEvent } | { ok: false; reason: string };

/** Parse and validate one `product-updates` message body. Pure. */
export function decodeMessage(data: Buffer | string): Decoded {
  let json: unknown;
  try {
    json = JSON.parse(typeof data === 'string' ? data : data.toString('utf8'));
  } catch (err) {
    return { ok: false, reason: `invalid JSON: ${err instanceof Error ? err.message : String(err)}` };
  }
  const parsed = ProductEvent.safeParse(json);
  if (!parsed.success) {
    const issues = toFieldErrors(parsed.error).map((e) => `${e.path}: ${e.message}`);
    return { ok: false, reason: `schema violation: ${issues.slice(0, 5).join('; ')}` };
  }
  return { ok: true, event: parsed.data };
}
