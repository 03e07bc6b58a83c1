import { z } from '@hono/zod-openapi';

/**
 * Field rules shared by the schemas that end in Elasticsearch. Each one mirrors a limit of the index, so
 * that what a schema accepts the index accepts too (a 202 must never turn into a dead letter).
 */

/** Largest value of an Elasticsearch `integer` field (stock, reviewCount). */
export const INT32_MAX = 2_147_483_647;

/** Control characters: C0, DEL and C1 (exactly Unicode's `\p{Cc}`); finding them is the point. */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\x00-\x1F\x7F-\x9F]/;
/** The same without tab, line feed and carriage return: text in a description. */
// eslint-disable-next-line no-control-regex
const CONTROL_BUT_LINE_BREAKS = /[\x00-\x08\x0B\x0C\x0E-\x1F\x7F-\x9F]/;

/**
 * Whether `s` holds a control character or an unpaired surrogate (ill-formed UTF-16): what `/[\p{Cc}\p{Cs}]/u` finds,
 * at a fraction of its cost on long text (a Unicode-mode class walks code points; this is one plain class and V8's
 * well-formedness scan). Every product event is validated with it several times (field-rules.test.ts).
 */
export const hasForbiddenCharacter = (s: string, lineBreaksAllowed = false): boolean =>
  (lineBreaksAllowed ? CONTROL_BUT_LINE_BREAKS : CONTROL).test(s) || !s.isWellFormed();

const SINGLE_LINE_MESSAGE = 'must not contain control characters or unpaired surrogates';

/**
 * A trimmed one-line text (title, brand, category name, attribute value). Control characters are refused
 * rather than removed: U+0000, U+001E and U+001F are reserved by the completion suggester (Elasticsearch
 * rejects the whole document), and silently editing what a client sent would break its read-after-write.
 */
export const singleLineText = (min: number, max: number) =>
  z
    .string()
    .trim()
    .min(min)
    .max(max)
    .refine((s) => !hasForbiddenCharacter(s), SINGLE_LINE_MESSAGE)
    .openapi({ description: `${min}–${max} characters, trimmed; no control characters` });

/** A longer text where tab and line breaks are allowed (description). */
export const multiLineText = (max: number) =>
  z
    .string()
    .max(max)
    .refine((s) => !hasForbiddenCharacter(s, true), 'must not contain control characters other than tab and line breaks, or unpaired surrogates')
    .openapi({ description: `at most ${max} characters; tab and line breaks allowed, no other control characters` });

/** Elasticsearch's `date` keeps nanoseconds at most and java.time offsets stop at ±18:00. */
const MAX_FRACTION_DIGITS = 9;
const MAX_OFFSET_MINUTES = 18 * 60;

const fractionDigits = (s: string): number => /\.(\d+)/.exec(s)?.[1]?.length ?? 0;
const offsetMinutes = (s: string): number => {
  const m = /([+-])(\d\d):(\d\d)$/.exec(s);
  return m ? Number(m[2]) * 60 + Number(m[3]) : 0;
};

/** An ISO 8601 timestamp with offset that the index's `date` fields parse. */
export const Timestamp = z.iso
  .datetime({ offset: true })
  .refine((s) => fractionDigits(s) <= MAX_FRACTION_DIGITS, `at most ${MAX_FRACTION_DIGITS} fraction digits`)
  .refine((s) => offsetMinutes(s) <= MAX_OFFSET_MINUTES, 'offset must be within ±18:00')
  .openapi({ description: 'ISO 8601 with Z or ±hh:mm (within ±18:00), at most 9 fraction digits', example: '2026-01-31T12:00:00Z' });
