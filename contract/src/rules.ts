import { z } from '@hono/zod-openapi';
import { singleLineText } from './field-rules';
import { AttributeName, ProductId } from './product';

/**
 * Query rules (issue 16): a condition on the query (and optionally the storefront context and a time window) and
 * consequences a merchandiser sets without a developer — pin, hide, boost or bury, filter, rewrite, redirect,
 * banner data. Written through the inventory admin API into `<alias>-rules`, read by search-api with a short TTL and
 * applied around the core request (`search-api/src/rules/`), so they run on the core-only build (no `pinned` query)
 * and a full distribution alike.
 */
export const RULE_LIMITS = {
  rules: 1_000,
  pins: 20,
  /** Pins go on the first pages: a position is at most this. */
  pinPosition: 100,
  hidden: 100,
  boosts: 10,
  filterValues: 20,
  removeWords: 10,
  userDataBytes: 4_096,
  /** Rules applied to one search (the first by priority then id). */
  applied: 10,
} as const;

/** A storefront section or other context a client names (`context` / Algolia `ruleContexts`). */
export const RuleContext = z.string().regex(/^[a-z0-9][a-z0-9_-]{0,49}$/, 'lowercase letters, digits, _ and -, at most 50');

/** Products a rule filter selects: every given part must hold (brand OR brands, category path or below, attribute values, price range). */
export const RuleFilter = z
  .object({
    brand: z.array(singleLineText(1, 100)).min(1).max(RULE_LIMITS.filterValues).optional(),
    category: singleLineText(1, 600).optional().describe('A category path "A > B": the node and everything under it'),
    attr: z.record(AttributeName, z.array(singleLineText(1, 100)).min(1).max(RULE_LIMITS.filterValues)).optional(),
    priceMin: z.number().nonnegative().max(1e9).optional(),
    priceMax: z.number().nonnegative().max(1e9).optional(),
  })
  .strict()
  .refine((f) => Object.keys(f).length > 0, 'name at least one of brand, category, attr, priceMin, priceMax')
  .refine((f) => f.attr === undefined || Object.keys(f.attr).length <= 10, 'at most 10 attribute names')
  .openapi('RuleFilter');
export type RuleFilter = z.infer<typeof RuleFilter>;

const Phrase = singleLineText(0, 200).transform((t) => t.normalize('NFKC').toLowerCase().replace(/\s+/g, ' '));

export const RuleCondition = z
  .object({
    /** `is`: the whole query; `contains`: the phrase as whole words anywhere; `starts-with`: the query begins with it. Empty `is` = browse. */
    anchoring: z.enum(['is', 'contains', 'starts-with']),
    pattern: Phrase,
    context: RuleContext.optional().describe('Only when the search names this context'),
    from: z.iso.datetime({ offset: true }).optional().describe('Active from this instant'),
    until: z.iso.datetime({ offset: true }).optional().describe('Active until this instant (exclusive)'),
  })
  .strict()
  .refine((c) => c.anchoring === 'is' || c.pattern !== '', 'contains and starts-with need a pattern')
  .refine((c) => c.from === undefined || c.until === undefined || Date.parse(c.from) < Date.parse(c.until), 'from must be before until')
  .openapi('RuleCondition');
export type RuleCondition = z.infer<typeof RuleCondition>;

export const RuleConsequence = z
  .object({
    pins: z
      .array(z.object({ id: ProductId, position: z.number().int().min(1).max(RULE_LIMITS.pinPosition) }).strict())
      .max(RULE_LIMITS.pins)
      .optional()
      .describe('Products shown at these 1-based positions (relevance order only)'),
    hide: z.array(ProductId).max(RULE_LIMITS.hidden).optional(),
    boosts: z
      .array(z.object({ filter: RuleFilter, factor: z.number().min(0.01).max(100) }).strict())
      .max(RULE_LIMITS.boosts)
      .optional()
      .describe('Score × factor for matching products: > 1 boosts, < 1 buries'),
    filter: RuleFilter.optional().describe('Only products matching it (results and facets)'),
    query: z
      .object({
        replace: singleLineText(0, 200).optional().describe('Search this text instead'),
        remove: z.array(singleLineText(1, 50)).max(RULE_LIMITS.removeWords).optional().describe('Words dropped from the query'),
      })
      .strict()
      .optional(),
    redirect: z.url({ protocol: /^https?$/ }).max(2_000).optional().describe('The storefront should go to this URL'),
    userData: z
      .record(z.string(), z.any())
      .refine((d) => JSON.stringify(d).length <= RULE_LIMITS.userDataBytes, `at most ${RULE_LIMITS.userDataBytes} bytes as JSON`)
      .optional()
      .describe('Returned with the results (a banner, a message)'),
  })
  .strict()
  .refine((c) => Object.values(c).some((v) => v !== undefined), 'name at least one consequence')
  .openapi('RuleConsequence');
export type RuleConsequence = z.infer<typeof RuleConsequence>;

/** What an admin sends. */
export const RuleInput = z
  .object({
    description: singleLineText(0, 500).optional(),
    enabled: z.boolean().default(true),
    /** Higher first when several rules match; ties by id. */
    priority: z.number().int().min(0).max(1_000).default(0),
    condition: RuleCondition,
    consequence: RuleConsequence,
  })
  .strict()
  .openapi('RuleInput');
export type RuleInput = z.infer<typeof RuleInput>;

export const Rule = RuleInput.extend({
  id: z.string().regex(/^[a-z0-9][a-z0-9_-]{0,63}$/),
  version: z.number().int().min(1),
  updatedAt: z.string(),
  updatedBy: z.string(),
}).openapi('Rule');
export type Rule = z.infer<typeof Rule>;

/** What a search answer says about the rules it applied. */
export const AppliedRules = z
  .object({
    applied: z.array(z.string()).describe('Ids of the rules applied, in order'),
    redirect: z.string().optional(),
    userData: z.array(z.record(z.string(), z.any())).describe('userData of each applied rule that has one'),
    queryAfterRules: z.string().optional().describe('The text searched when a rule rewrote the query'),
  })
  .openapi('AppliedRules');
export type AppliedRules = z.infer<typeof AppliedRules>;

/** The index of the query rules of the products behind `alias`. */
export const ruleIndexName = (alias: string): string => `${alias}-rules`;
