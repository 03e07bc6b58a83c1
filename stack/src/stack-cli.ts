import type { Logger } from 'pino';
import { CommonEnv, loadConfig } from '@catalog/contract';
import { createTerminalLogger, describeError, runMain } from '@catalog/contract/process';
import { ensureServices, SERVICE_NAMES, servicesStatus, stackEnv, stopServices } from './services';

/** Loaded lazily: it pulls in the Pub/Sub and ES clients, which `down` and `status` do not need. */
async function runTopology(env: NodeJS.ProcessEnv, log: Logger): Promise<void> {
  const { setupTopology } = await import('./setup-topology');
  await setupTopology(env, log);
}

const USAGE = 'usage: tsx stack/src/stack-cli.ts up|down|status|topology';

async function up(log: Logger): Promise<void> {
  const env = stackEnv(process.env);
  const started = Date.now();
  const results = await ensureServices({ env }, log);
  await runTopology(env, log);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  for (const name of SERVICE_NAMES) {
    const result = results[name];
    if (!result) continue;
    const state = result.started ? `started (pid ${result.pid})` : 'already running';
    console.log(`${name.padEnd(16)} ${result.address.padEnd(24)} ${state}`);
  }
  console.log(`stack up in ${seconds} s; topology ready`);
}

async function down(log: Logger): Promise<void> {
  const stopped = await stopServices(log);
  console.log(stopped.length === 0 ? 'nothing to stop (the stack started no running service)' : `stopped: ${stopped.join(', ')}`);
}

async function status(): Promise<boolean> {
  const rows = await servicesStatus(stackEnv(process.env));
  for (const row of rows) {
    const owner = row.pid === undefined ? '' : ` (started by the stack, pid ${row.pid})`;
    console.log(`${row.name.padEnd(16)} ${row.address.padEnd(24)} ${row.ready ? 'ready' : 'not running'}${owner}`);
  }
  return rows.every((row) => row.ready);
}

async function main(command: string | undefined): Promise<number> {
  // Every address and setting is checked before anything starts: a bad one is one line naming it.
  const { LOG_LEVEL } = loadConfig(CommonEnv, process.env);
  // Logs go to stderr (readable on a terminal) so that stdout carries only the summary.
  const log = createTerminalLogger('stack', LOG_LEVEL);
  try {
    switch (command) {
      case 'up':
        await up(log);
        return 0;
      case 'down':
        await down(log);
        return 0;
      case 'status':
        return (await status()) ? 0 : 3;
      case 'topology':
        await runTopology(stackEnv(process.env), log);
        console.log('topology ready');
        return 0;
      default:
        console.error(USAGE);
        return 2;
    }
  } catch (error) {
    log.debug({ err: error }, 'stack command failed');
    console.error(`stack ${command ?? ''} failed: ${describeError(error)}`);
    return 1;
  }
}

process.exitCode = await runMain('stack', () => main(process.argv[2]));
