/**
 * Split one CSV record (RFC 4180 quoting: `"a, b"`, `"say ""hi"""`). A record is one line: quoted fields may
 * hold commas and quotes but not newlines, which keeps the import streaming line by line. Lenient on one
 * point: a bare quote inside an unquoted field is literal, as spreadsheet exports of 55" TV produce.
 */
export function parseCsvRecord(text: string): { fields: string[] } | { error: string } {
  const fields: string[] = [];
  let i = 0;
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i += 1;
      for (;;) {
        if (i >= text.length) return { error: 'unterminated quoted field' };
        const ch = text[i];
        if (ch === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i += 1;
          break;
        }
        field += ch;
        i += 1;
      }
      if (i < text.length && text[i] !== ',') return { error: `unexpected character after a quoted field at column ${i + 1}` };
    } else {
      const next = text.indexOf(',', i);
      // A quote inside an unquoted field is kept as is: product titles are full of inch marks (55" TV).
      field = next === -1 ? text.slice(i) : text.slice(i, next);
      i = next === -1 ? text.length : next;
    }
    fields.push(field);
    if (i >= text.length) return { fields };
    i += 1; // the comma
  }
}

const NUMERIC = new Set(['price', 'stock', 'rating', 'reviewCount', 'popularity']);
const NUMBER = /^-?\d+(\.\d+)?([eE][-+]?\d+)?$/;

/**
 * A CSV row → the object the product schema validates. Columns are the product's field names; `categories`
 * is a path joined with ` > `; `variantAttributes` a list joined with `;` (`size;color`); `attr.<name>` columns
 * become attributes; empty cells are absent. A numeric column that is not a number stays a string so the schema
 * names the field.
 */
export function csvRowToObject(header: readonly string[], fields: readonly string[]): Record<string, unknown> {
  // Column names come from the upload: collected in Maps and turned into own properties, never assigned to
  // a plain object (an `attr.__proto__` column would otherwise set a prototype instead of an attribute).
  const out = new Map<string, unknown>();
  const attributes = new Map<string, string>();
  header.forEach((name, index) => {
    const value = fields[index];
    if (value === undefined || value === '') return;
    if (name.startsWith('attr.')) attributes.set(name.slice(5), value);
    else if (name === 'categories') out.set('categories', value.split('>').map((part) => part.trim()));
    else if (name === 'variantAttributes') out.set('variantAttributes', value.split(';').map((part) => part.trim()));
    else if (NUMERIC.has(name)) out.set(name, NUMBER.test(value.trim()) ? Number(value) : value);
    else out.set(name, value);
  });
  if (attributes.size > 0) out.set('attributes', nullPrototype(attributes));
  return nullPrototype(out);
}

/** Map → object with the same own properties and no prototype. */
const nullPrototype = <V>(map: Map<string, V>): Record<string, V> => Object.assign(Object.create(null), Object.fromEntries(map));
