import type { estypes } from '@elastic/elasticsearch';
import { AttributeName, CATEGORY_SEPARATOR } from '@catalog/contract';
import { escapeRegex } from '../search/facets';
import { attributePair, FILTER_FIELDS } from '../search/filters';

type Query = estypes.QueryDslQueryContainer;

/** Levels of `categories.lvlN`: a product has at most five categories (contract `Product`). */
export const CATEGORY_LEVELS = 5;
/** Numeric attributes: `numericFilters`, ranges and `facets_stats`. */
export const NUMERIC_ATTRIBUTES = ['price', 'rating', 'reviewCount'] as const;
type NumericName = (typeof NUMERIC_ATTRIBUTES)[number];
const isNumericName = (name: string): name is NumericName => (NUMERIC_ATTRIBUTES as readonly string[]).includes(name);
/** Fields stored as `float`: their aggregation keys need rounding back to what was indexed. */
const FLOAT_FIELDS = new Set<string>(['rating']);

/** A facet / filter attribute of the Algolia surface and where it lives in the index. */
export type Attribute =
  | { kind: 'brand'; name: 'brand' }
  | { kind: 'category'; name: string; level: number }
  | { kind: 'attribute'; name: string; key: string }
  | { kind: 'boolean'; name: 'inStock' }
  | { kind: 'numeric'; name: NumericName };

/** The fixed facet attributes that `facets: ["*"]` returns (product attributes are added from the data). */
export const STAR_FACETS: readonly string[] = [
  'brand',
  ...Array.from({ length: 3 }, (_, i) => `categories.lvl${i}`),
  'inStock',
  ...NUMERIC_ATTRIBUTES,
];

/** `brand`, `categories.lvl1`, `attributes.color`, … → the attribute; undefined for an unknown name. */
export function resolveAttribute(name: string): Attribute | undefined {
  if (name === 'brand') return { kind: 'brand', name };
  if (name === 'inStock') return { kind: 'boolean', name };
  if (isNumericName(name)) return { kind: 'numeric', name };
  const level = /^categories\.lvl(\d)$/.exec(name)?.[1];
  if (level !== undefined && Number(level) < CATEGORY_LEVELS) return { kind: 'category', name, level: Number(level) };
  if (name.startsWith('attributes.')) {
    const key = name.slice('attributes.'.length);
    if (AttributeName.safeParse(key).success) return { kind: 'attribute', name, key };
  }
  return undefined;
}

/** One category name inside a path: anything without the ` > ` separator. */
const SEGMENT = '([^ ]|( [^>])|( >[^ ]))+';
const SEPARATOR_RE = escapeRegex(CATEGORY_SEPARATOR);

/** Lucene regex of the category paths of one level (`A`, `A > B`, …). */
export function levelRegex(level: number): string {
  return [SEGMENT, ...Array.from({ length: level }, () => `${SEPARATOR_RE}${SEGMENT}`)].join('');
}

/** Lucene regex: a value with a word that starts with `prefix`, any case (Algolia's facet search). */
export function wordPrefixRegex(prefix: string): string {
  const chars = [...prefix].map((c) => {
    const lower = c.toLowerCase();
    const upper = c.toUpperCase();
    return lower !== upper && [...lower].length === 1 && [...upper].length === 1 ? `[${lower}${upper}]` : escapeRegex(c);
  });
  return `(.*[^a-zA-Z0-9])?${chars.join('')}.*`;
}

/** The keyword field whose terms are this attribute's facet values. */
export function facetField(a: Attribute): string {
  switch (a.kind) {
    case 'brand':
      return FILTER_FIELDS.brand;
    case 'category':
      return FILTER_FIELDS.categoryPaths;
    case 'attribute':
      return FILTER_FIELDS.attributePairs;
    case 'boolean':
      return FILTER_FIELDS.inStock;
    case 'numeric':
      return a.name;
  }
}

/** Terms aggregation of an attribute's values (optionally only those matching a facet query; fields read through `field`). */
export function facetTerms(a: Attribute, size: number, facetQuery?: string, field: (name: string) => string = (name) => name): estypes.AggregationsAggregationContainer {
  const parts: string[] = [];
  if (a.kind === 'category') parts.push(levelRegex(a.level));
  if (a.kind === 'attribute') parts.push(`${escapeRegex(a.key)}=${facetQuery ? wordPrefixRegex(facetQuery) : '.*'}`);
  else if (facetQuery) parts.push(wordPrefixRegex(facetQuery));
  // Lucene regex intersection: the level and the facet query both have to match.
  const include = parts.length > 1 ? parts.map((p) => `(${p})`).join('&') : parts[0];
  return { terms: { field: field(facetField(a)), size, ...(include !== undefined ? { include } : {}) } };
}

/** The shortest decimal that reads back as the same 32-bit float (3.9000000953674316 → 3.9). */
function shortestFloat(n: number): number {
  const f = Math.fround(n);
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(f.toPrecision(digits));
    if (Math.fround(candidate) === f) return candidate;
  }
  return n;
}

/** A numeric value of `field` as indexed (floats lose their widening noise). */
export function indexedNumber(field: string, n: number): number {
  return FLOAT_FIELDS.has(field) ? shortestFloat(n) : n;
}

/** An aggregation bucket → the facet value Algolia clients see, or undefined when it is not this attribute's. */
export function facetValue(a: Attribute, bucket: { key: string | number; key_as_string?: string | undefined }): string | undefined {
  if (a.kind === 'boolean') return bucket.key_as_string ?? String(bucket.key === 1);
  if (a.kind === 'numeric') return String(indexedNumber(a.name, Number(bucket.key)));
  const key = String(bucket.key);
  if (a.kind !== 'attribute') return key;
  const prefix = `${a.key}=`;
  return key.startsWith(prefix) ? key.slice(prefix.length) : undefined;
}

/** `true`/`false`/`1`/`0` → boolean. */
export function parseBoolean(text: string): boolean | undefined {
  if (text === 'true' || text === '1') return true;
  if (text === 'false' || text === '0') return false;
  return undefined;
}

const MATCH_NONE: Query = { match_none: {} };

/** `attribute:value` → the Elasticsearch condition (fields read through `field`); undefined when the value cannot be this attribute's. */
export function facetCondition(a: Attribute, value: string, field: (name: string) => string = (name) => name): Query | undefined {
  switch (a.kind) {
    case 'brand':
      return { term: { [field(FILTER_FIELDS.brand)]: value } };
    case 'category':
      // `categoryPaths` holds every level, so only a value of this level's depth may match.
      return value.split(CATEGORY_SEPARATOR).length === a.level + 1 ? { term: { [field(FILTER_FIELDS.categoryPaths)]: value } } : MATCH_NONE;
    case 'attribute':
      return { term: { [field(FILTER_FIELDS.attributePairs)]: attributePair(a.key, value) } };
    case 'boolean': {
      const b = parseBoolean(value);
      return b === undefined ? undefined : { term: { [field(FILTER_FIELDS.inStock)]: b } };
    }
    case 'numeric': {
      const n = Number(value);
      return value.trim() === '' || !Number.isFinite(n) ? undefined : { term: { [field(a.name)]: n } };
    }
  }
}
