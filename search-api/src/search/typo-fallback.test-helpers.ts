import type { SearchBody } from './build-search-request';

/** A search body named `name` (the fake `run` reads the name back). */
export const namedBody = (name: string): SearchBody => ({ query: { term: { id: name } } });
/** Elasticsearch's answer to the body `name`: `total` matches, one hit named so. */
export const namedAnswer = (total: number, name: string) => ({ hits: { total: { value: total, relation: 'eq' }, hits: [{ _id: name }] } });

/** A fake `run` (one round trip of bodies) that answers each body with the total given for its name and records every round trip. */
export function fakeRun(totals: Record<string, number>) {
  const rounds: string[][] = [];
  const run = async (bodies: SearchBody[]) => {
    const names = bodies.map((b) => String(b.query?.term?.id));
    rounds.push(names);
    return names.map((n) => namedAnswer(totals[n] ?? 0, n));
  };
  return { run, rounds };
}
