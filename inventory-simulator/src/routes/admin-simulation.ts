import { createRoute, z, type OpenAPIHono } from '@hono/zod-openapi';
import { toFieldErrors } from '@catalog/contract';
import { BEARER_SECURITY, HttpProblem, adminProblemResponses, invalidInput, jsonResponse, openApiApp, problemDoc } from '@catalog/contract/http';
import { SimulationOptions, SimulationRunningError, type Simulator } from '../simulate/simulator';
import type { MasterStore } from '../store/master-store';

export type SimulationDeps = { simulator: Simulator };
export type EventsDeps = { store: MasterStore; relayStats: () => { published: number; failures: number } };

const Status = z
  .object({
    running: z.boolean(),
    options: SimulationOptions.optional(),
    startedAt: z.string().optional(),
    stoppedAt: z.string().optional(),
    published: z.record(z.string(), z.number().int()).openapi({ description: 'Events accepted into the outbox per kind of change, and `total`' }),
    achievedRate: z.number(),
  })
  .openapi('SimulationStatus');

const statusRoute = createRoute({
  method: 'get', path: '/', summary: 'Simulation status', security: BEARER_SECURITY,
  responses: { 200: jsonResponse(Status, 'Status'), ...adminProblemResponses },
});
const startRoute = createRoute({
  method: 'post', path: '/start', summary: 'Start a change stream (an empty body = defaults)', security: BEARER_SECURITY,
  request: { body: { required: false, description: 'Validated by the route (an empty body is allowed)', content: { 'application/json': { schema: { $ref: '#/components/schemas/SimulationOptions' } } } } },
  responses: { 202: jsonResponse(Status, 'Started'), ...adminProblemResponses, 409: problemDoc('A simulation is already running') },
});
const stopRoute = createRoute({
  method: 'post', path: '/stop', summary: 'Stop the change stream', security: BEARER_SECURITY,
  responses: { 200: jsonResponse(Status, 'Stopped'), ...adminProblemResponses },
});

/** `/v1/admin/simulation`: status, start (409 while running), stop. */
export function adminSimulationRoutes({ simulator }: SimulationDeps): OpenAPIHono {
  const app = openApiApp();
  app.openAPIRegistry.register('SimulationOptions', SimulationOptions);
  app.openapi(statusRoute, (c) => c.json(simulator.status(), 200));
  app.openapi(startRoute, async (c) => {
    // An empty body means "defaults" (the page's Stop/Start buttons may send none); anything else must be JSON.
    const text = await c.req.text();
    let body: unknown = {};
    if (text.trim() !== '') {
      if (!(c.req.header('content-type') ?? '').includes('application/json')) {
        throw new HttpProblem('unsupported_media_type', 'send the options as application/json');
      }
      try {
        body = JSON.parse(text);
      } catch (err) {
        throw new HttpProblem('bad_request', 'body is not valid JSON', { cause: err, errors: [{ path: '(body)', message: 'invalid JSON' }] });
      }
    }
    const options = SimulationOptions.safeParse(body);
    if (!options.success) throw invalidInput(toFieldErrors(options.error), 'simulation options');
    try {
      return c.json(simulator.start(options.data), 202);
    } catch (err) {
      if (err instanceof SimulationRunningError) throw new HttpProblem('conflict', err.message, { cause: err });
      throw err;
    }
  });
  app.openapi(stopRoute, (c) => c.json(simulator.stop(), 200));
  return app;
}

const EventsParams = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

const RecentEvents = z
  .object({
    items: z.array(
      z.object({ seq: z.number().int(), type: z.string(), productId: z.string(), version: z.number().int(), occurredAt: z.string(), publishedAt: z.string().nullable() }),
    ),
    pending: z.number().int().openapi({ description: 'Events not yet acknowledged by Pub/Sub' }),
    relay: z.object({ published: z.number().int(), failures: z.number().int() }),
    products: z.object({ live: z.number().int(), deleted: z.number().int() }),
  })
  .openapi('RecentEvents');

const eventsRoute = createRoute({
  method: 'get', path: '/', summary: 'Newest outbox events and the relay counters', security: BEARER_SECURITY,
  request: { query: EventsParams },
  responses: { 200: jsonResponse(RecentEvents, 'Events, newest first'), ...adminProblemResponses },
});

/** `/v1/admin/events`: the newest outbox events, whether each reached Pub/Sub, and the relay's counters. */
export function adminEventsRoutes({ store, relayStats }: EventsDeps): OpenAPIHono {
  const app = openApiApp();
  app.openapi(eventsRoute, (c) => {
    const { limit } = c.req.valid('query');
    return c.json({ items: store.recentEvents(limit), pending: store.pendingCount(), relay: relayStats(), products: store.counts() }, 200);
  });
  return app;
}
