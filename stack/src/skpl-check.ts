import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { repoRoot } from './paths';
import { checkSkpl, parseSkpl } from './skpl';

// `npm run skpl:check`: every requirement of SKPL.md is traced to a test that exists, or says why not.
const markdown = readFileSync(join(repoRoot, 'SKPL.md'), 'utf8');
const problems = checkSkpl(markdown, (file) => {
  const path = join(repoRoot, file);
  return existsSync(path) ? readFileSync(path, 'utf8') : undefined;
});
const { requirements, traces } = parseSkpl(markdown);
const unmet = traces.filter((t) => /^belum/i.test(t.status)).length;
const measured = traces.filter((t) => /^diukur/i.test(t.status)).length;
if (problems.length > 0) {
  console.error(`SKPL check failed:\n- ${problems.join('\n- ')}`);
  process.exitCode = 1;
} else {
  console.log(`SKPL check: ${requirements.length} requirements, ${traces.length - unmet - measured} traced to tests, ${measured} to benchmarks, ${unmet} marked not yet met.`);
}
