import { z } from 'zod';
import { categoryPaths, type SearchHit } from '@catalog/contract';
import type { FamilyHitOptions } from '../search/family-hit';
import { familyHit, highlightTitle } from '../search/family-hit';
import { mapHit } from '../search/map-search-response';
import { queryWords } from '../search/normalize';
import { ruleVariantMatcher } from '../search/representative';
import { variantMatches } from './family-filters';
import type { AlgoliaQuery } from './params';
import { highlightedAttributes, highlightTargets, MARK } from './plan';

/** `_highlightResult.<attribute>` / `_snippetResult.<attribute>` as Algolia's clients read them. */
export type HighlightResult = { value: string; matchLevel: 'none' | 'partial' | 'full'; matchedWords: string[]; fullyHighlighted?: boolean };
export type SnippetResult = { value: string; matchLevel: HighlightResult['matchLevel'] };

/** A hit of the Algolia surface: the record (facet attributes at their Algolia paths) plus highlights. */
export type AlgoliaHit = Record<string, unknown> & {
  objectID: string;
  _highlightResult?: Record<string, HighlightResult>;
  _snippetResult?: Record<string, SnippetResult>;
};

const Extra = z.object({
  attributes: z.record(z.string(), z.string()).optional(),
  createdAt: z.string().optional(),
  description: z.string().optional(),
});

const MARKED = new RegExp(`${MARK.pre}([^${MARK.post}]*)${MARK.post}`, 'g');

/** Match details of a marked text against the query words. */
export function highlightResult(marked: string, query: string, tags: { pre: string; post: string }): HighlightResult {
  const matched = [...new Set([...marked.matchAll(MARKED)].map((m) => (m[1] ?? '').toLowerCase().trim()).filter(Boolean))];
  const value = marked.replaceAll(MARK.pre, tags.pre).replaceAll(MARK.post, tags.post);
  if (matched.length === 0) return { value, matchLevel: 'none', matchedWords: [] };
  const words = queryWords(query.toLowerCase());
  // Stems and synonyms match too: a query word counts as found when a marked word shares its start.
  const found = words.filter((w) => matched.some((m) => m.split(/\s+/).some((mw) => mw.startsWith(w) || w.startsWith(mw))));
  const outside = marked.replace(MARKED, '').replace(/[\s\p{P}]/gu, '');
  return {
    value,
    matchLevel: found.length === words.length ? 'full' : 'partial',
    matchedWords: found,
    fullyHighlighted: outside === '',
  };
}

/** A window of `words` words of a marked text around its first match, with the ellipsis where it was cut. */
export function snippet(marked: string, words: number, ellipsis: string): string {
  const tokens = marked.split(/\s+/).filter(Boolean);
  if (tokens.length <= words) return tokens.join(' ');
  const first = Math.max(0, tokens.findIndex((t) => t.includes(MARK.pre)));
  const start = Math.max(0, Math.min(first - Math.floor(words / 4), tokens.length - words));
  let cut = tokens.slice(start, start + words).join(' ');
  // A mark may span words; close or reopen it where the window cuts it.
  const opens = cut.split(MARK.pre).length - 1;
  const closes = cut.split(MARK.post).length - 1;
  if (cut.lastIndexOf(MARK.post) < cut.lastIndexOf(MARK.pre) || opens > closes) cut += MARK.post;
  if (cut.indexOf(MARK.post) !== -1 && (cut.indexOf(MARK.pre) === -1 || cut.indexOf(MARK.post) < cut.indexOf(MARK.pre))) cut = MARK.pre + cut;
  return `${start > 0 ? ellipsis : ''}${cut}${start + words < tokens.length ? ellipsis : ''}`;
}

/** `attributesToRetrieve`: `*` (default), names, and `-name` exclusions after `*`. */
function retrieve(record: Record<string, unknown>, list: string[] | undefined): Record<string, unknown> {
  if (list === undefined || (list.includes('*') && !list.some((a) => a.startsWith('-')))) return record;
  const keep = list.includes('*')
    ? Object.keys(record).filter((k) => !list.includes(`-${k}`))
    : list.filter((a) => !a.startsWith('-')).map((a) => a.split('.')[0] ?? a);
  return Object.fromEntries(Object.entries(record).filter(([k]) => k === 'objectID' || keep.includes(k)));
}

/** What the Algolia record of a family adds to the grouped hit: each variant's attributes. */
const FamilyVariants = z.object({
  id: z.string(),
  variants: z.array(z.object({ id: z.string(), attributes: z.record(z.string(), z.string()).optional() })),
});

/**
 * A family document (`distinct`) → its grouped hit (`familyHit`: the representative's fields, the variants marked
 * `matches` by the query's variant conditions and the variant-level parts of its rules' filters), the representative's
 * attributes, and whether the representative is the primary variant whose title Elasticsearch highlighted.
 */
function familyRecord(flat: SearchHit, source: unknown, q: AlgoliaQuery, o: FamilyHitOptions) {
  const family = FamilyVariants.safeParse(source);
  const node = q.variantNode;
  const byRules = ruleVariantMatcher(o.ruleFilters ?? []);
  const hit = family.success ? familyHit(flat, source, (v) => (node === undefined || variantMatches(node, v)) && byRules(v), q.query, o.prefer) : undefined;
  if (!family.success || !hit) return undefined;
  const byId = new Map(family.data.variants.map((v) => [v.id, v]));
  return { hit, attributes: byId.get(hit.id)?.attributes, primary: hit.id === family.data.id };
}

/** One Elasticsearch hit → an Algolia hit; undefined for a document that is not a product (grouped: a family). */
export function toAlgoliaHit(
  source: unknown,
  highlight: Record<string, string[]> | undefined,
  q: AlgoliaQuery,
  /** Grouped: the variant to represent the family when it qualifies (a pinned product), the filters of the query's rules. */
  o: FamilyHitOptions = {},
): AlgoliaHit | undefined {
  const flat = mapHit(source);
  if (!flat) return undefined;
  const family = q.group ? familyRecord(flat, source, q, o) : undefined;
  if (q.group && !family) return undefined;
  const hit = family?.hit ?? flat;
  const extra = Extra.safeParse(source);
  const { id, categories, ...rest } = hit;
  const levels = Object.fromEntries(categoryPaths(categories).map((path, i) => [`lvl${i}`, path]));
  const attributes = family ? family.attributes : extra.success ? extra.data.attributes : undefined;
  const record: Record<string, unknown> = {
    objectID: id,
    ...rest,
    categories: levels,
    ...(attributes ? { attributes } : {}),
    ...(extra.success && extra.data.createdAt ? { createdAt: extra.data.createdAt } : {}),
  };
  const texts: Record<string, string | undefined> = { title: hit.title, brand: hit.brand, description: extra.success ? extra.data.description : undefined };
  // Elasticsearch highlighted the primary variant's title; another representative's is marked from it and the query.
  const remarked = family && !family.primary ? highlightTitle(hit.title, highlight?.title?.[0], q.query, { ...MARK, escape: (s) => s }) : undefined;
  const marked = (attribute: string): string | undefined =>
    attribute === 'title' && family && !family.primary ? (remarked ?? hit.title) : (highlight?.[attribute]?.[0] ?? texts[attribute]);
  const tags = { pre: q.highlightPreTag, post: q.highlightPostTag };

  const highlightResults: Record<string, HighlightResult> = {};
  for (const attribute of highlightTargets(q)) {
    const text = marked(attribute);
    if (text !== undefined) highlightResults[attribute] = highlightResult(text, q.query, tags);
  }
  const snippetResults: Record<string, SnippetResult> = {};
  const snippetable = new Set(highlightedAttributes(q));
  for (const { attribute, words } of q.attributesToSnippet) {
    const text = snippetable.has(attribute) ? marked(attribute) : undefined;
    if (text === undefined) continue;
    const { value, matchLevel } = highlightResult(snippet(text, words, q.snippetEllipsisText), q.query, tags);
    snippetResults[attribute] = { value, matchLevel };
  }
  return {
    ...retrieve(record, q.attributesToRetrieve),
    objectID: id,
    _highlightResult: highlightResults,
    ...(Object.keys(snippetResults).length > 0 ? { _snippetResult: snippetResults } : {}),
  };
}
