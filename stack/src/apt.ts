import type { Logger } from 'pino';
import { runCommand } from './process-utils';

/**
 * Installs Debian packages with apt-get (non-interactive; a fresh machine often has no package lists yet, so a
 * failed install refreshes them once and tries again). Throws `hint` with apt's last line when it cannot.
 */
export async function aptInstall(packages: string[], hint: string, log: Logger): Promise<void> {
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  const args = ['install', '-y', ...packages];
  log.info(`installing ${packages.join(', ')} with apt-get (once)`);
  let result = await runCommand('apt-get', args, { env });
  if (result.code !== 0) {
    await runCommand('apt-get', ['update'], { env });
    result = await runCommand('apt-get', args, { env });
  }
  if (result.code !== 0) throw new Error(`${hint} (apt-get install failed: ${result.output.trim().split('\n').at(-1) ?? ''})`);
}
