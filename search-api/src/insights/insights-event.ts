import { z } from 'zod';

/** Bounds of `POST /1/events`, Algolia Insights' own where it has them. */
export const INSIGHTS_LIMITS = {
  maxEvents: 1_000,
  maxObjectIDs: 20,
  maxFilters: 10,
  maxEventNameLength: 64,
  maxUserTokenLength: 129,
  maxPosition: 10_000,
  /** Older events are refused (Algolia: 4 days); a clock a little ahead is tolerated. */
  maxAgeMs: 4 * 24 * 3_600_000,
  maxFutureMs: 3_600_000,
} as const;
const L = INSIGHTS_LIMITS;

const token = z
  .string()
  .min(1)
  .max(L.maxUserTokenLength)
  .regex(/^[A-Za-z0-9_=/+\-.:@]+$/, 'letters, digits and _ = / + - . : @ only');
const objectID = z.string().min(1).max(64);

/** One event as search-insights and InstantSearch send it (unknown keys are dropped). */
export const InsightsEvent = z
  .object({
    eventType: z.enum(['click', 'conversion', 'view']),
    eventSubtype: z.enum(['addToCart', 'purchase']).optional(),
    eventName: z.string().min(1).max(L.maxEventNameLength),
    index: z.string().min(1).max(200),
    userToken: token,
    authenticatedUserToken: token.optional(),
    timestamp: z.number().int().positive().optional(),
    queryID: z
      .string()
      .regex(/^[0-9a-f]{32}$/, '32 hexadecimal characters, as returned with clickAnalytics')
      .optional(),
    objectIDs: z.array(objectID).min(1).max(L.maxObjectIDs).optional(),
    positions: z.array(z.number().int().min(1).max(L.maxPosition)).min(1).max(L.maxObjectIDs).optional(),
    filters: z.array(z.string().min(1).max(300)).min(1).max(L.maxFilters).optional(),
    objectData: z
      .array(z.object({ queryID: z.string().regex(/^[0-9a-f]{32}$/).optional(), price: z.union([z.number(), z.string().max(32)]).optional(), quantity: z.number().int().min(0).max(1e6).optional() }))
      .max(L.maxObjectIDs)
      .optional(),
    value: z.union([z.number().min(0).max(1e9), z.string().regex(/^\d{1,9}(\.\d{1,4})?$/)]).optional(),
    currency: z.string().regex(/^[A-Z]{3}$/).optional(),
  })
  .superRefine((e, ctx) => {
    if (!e.objectIDs === !e.filters) ctx.addIssue({ code: 'custom', path: ['objectIDs'], message: 'exactly one of objectIDs or filters' });
    if (e.eventSubtype && e.eventType !== 'conversion') ctx.addIssue({ code: 'custom', path: ['eventSubtype'], message: 'only for conversion events' });
    if (e.eventType === 'click' && e.queryID) {
      if (!e.positions) ctx.addIssue({ code: 'custom', path: ['positions'], message: 'required for a click after a search (with queryID)' });
      else if (e.positions.length !== (e.objectIDs?.length ?? 0)) ctx.addIssue({ code: 'custom', path: ['positions'], message: 'one position per objectID' });
    }
    if (!e.queryID && e.positions) ctx.addIssue({ code: 'custom', path: ['positions'], message: 'only with a queryID' });
  });
export type InsightsEvent = z.infer<typeof InsightsEvent>;

/** The body of `POST /1/events`. */
export const InsightsBody = z.object({ events: z.array(z.unknown()).min(1).max(L.maxEvents) });

/** What is stored per event (one document); `query` is filled in from the search its `queryID` names. */
export type StoredEvent = {
  type: InsightsEvent['eventType'];
  subtype?: string;
  eventName: string;
  index: string;
  userToken: string;
  queryID?: string;
  query?: string;
  objectIDs?: string[];
  positions?: number[];
  filters?: string[];
  value?: number;
  currency?: string;
  at: string;
};

/** A validated event → its stored form at `now` (timestamp checked against the accepted window). */
export function toStoredEvent(e: InsightsEvent, now: number): StoredEvent | { error: string } {
  const at = e.timestamp ?? now;
  if (at < now - L.maxAgeMs) return { error: 'timestamp: older than 4 days' };
  if (at > now + L.maxFutureMs) return { error: 'timestamp: in the future' };
  const queryID = e.queryID ?? e.objectData?.find((d) => d.queryID)?.queryID;
  return {
    type: e.eventType,
    ...(e.eventSubtype ? { subtype: e.eventSubtype } : {}),
    eventName: e.eventName,
    index: e.index,
    userToken: e.authenticatedUserToken ?? e.userToken,
    ...(queryID ? { queryID } : {}),
    ...(e.objectIDs ? { objectIDs: e.objectIDs } : {}),
    ...(e.positions ? { positions: e.positions } : {}),
    ...(e.filters ? { filters: e.filters.map((f) => safeDecode(f)) } : {}),
    ...(e.value !== undefined ? { value: Number(e.value) } : {}),
    ...(e.currency ? { currency: e.currency } : {}),
    at: new Date(at).toISOString(),
  };
}

/** search-insights URL-encodes filters; a malformed escape is kept as sent. */
function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
