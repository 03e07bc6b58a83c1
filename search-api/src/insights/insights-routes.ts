import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { jsonResponse } from '@catalog/contract/http';
import type { Context } from 'hono';
import { AlgoliaInputError } from '../algolia/algolia-error';
import type { InsightsStore } from '../es/insights-store';
import { problemResponses } from '../routes/openapi-schemas';
import { InsightsBody, InsightsEvent, INSIGHTS_LIMITS, toStoredEvent, type StoredEvent } from './insights-event';
import { buildMetricsRequest, InsightsMetricsParams, InsightsMetricsResponse, mapMetrics } from './insights-metrics';
import type { InsightsRecorder } from './insights-recorder';

/** The insights endpoint's answer, as Algolia's: `{ status, message }`. */
const StatusMessage = z.object({ status: z.number(), message: z.string() });

/** What the insights surface needs: the recorder (events in), the store (metrics out), the default window. */
export type InsightsDeps = { recorder: Pick<InsightsRecorder, 'accept' | 'searched'>; store: Pick<InsightsStore, 'metrics'>; windowHours: number };

/** Validate a whole `POST /1/events` body: all events are accepted or none (the 400 names the first bad field). */
export function parseEvents(body: unknown, indexNames: ReadonlySet<string>, now: number): StoredEvent[] {
  const parsed = InsightsBody.safeParse(body);
  if (!parsed.success) throw new AlgoliaInputError(`events: an array of 1 to ${INSIGHTS_LIMITS.maxEvents} events is required`);
  // InstantSearch's insights middleware also reports its own start-up (`eventType: "instantsearch"`, telemetry
  // meant for Algolia): accepted, as Algolia does, and not stored.
  const telemetry = (raw: unknown) => typeof raw === 'object' && raw !== null && 'eventType' in raw && raw.eventType === 'instantsearch';
  return parsed.data.events.flatMap((raw, i) => {
    if (telemetry(raw)) return [];
    const e = InsightsEvent.safeParse(raw);
    if (!e.success) {
      const issue = e.error.issues[0];
      throw new AlgoliaInputError(`events[${i}]${issue?.path.length ? `.${issue.path.join('.')}` : ''}: ${issue?.message ?? 'invalid event'}`);
    }
    if (!indexNames.has(e.data.index)) throw new AlgoliaInputError(`events[${i}].index: Index ${e.data.index.slice(0, 100)} does not exist`);
    const stored = toStoredEvent(e.data, now);
    if ('error' in stored) throw new AlgoliaInputError(`events[${i}].${stored.error}`);
    return [stored];
  });
}

/** `POST /1/events` (Algolia Insights) on the Algolia surface: its errors are `{ message, status }`. */
export function registerEventsRoute(app: OpenAPIHono, o: { insights: InsightsDeps; indexNames: ReadonlySet<string>; jsonBody: (c: Context) => Promise<unknown> }): void {
  app.post('/1/events', async (c) => {
    o.insights.recorder.accept(parseEvents(await o.jsonBody(c), o.indexNames, Date.now()));
    return c.json({ status: 200, message: 'OK' });
  });
  app.openAPIRegistry.registerPath(
    createRoute({
      method: 'post',
      path: '/1/events',
      tags: ['Algolia protocol'],
      summary: 'Insights events (click / conversion / view, after a search with its queryID and positions)',
      request: { body: { content: { 'text/plain': { schema: z.object({ events: z.array(z.record(z.string(), z.unknown())).max(INSIGHTS_LIMITS.maxEvents) }) } } } },
      responses: {
        200: jsonResponse(StatusMessage, 'Accepted'),
        400: jsonResponse(StatusMessage, 'An event is invalid; none was stored'),
      },
    }),
  );
}

const metricsRoute = (path: '/v1/searches/insights' | '/v1/searches/no-clicks', summary: string) =>
  createRoute({
    method: 'get',
    path,
    summary,
    request: { query: InsightsMetricsParams },
    responses: { 200: jsonResponse(InsightsMetricsResponse, 'Per-query metrics of the window'), ...problemResponses },
  });

/** Click-through rate, average click position and conversion rate per query, and the searched queries nobody clicked. */
export function registerInsightsMetricsRoutes(app: OpenAPIHono, insights: InsightsDeps): void {
  const routes = [
    [metricsRoute('/v1/searches/insights', 'Click-through rate, average click position and conversion rate per query'), false],
    [metricsRoute('/v1/searches/no-clicks', 'Most searched queries whose results nobody clicked'), true],
  ] as const;
  for (const [route, noClicks] of routes) {
    app.openapi(route, async (c) => {
      const { limit, window_hours } = c.req.valid('query');
      const windowHours = window_hours ?? insights.windowHours;
      const es = await insights.store.metrics(buildMetricsRequest(windowHours));
      return c.json(mapMetrics(es, { windowHours, limit, noClicks }), 200);
    });
  }
}
