import { readFileSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { z } from 'zod';
import { randomSuffix, stackClients } from './helpers';

// The _analyze table of stack/analysis-plugin/analyze-cases.json. It must hold on the local core build with
// our plugin and, unchanged, on the full distribution (ELASTICSEARCH_URL pointing at one): same names,
// same settings, same tokens.
const Token = z.object({
  token: z.string(),
  position: z.number().optional(),
  positionLength: z.number().optional(),
  start_offset: z.number().optional(),
  end_offset: z.number().optional(),
});
const Case = z.object({
  name: z.string(),
  index_settings: z.record(z.string(), z.unknown()).optional(),
  request: z.record(z.string(), z.unknown()),
  tokens: z.array(Token).optional(),
  error: z.string().optional(),
});
const cases = z.array(Case).parse(JSON.parse(readFileSync(new URL('../../stack/analysis-plugin/analyze-cases.json', import.meta.url), 'utf8')));
const { es } = stackClients();
const created: string[] = [];

afterAll(async () => {
  if (created.length > 0) await es.indices.delete({ index: created }, { ignore: [404] });
  await es.close();
});

/** Run one case: on a throwaway index when it needs index settings, else on the global `_analyze`. */
async function analyze(c: z.infer<typeof Case>): Promise<{ tokens: z.infer<typeof Token>[] } | { error: string }> {
  try {
    let index: string | undefined;
    if (c.index_settings) {
      index = `analyze-${randomSuffix()}`;
      await es.indices.create({ index, settings: c.index_settings });
      created.push(index);
    }
    const res = await es.indices.analyze({ index, ...c.request });
    return { tokens: (res.tokens ?? []).map((t) => ({ ...t, positionLength: t.positionLength ?? 1 })) };
  } catch (err) {
    const type = z.object({ body: z.object({ error: z.object({ type: z.string() }) }) }).safeParse((err as { meta?: unknown }).meta);
    if (type.success) return { error: type.data.body.error.type };
    throw err;
  }
}

describe('analysis components on this Elasticsearch (_analyze table)', () => {
  it('has a case for every component the plugin registers', () => {
    const components = z
      .record(z.string(), z.record(z.string(), z.string()))
      .parse(JSON.parse(readFileSync(new URL('../../stack/analysis-plugin/src/main/plugin/named_components.json', import.meta.url), 'utf8')));
    const names = Object.values(components).flatMap((byName) => Object.keys(byName));
    const text = JSON.stringify(cases);
    for (const name of names) expect(text, name).toContain(`"${name}"`);
  });

  it.each(cases.map((c) => [c.name, c] as const))('%s', async (_, c) => {
    const result = await analyze(c);
    if (c.error !== undefined) {
      expect(result).toEqual({ error: c.error });
      return;
    }
    expect('tokens' in result).toBe(true);
    if (!('tokens' in result)) return;
    // Only the keys each expected token lists are compared, in order.
    const actual = result.tokens.map((t, i) => {
      const expected = c.tokens?.[i] ?? {};
      return Object.fromEntries(Object.keys(expected).map((k) => [k, t[k as keyof typeof t]]));
    });
    expect(actual).toEqual(c.tokens);
  });
});
