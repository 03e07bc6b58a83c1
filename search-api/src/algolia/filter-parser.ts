import { CATEGORY_SEPARATOR, SEARCH_LIMITS } from '@catalog/contract';
import { AlgoliaInputError } from './algolia-error';

/** A comparison of a numeric attribute. */
export type NumericOp = '<' | '<=' | '=' | '!=' | '>=' | '>';

/** A parsed filter: what `filters`, `facetFilters` and `numericFilters` all become. */
export type FilterNode =
  | { type: 'and'; children: FilterNode[] }
  | { type: 'or'; children: FilterNode[] }
  | { type: 'not'; child: FilterNode }
  | { type: 'facet'; attribute: string; value: string }
  | { type: 'numeric'; attribute: string; op: NumericOp; value: number }
  | { type: 'range'; attribute: string; from: number; to: number };

/**
 * Bounds of the filters of one query (a deep or long expression would become a huge Elasticsearch query): as many
 * values as the REST search's filters together, and values as long as its longest (a 5-level category path).
 */
export const FILTER_LIMITS = {
  maxLength: 2_000,
  maxConditions: SEARCH_LIMITS.filterValues,
  maxDepth: 8,
  maxValueLength: SEARCH_LIMITS.categoryDepth * (SEARCH_LIMITS.categoryNameLength + CATEGORY_SEPARATOR.length),
} as const;

type Token =
  | { kind: '(' | ')' | ':'; at: number }
  | { kind: 'op'; op: NumericOp; at: number }
  | { kind: 'word'; text: string; quoted: boolean; at: number };

const OPS: readonly NumericOp[] = ['<=', '>=', '!=', '<', '>', '='];
const BARE = /[^\s():"'<>=!]/;

/** `filters` text → tokens; quoted strings keep `\"`-escaped quotes. */
function tokenize(text: string, param: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (/\s/.test(c)) {
      i++;
    } else if (c === '(' || c === ')' || c === ':') {
      tokens.push({ kind: c, at: i++ });
    } else if (c === '"' || c === "'") {
      let value = '';
      let j = i + 1;
      for (; j < text.length && text.charAt(j) !== c; j++) {
        if (text.charAt(j) === '\\' && j + 1 < text.length) j++;
        value += text.charAt(j);
      }
      if (j >= text.length) throw new AlgoliaInputError(`${param}: unterminated string at position ${i}`);
      tokens.push({ kind: 'word', text: value, quoted: true, at: i });
      i = j + 1;
    } else {
      const op = OPS.find((o) => text.startsWith(o, i));
      if (op) {
        tokens.push({ kind: 'op', op, at: i });
        i += op.length;
        continue;
      }
      let j = i;
      while (j < text.length && BARE.test(text.charAt(j))) j++;
      if (j === i) throw new AlgoliaInputError(`${param}: unexpected character "${c}" at position ${i}`);
      tokens.push({ kind: 'word', text: text.slice(i, j), quoted: false, at: i });
      i = j;
    }
  }
  return tokens;
}

const isKeyword = (t: Token | undefined, k: string): boolean => t?.kind === 'word' && !t.quoted && t.text === k;

/** A number as Algolia writes them (`12`, `-3.5`, `1e3`), or undefined. */
export function parseNumber(text: string): number | undefined {
  if (!/^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/.test(text)) return undefined;
  const n = Number(text);
  return Number.isFinite(n) ? n : undefined;
}

/**
 * Recursive-descent parser of the supported subset of Algolia's `filters` syntax:
 *
 *   filters    := or EOF
 *   or         := and ( "OR" and )*
 *   and        := unary ( "AND" unary )*
 *   unary      := "NOT" unary | primary
 *   primary    := "(" or ")" | condition
 *   condition  := attribute ":" value                  facet value (strings, numbers, booleans)
 *               | attribute ":" number "TO" number     inclusive numeric range
 *               | attribute op number                  op: < <= = != >= >
 *   attribute  := word | quoted
 *   value      := word | quoted
 *   word       := one or more characters other than whitespace ( ) : " ' < > = !
 *   quoted     := "..." or '...' (a backslash escapes the next character)
 *
 * Keywords are upper case, as in Algolia. Unlike Algolia, any nesting of AND / OR / NOT is accepted (it is
 * all one boolean query to Elasticsearch). Not supported, and a 400: tag filters (a bare word), optional
 * filter scores (`<score=…>`), and anything past the bounds of FILTER_LIMITS.
 */
export function parseFilters(text: string, param = 'filters'): FilterNode | undefined {
  if (text.length > FILTER_LIMITS.maxLength) throw new AlgoliaInputError(`${param}: longer than ${FILTER_LIMITS.maxLength} characters`);
  const tokens = tokenize(text, param);
  if (tokens.length === 0) return undefined;
  let pos = 0;
  let conditions = 0;
  const peek = () => tokens[pos];
  const fail = (what: string): never => {
    const t = peek();
    throw new AlgoliaInputError(`${param}: ${what} ${t ? `at position ${t.at}` : 'at the end'}`);
  };

  function word(what: string): { text: string; quoted: boolean } {
    const t = peek();
    if (t?.kind !== 'word') return fail(`expected ${what}`);
    pos++;
    if (t.text.length > FILTER_LIMITS.maxValueLength) fail(`${what} longer than ${FILTER_LIMITS.maxValueLength} characters`);
    return t;
  }

  function number(what: string): number {
    const w = word(what);
    const n = parseNumber(w.text);
    if (n === undefined) fail(`expected a number for ${what}`);
    return n ?? 0;
  }

  function condition(): FilterNode {
    if (++conditions > FILTER_LIMITS.maxConditions) fail(`more than ${FILTER_LIMITS.maxConditions} conditions`);
    const attr = word('an attribute');
    const t = peek();
    if (t?.kind === 'op') {
      pos++;
      return { type: 'numeric', attribute: attr.text, op: t.op, value: number(`${attr.text} ${t.op}`) };
    }
    if (t?.kind !== ':') return fail(`tag filters are not supported; expected ":" or a comparison after "${attr.text}"`);
    pos++;
    const value = word(`a value for ${attr.text}`);
    const next = peek();
    if (next?.kind === 'op' && next.op === '<' && isKeyword(tokens[pos + 1], 'score')) fail('filter scores (<score=…>) are not supported');
    if (isKeyword(peek(), 'TO')) {
      pos++;
      const from = parseNumber(value.text);
      if (from === undefined) fail(`expected a number before TO for ${attr.text}`);
      return { type: 'range', attribute: attr.text, from: from ?? 0, to: number(`${attr.text} TO`) };
    }
    return { type: 'facet', attribute: attr.text, value: value.text };
  }

  function primary(depth: number): FilterNode {
    if (depth > FILTER_LIMITS.maxDepth) fail(`nested deeper than ${FILTER_LIMITS.maxDepth}`);
    if (peek()?.kind === '(') {
      pos++;
      const inner = or(depth + 1);
      if (peek()?.kind !== ')') fail('expected ")"');
      pos++;
      return inner;
    }
    if (peek()?.kind === 'word' && !isKeyword(peek(), 'AND') && !isKeyword(peek(), 'OR')) return condition();
    return fail('expected a condition');
  }

  function unary(depth: number): FilterNode {
    if (isKeyword(peek(), 'NOT')) {
      pos++;
      if (depth > FILTER_LIMITS.maxDepth) fail(`nested deeper than ${FILTER_LIMITS.maxDepth}`);
      return { type: 'not', child: unary(depth + 1) };
    }
    return primary(depth);
  }

  function sequence(kind: 'and' | 'or', keyword: string, next: () => FilterNode): FilterNode {
    const children = [next()];
    while (isKeyword(peek(), keyword)) {
      pos++;
      children.push(next());
    }
    return children.length === 1 ? (children[0] as FilterNode) : { type: kind, children };
  }

  function and(depth: number): FilterNode {
    return sequence('and', 'AND', () => unary(depth));
  }

  function or(depth: number): FilterNode {
    return sequence('or', 'OR', () => and(depth));
  }

  const tree = or(0);
  if (pos < tokens.length) fail('unexpected input');
  return tree;
}
