import { Hono } from 'hono';
import { z } from 'zod';
import { HttpProblem, invalidInput } from '@catalog/contract/http';
import { toFieldErrors } from '@catalog/contract';
import { SimulationOptions, SimulationRunningError, type Simulator } from '../simulate/simulator';
import type { MasterStore } from '../store/master-store';

export type SimulationDeps = { simulator: Simulator };
export type EventsDeps = { store: MasterStore; relayStats: () => { published: number; failures: number } };

/** `/v1/admin/simulation`: status, start (409 while running), stop. */
export function adminSimulationRoutes({ simulator }: SimulationDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => c.json(simulator.status()));
  app.post('/start', async (c) => {
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
  app.post('/stop', (c) => c.json(simulator.stop()));
  return app;
}

const EventsParams = z.object({ limit: z.coerce.number().int().min(1).max(500).default(50) }).strict();

/** `/v1/admin/events`: the newest outbox events, whether each reached Pub/Sub, and the relay's counters. */
export function adminEventsRoutes({ store, relayStats }: EventsDeps): Hono {
  const app = new Hono();
  app.get('/', (c) => {
    const params = EventsParams.safeParse(c.req.query());
    if (!params.success) throw invalidInput(toFieldErrors(params.error), 'events query');
    return c.json({ items: store.recentEvents(params.data.limit), pending: store.pendingCount(), relay: relayStats(), products: store.counts() });
  });
  return app;
}
