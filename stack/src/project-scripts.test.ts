import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { repoRoot } from './paths';

const read = (file: string) => readFileSync(join(repoRoot, file), 'utf8');
const scripts = z.object({ scripts: z.record(z.string(), z.string()) }).parse(JSON.parse(read('package.json'))).scripts;

// The README promises two commands; this keeps them wired to what they claim to run.
describe('the README commands', () => {
  it('npm test runs the SKPL check, then unit and integration tests in one vitest run, ending with a plain summary', () => {
    expect(scripts.test).toBe('tsx stack/src/run-tests.ts');
    const runner = read('stack/src/run-tests.ts');
    expect(runner).toContain('stack/src/skpl-check.ts');
    expect(runner).toMatch(/vitest\.mjs'\),\s*'run'/);
    expect(runner).toContain('Tests: ${');
    const config = read('vitest.config.ts');
    expect(config).toMatch(/name: 'unit'[\s\S]*groupOrder: 0/);
    expect(config).toMatch(/name: 'integration'[\s\S]*groupOrder: 1[\s\S]*globalSetup: \['test\/global-setup.ts'\]/);
  });

  it('npm start runs the local stack script, and CI installs prerequisites then calls npm test', () => {
    // exec: npm's shell must not stay between npm and the script, or a SIGTERM to npm would orphan everything.
    expect(scripts.start).toBe('exec node --import tsx stack/src/start.ts');
    const ci = read('.ci/run');
    expect(ci).toMatch(/^npm ci\b/m);
    expect(ci).toMatch(/^npm test$/m);
    expect(ci).toContain('memcached');
  });
});
