import { randomBytes } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { stackPaths } from './paths';

/** Where `npm start` keeps the generated admin token (owner-readable only). */
export const ADMIN_TOKEN_FILE = join(stackPaths.local, 'admin-token');

/** The ADMIN_TOKEN from the environment, else the one generated on first start and kept in `.local/`. */
export function localAdminToken(env: NodeJS.ProcessEnv, file = ADMIN_TOKEN_FILE): { token: string; source: string } {
  if (env.ADMIN_TOKEN) return { token: env.ADMIN_TOKEN, source: 'ADMIN_TOKEN' };
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  chmodSync(file, 0o600);
  return { token: readFileSync(file, 'utf8').trim(), source: file };
}
