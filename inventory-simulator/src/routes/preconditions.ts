/**
 * Conditional requests on master records (RFC 9110 §13): the entity tag of a product is its version, so two
 * admins editing the same product cannot overwrite each other unknowingly.
 */

/** The strong entity tag of a version: `"17"`. */
export const etagOf = (version: number): string => `"${version}"`;

/** A parsed `If-Match` / `If-None-Match`: `*`, or the listed tags (weak ones marked). */
export type EntityTagList = { any: true } | { any: false; tags: { value: string; weak: boolean }[] };

const TAG = /^(W\/)?"([\x21\x23-\x7e]*)"$/;

/** Parse a header value; undefined when it is not `*` or a comma-separated list of entity tags. */
export function parseEntityTags(header: string): EntityTagList | undefined {
  if (header.trim() === '*') return { any: true };
  const tags: { value: string; weak: boolean }[] = [];
  for (const part of header.split(',')) {
    const trimmed = part.trim();
    if (trimmed === '') continue;
    const m = TAG.exec(trimmed);
    if (!m) return undefined;
    tags.push({ value: m[2] ?? '', weak: m[1] !== undefined });
  }
  return tags.length > 0 ? { any: false, tags } : undefined;
}

/**
 * `If-Match` against the current version (undefined = no current record): `*` needs a record; a list needs
 * one strong tag equal to the current one (weak tags never match here: the comparison is strong).
 */
export function ifMatchAllows(list: EntityTagList, current: number | undefined): boolean {
  if (current === undefined) return false;
  if (list.any) return true;
  return list.tags.some((t) => !t.weak && t.value === String(current));
}

/** `If-None-Match` against the current version: true when the client already has it (weak comparison). */
export function ifNoneMatchMatches(list: EntityTagList, current: number | undefined): boolean {
  if (current === undefined) return false;
  if (list.any) return true;
  return list.tags.some((t) => t.value === String(current));
}
