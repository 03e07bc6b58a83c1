import { z } from '@hono/zod-openapi';
import { singleLineText } from './field-rules';

/**
 * Synonym sets managed at runtime (issue 16): written through the inventory admin API into a small Elasticsearch
 * index, read by search-api with a short TTL and applied by expanding the query in our own request builder, so they
 * work on the core-only build (no synonyms API, no `_reload_search_analyzers`) and on a full distribution alike.
 * `mappings/synonyms.txt` stays the shipped default inside the analyzers.
 */
export const SYNONYM_LIMITS = {
  /** Terms of one set (one side of a one-way set). */
  terms: 20,
  /** Characters of one term. */
  termChars: 100,
  /** Words of one term. */
  termWords: 6,
  /** Sets in the store: search-api reads them all at once. */
  sets: 2_000,
  /** Alternative queries one search may be expanded into (each is a clause of the same Elasticsearch search). */
  alternatives: 4,
} as const;

/** One synonym term: a word or phrase as shoppers type it; compared lowercased, with single spaces. */
export const SynonymTerm = singleLineText(1, SYNONYM_LIMITS.termChars)
  .refine((t) => t.split(/\s+/).length <= SYNONYM_LIMITS.termWords, `at most ${SYNONYM_LIMITS.termWords} words`)
  .transform((t) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));

const Terms = z.array(SynonymTerm).min(1).max(SYNONYM_LIMITS.terms);

/** What an admin sends: equivalent terms (any finds all), or one-way (`from` also finds `to`, not back). */
export const SynonymSetInput = z
  .discriminatedUnion('type', [
    z.object({ type: z.literal('equivalent'), terms: Terms.min(2) }).strict(),
    z.object({ type: z.literal('one-way'), from: Terms, to: Terms }).strict(),
  ])
  .openapi('SynonymSetInput', { example: { type: 'equivalent', terms: ['mini fridge', 'compact refrigerator'] } });
export type SynonymSetInput = z.infer<typeof SynonymSetInput>;

/** Id of a set: chosen by the admin, URL-safe. */
export const SynonymSetId = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/, 'lowercase letters, digits, _ and -, at most 64');

/** A stored set with its version and who changed it last. */
export const SynonymSet = z
  .intersection(SynonymSetInput, z.object({ id: SynonymSetId, version: z.number().int().min(1), updatedAt: z.string(), updatedBy: z.string() }))
  .openapi('SynonymSet');
export type SynonymSet = z.infer<typeof SynonymSet>;

/** The index of the synonym sets of the products behind `alias`. */
export const synonymIndexName = (alias: string): string => `${alias}-synonyms`;
/** The audit trail of merchandising changes (who, when, before/after) of the products behind `alias`. */
export const merchAuditIndexName = (alias: string): string => `${alias}-merch-audit`;
