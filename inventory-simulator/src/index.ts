export { createInventoryApp, type InventoryAppDeps } from './app';
export { loadInventoryConfig, InventoryConfig } from './config';
export { MasterStore, type MasterRecord, type OutboxEntry, type RecentEvent } from './store/master-store';
export { OutboxRelay, type EventPublisher } from './publish/outbox-relay';
export { pubsubPublisher } from './publish/pubsub-publisher';
export { seedCatalog, type SeedOptions, type SeedProgress, type SeedResult } from './catalog/seed-catalog';
export { generateCatalog, generateProduct, productIdAt } from './catalog/generator';
export { Simulator, SimulationOptions, type SimulationStatus } from './simulate/simulator';
