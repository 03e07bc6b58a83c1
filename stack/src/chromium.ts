import { access } from 'node:fs/promises';
import { constants } from 'node:fs';
import type { Logger } from 'pino';
import { aptInstall } from './apt';
import { findExecutable, isRoot } from './process-utils';

/** Shown whenever no Chromium is found and this process may not install one. */
export const CHROMIUM_INSTALL_HINT = 'Chromium (for the browser test) not found: install it with `apt-get install -y chromium`, or set CHROMIUM_PATH';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome-stable', 'google-chrome'];
const EXTRA_DIRS = ['/usr/bin', '/usr/local/bin', '/snap/bin'];

async function firstExecutable(): Promise<string | undefined> {
  for (const name of NAMES) {
    const found = await findExecutable(name, EXTRA_DIRS);
    if (found) return found;
  }
  return undefined;
}

/**
 * Path of the Chromium the end-to-end test drives: CHROMIUM_PATH when set, else one on PATH; when none is
 * installed and this runs as root, Debian's `chromium` package is installed (like Memcached for `npm start`);
 * otherwise the error names the one command to run.
 */
export async function ensureChromium(log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<string> {
  if (env.CHROMIUM_PATH) {
    try {
      await access(env.CHROMIUM_PATH, constants.X_OK);
      return env.CHROMIUM_PATH;
    } catch (err) {
      throw new Error(`CHROMIUM_PATH=${env.CHROMIUM_PATH} is not an executable`, { cause: err });
    }
  }
  const found = await firstExecutable();
  if (found) return found;
  if (!isRoot()) throw new Error(CHROMIUM_INSTALL_HINT);
  await aptInstall(['chromium'], CHROMIUM_INSTALL_HINT, log);
  const installed = await firstExecutable();
  if (!installed) throw new Error(CHROMIUM_INSTALL_HINT);
  return installed;
}
