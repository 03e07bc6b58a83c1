import { Gauge, Registry, collectDefaultMetrics } from 'prom-client';
import type { MasterStore } from './store/master-store';

/** The inventory's Prometheus registry: process defaults plus the outbox backlog and publish count. */
export function createInventoryMetrics(store: MasterStore, relayStats: () => { published: number }): Registry {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  new Gauge({
    name: 'inventory_outbox_pending',
    help: 'Accepted changes not yet acknowledged by Pub/Sub',
    registers: [registry],
    collect() {
      this.set(store.pendingCount());
    },
  });
  new Gauge({
    name: 'inventory_events_published',
    help: 'Events acknowledged by Pub/Sub since start',
    registers: [registry],
    collect() {
      this.set(relayStats().published);
    },
  });
  return registry;
}
