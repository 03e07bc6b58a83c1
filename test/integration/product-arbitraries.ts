import fc from 'fast-check';

/**
 * Hand-written fast-check arbitraries of admin product bodies (zod v4 has no generator bridge). They lean to
 * what the schema accepts but reach every edge of it and beyond: extreme and negative-zero numbers, counts
 * past 2^31−1, astral characters, control characters and unpaired surrogates, timestamps with up to 12
 * fraction digits and offsets up to ±23:59, attribute names such as `__proto__`, `constructor`, dotted,
 * non-ASCII or 41 characters long.
 */

/** Mostly `valid`, now and then `wild`: each field alone stays likely valid, so whole bodies often are. */
const leaning = <T>(valid: fc.Arbitrary<T>, wild: fc.Arbitrary<T>) => fc.oneof({ weight: 24, arbitrary: valid }, { weight: 1, arbitrary: wild });

/** Characters that are legal but odd, and the ones that are not (control, unpaired surrogates). */
const ODD = ['😀', '𝔘', 'e\u0301', '\u200b', '\u2028', '\ufeff', '\uffff', '\u202e', 'ß', 'İ', '\ufffd', '"', '\\', '<script>', '=', '.', '>', ' > '];
const BAD = ['\u0000', '\u0001', '\u001d', '\u001e', '\u001f', '\u007f', '\u0085', '\u009f', '\ud800', '\udfff', '\t', '\n'];

const cleanPiece = fc.oneof(
  { weight: 40, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 4 }) },
  { weight: 8, arbitrary: fc.constantFrom(...ODD) },
);
const clean = (maxPieces: number) => fc.array(cleanPiece, { minLength: 1, maxLength: maxPieces }).map((p) => p.join(''));
/** Clean text with one control character, unpaired surrogate or arbitrary code point put in. */
const dirty = (maxPieces: number) =>
  fc
    .tuple(clean(maxPieces), fc.oneof(fc.constantFrom(...BAD), fc.string({ unit: 'binary', minLength: 1, maxLength: 2 })), fc.nat())
    .map(([t, bad, at]) => `${t.slice(0, at % (t.length + 1))}${bad}${t.slice(at % (t.length + 1))}`);

/** Text of at most `maxPieces` pieces; now and then dirty or one of the given edge values. */
const text = (maxPieces: number, edges: string[]) => leaning(clean(maxPieces), fc.oneof(dirty(maxPieces), fc.constantFrom(...edges)));

const pad = (n: number, width: number) => String(n).padStart(width, '0');

const instant = (fractionDigits: fc.Arbitrary<number>, offset: fc.Arbitrary<string>) =>
  fc
    .record({
      year: fc.oneof(fc.integer({ min: 1970, max: 2100 }), fc.integer({ min: 0, max: 9999 })),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
      hour: fc.integer({ min: 0, max: 23 }),
      minute: fc.integer({ min: 0, max: 59 }),
      second: fc.integer({ min: 0, max: 59 }),
      fraction: fc.option(fractionDigits.chain((digits) => fc.stringMatching(new RegExp(`^\\d{${digits}}$`)))),
      offset,
    })
    .map((t) => `${pad(t.year, 4)}-${pad(t.month, 2)}-${pad(t.day, 2)}T${pad(t.hour, 2)}:${pad(t.minute, 2)}:${pad(t.second, 2)}${t.fraction ? `.${t.fraction}` : ''}${t.offset}`);

const offset = (maxHours: number, minutes: fc.Arbitrary<number>) =>
  fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 0, max: maxHours }), minutes).map(([s, h, m]) => `${s}${pad(h, 2)}:${pad(h === 18 ? 0 : m, 2)}`);

/** ISO 8601 timestamps around the edges of what Elasticsearch's `date` parses (9 fraction digits, ±18:00). */
export const timestamp = leaning(
  instant(fc.integer({ min: 1, max: 9 }), fc.oneof(fc.constant('Z'), offset(18, fc.constantFrom(0, 30, 45)))),
  fc.oneof(
    instant(fc.integer({ min: 1, max: 12 }), fc.tuple(fc.constantFrom('+', '-'), fc.integer({ min: 18, max: 23 }), fc.integer({ min: 1, max: 59 })).map(([s, h, m]) => `${s}${h}:${pad(m, 2)}`)),
    fc.constantFrom(
      '2024-02-29T00:00:00Z', '0000-01-01T00:00:00+18:00', '9999-12-31T23:59:59.999999999-18:00', '2024-01-01T00:00:00.1234567891Z',
      '2024-01-01T00:00:00+18:01', '2024-01-01T00:00:00+23:59', '2023-02-29T00:00:00Z', '2024-01-01T24:00:00Z', '2024-01-01T00:00:00', '2024-01-01',
    ),
  ),
);

const count = leaning(
  fc.oneof(fc.integer({ min: 0, max: 2 ** 31 - 1 }), fc.constantFrom(0, -0, 1, 2 ** 31 - 1)),
  fc.constantFrom(2 ** 31, 2 ** 53, Number.MAX_SAFE_INTEGER, -1, 1.5),
);
const price = leaning(
  fc.oneof(fc.integer({ min: 0, max: 100_000_000_000 }).map((cents) => cents / 100), fc.constantFrom(0, -0, 1e9, 5e-324, 0.1 + 0.2, 19.99)),
  fc.constantFrom(1e9 + 0.01, -0.01, 1.234, 1.005, 1e308),
);
const rating = leaning(fc.oneof(fc.double({ min: 0, max: 5, noNaN: true }), fc.constantFrom(-0, 0, 5, 4.9999999999, 5e-324)), fc.constantFrom(5.000001, -0.1));
const popularity = leaning(
  fc.oneof(fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }), fc.constantFrom(Number.MAX_VALUE, 5e-324, -0, 0)),
  fc.constant(-1),
);

/** Attribute names of the schema's alphabet, including names of Object.prototype members. */
export const attributeName = fc.oneof(
  { weight: 6, arbitrary: fc.stringMatching(/^[a-z0-9_]{1,40}$/) },
  { weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'tostring', 'hasownproperty', 'valueof', '__definegetter__', 'x'.repeat(40)) },
);
/** Names the schema refuses. */
const badAttributeName = fc.constantFrom('toString', 'a.b', 'Color', 'café', 'x'.repeat(41), '', 'a b', 'attr.x');

// fromEntries defines own properties, so "__proto__" is a key of the JSON body like any other.
const attributes = leaning(
  fc.array(fc.tuple(attributeName, clean(6)), { maxLength: 30 }).map((entries) => Object.fromEntries(entries)),
  fc
    .array(fc.tuple(fc.oneof(attributeName, badAttributeName), text(6, ['x'.repeat(100), 'x'.repeat(101), ' ', ''])), { maxLength: 34 })
    .map((entries) => Object.fromEntries(entries)),
);

const categories = leaning(
  fc.array(clean(5).filter((c) => c.trim() !== '' && !c.includes(' > ')), { minLength: 1, maxLength: 5 }),
  fc.array(text(5, ['x'.repeat(100), 'x'.repeat(101), 'A > B', ' ']), { minLength: 0, maxLength: 6 }),
);

/** The fields of every body but the family's. */
const ownFields = fc.record(
  {
    title: text(12, ['x'.repeat(300), '😀'.repeat(150), 'x'.repeat(301), '   ']),
    description: leaning(fc.oneof(clean(40), fc.constantFrom('', 'line one\r\n\tline two', 'x'.repeat(10_000))), fc.oneof(dirty(10), fc.constant('x'.repeat(10_001)))),
    brand: text(4, ['x'.repeat(100), 'x'.repeat(101)]),
    categories,
    price,
    currency: leaning(fc.constantFrom('EUR', 'USD', 'JPY'), fc.constantFrom('eur', 'EURO')),
    stock: count,
    rating,
    reviewCount: count,
    popularity,
    imageUrl: leaning(
      fc.webUrl({ validSchemes: ['https', 'http'] }).filter((u) => u.length <= 2048),
      fc.constantFrom('javascript:alert(1)', 'ftp://example.com/a.png', `https://example.com/${'a'.repeat(2048)}`),
    ),
    attributes,
    createdAt: timestamp,
    version: fc.integer({ min: 1, max: 1000 }),
    updatedAt: timestamp,
    inStock: fc.boolean(),
  },
  { requiredKeys: ['title', 'brand', 'categories', 'price', 'currency', 'stock', 'rating', 'reviewCount', 'popularity'] },
);

/** A SKU for the path (never `.`-led, which URLs would normalise). */
export const pathId = fc.stringMatching(/^[A-Za-z0-9_-][A-Za-z0-9._-]{0,40}$/);

/**
 * A product family (issue 17): mostly none, or a groupId with varying attributes the body has; now and then an id
 * that is none, names the body lacks or the schema refuses, or varying attributes without a family.
 */
const familyFields = (names: string[]) =>
  fc.oneof(
    { weight: 4, arbitrary: fc.constant({}) },
    {
      weight: 4,
      arbitrary: fc.record({
        groupId: leaning(pathId, fc.constantFrom('', 'a b', 'x'.repeat(65), 'FAM/1', '..')),
        variantAttributes: leaning(fc.subarray(names, { maxLength: Math.min(5, names.length) }), fc.array(fc.oneof(attributeName, badAttributeName), { maxLength: 7 })),
      }),
    },
    { weight: 1, arbitrary: fc.record({ variantAttributes: fc.array(attributeName, { minLength: 1, maxLength: 2 }) }) },
  );

/** An admin PUT body (no `id`: the path names it), sometimes with the server-owned fields a GET returns. */
export const productBody = ownFields.chain((body) => familyFields(Object.keys(body.attributes ?? {})).map((family) => ({ ...body, ...family })));
