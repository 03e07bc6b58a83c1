import { createLogger } from '@catalog/contract/process';
import { setupTopology } from '../../stack/src/setup-topology';

// The image's one-shot setup (Kubernetes Job, compose `setup`): the contract's Pub/Sub topics and
// subscriptions and the products index, idempotent. Unlike `stack-cli topology` it never falls back to the
// local emulator: without PUBSUB_EMULATOR_HOST it talks to Google Cloud Pub/Sub (Workload Identity).
const log = createLogger('setup-topology', process.env.LOG_LEVEL || 'info');
try {
  await setupTopology(process.env, log);
  log.info('topology ready');
} catch (err) {
  log.fatal({ err }, 'topology setup failed');
  process.exitCode = 1;
}
