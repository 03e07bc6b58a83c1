import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Product } from '@catalog/contract';
import { loadQueries } from '../search-catalog';
import { judge } from './evaluate';
import { parseIntent, type Concept } from './intent';
import { RELEVANT_GRADE } from './metrics';

export const QUERY_LOG_PATH = fileURLToPath(new URL('../../data/queries-bestbuy.tsv', import.meta.url));
export const JUDGED_SET_PATH = fileURLToPath(new URL('./judged-queries.json', import.meta.url));

/** The catalog the set was drawn against: a query is judged when this catalog has a product of grade ≥ 2 for it. */
export const REFERENCE_CATALOG = { seed: 42, count: 20_000 };

/**
 * Queries of the log that mean no product (greetings, test typing, other companies, food): the best answer is
 * nothing or a correction, never a confident wrong product ("facebook" → a MacBook, "orange" → a range).
 */
export const NONSENSE_QUERIES = [
  'facebook', 'orange', 'another', 'this is a tested', 'tested', 'something', 'hello', 'hello kitty', 'amazing', 'awesome',
  'yellow', 'thank you', 'simple', 'products', 'tasting', 'cookies', 'lasagna', 'burgers', 'flowers', 'superman',
  'chicken', 'starbucks', 'youtube', 'whatever', 'nothing', 'random', 'positive', 'help documents', 'happy emoji', 'one two three',
];

export type JudgedQuery = { query: string; popularity: number; intent: string[] };
export type JudgedSet = { source: string; referenceCatalog: typeof REFERENCE_CATALOG; queries: JudgedQuery[]; nonsense: string[] };

/** How a concept is written in the set file: `category:tv`, `brand:samsung`, `line:macbook air[3]`, `attr:55 inch`. */
export const describeConcept = (c: Concept): string => `${c.kind}:${c.phrase}${c.kind === 'line' ? `[${c.lines.length}]` : ''}`;

/** Every distinct query of the log whose words all mean something the generator knows and that has relevant products. */
export function buildJudgedSet(catalog: Product[], logPath = QUERY_LOG_PATH): JudgedSet {
  const seen = new Set<string>();
  const candidates = loadQueries(logPath).filter((q) => !seen.has(q.query.toLowerCase()) && seen.add(q.query.toLowerCase()));
  const parsed = candidates.flatMap((q) => {
    const intent = parseIntent(q.query);
    return intent ? [{ q, intent }] : [];
  });
  const judgments = judge(catalog, parsed.map((p) => p.intent));
  const queries = parsed
    .filter(({ intent }) => [...(judgments.get(intent.query)?.values() ?? [])].some((g) => g >= RELEVANT_GRADE))
    .map(({ q, intent }) => ({ query: q.query, popularity: q.popularity, intent: intent.concepts.map(describeConcept) }));
  return { source: 'data/queries-bestbuy.tsv', referenceCatalog: REFERENCE_CATALOG, queries, nonsense: NONSENSE_QUERIES };
}

export const loadJudgedSet = (): JudgedSet => JSON.parse(readFileSync(JUDGED_SET_PATH, 'utf8')) as JudgedSet;

export function writeJudgedSet(set: JudgedSet): void {
  const lines = set.queries.map((q) => `    ${JSON.stringify(q)}`).join(',\n');
  const head = JSON.stringify({ source: set.source, referenceCatalog: set.referenceCatalog });
  writeFileSync(
    JUDGED_SET_PATH,
    `${head.slice(0, -1)},\n  "queries": [\n${lines}\n  ],\n  "nonsense": ${JSON.stringify(set.nonsense)}\n}\n`,
  );
}
