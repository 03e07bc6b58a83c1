import { IndexerConfig } from '../../indexer/src/config';
import { InventoryConfig } from '../../inventory-simulator/src/config';
import { SearchApiEnv } from '../../search-api/src/config';
import type { EntryName } from './bundle';

/** The images the project publishes: Dockerfile target → the bundle entry it runs and its default port. */
export const TARGETS: Record<'search-api' | 'indexer' | 'inventory-simulator' | 'tools', { entry: EntryName; port: number | undefined }> = {
  'search-api': { entry: 'search-api', port: SearchApiEnv.shape.PORT.parse(undefined) },
  indexer: { entry: 'indexer', port: IndexerConfig.shape.PORT.parse(undefined) },
  'inventory-simulator': { entry: 'inventory-simulator', port: InventoryConfig.shape.PORT.parse(undefined) },
  tools: { entry: 'setup-topology', port: undefined },
};
export type Target = keyof typeof TARGETS;
