/** One instruction of a Dockerfile stage: `COPY --from=deps a b` → { op: 'COPY', flags: { from: 'deps' }, args: ['a', 'b'] }. */
export type Instruction = { op: string; flags: Record<string, string>; args: string[]; raw: string };
export type Stage = { name: string; from: string; instructions: Instruction[] };

function words(text: string): string[] {
  const trimmed = text.trim();
  if (trimmed.startsWith('[')) {
    const parsed: unknown = JSON.parse(trimmed);
    if (!Array.isArray(parsed) || !parsed.every((x) => typeof x === 'string')) throw new Error(`not a JSON string array: ${trimmed}`);
    return parsed;
  }
  return trimmed.split(/\s+/).filter(Boolean);
}

/**
 * The stages of a Dockerfile (the subset this project uses: no line continuations, no heredocs), with global
 * `ARG` defaults substituted into `FROM`. Enough to check users, entrypoints and copies without a Docker engine.
 */
export function parseDockerfile(text: string): Stage[] {
  const args = new Map<string, string>();
  const stages: Stage[] = [];
  for (const line of text.split('\n')) {
    const content = line.trim();
    if (content === '' || content.startsWith('#')) continue;
    if (content.endsWith('\\')) throw new Error(`line continuations are not supported: ${content}`);
    const [op = '', ...rest] = content.split(/\s+/);
    const body = content.slice(op.length);
    const upper = op.toUpperCase();
    if (upper === 'FROM') {
      const [image = '', as, name] = words(body);
      const from = image.replace(/\$\{(\w+)\}/g, (_, key: string) => args.get(key) ?? '');
      stages.push({ name: as?.toUpperCase() === 'AS' && name ? name : String(stages.length), from, instructions: [] });
      continue;
    }
    const stage = stages.at(-1);
    if (!stage) {
      if (upper !== 'ARG') throw new Error(`${upper} before the first FROM`);
      const [key = '', value = ''] = (rest[0] ?? '').split('=');
      args.set(key, value);
      continue;
    }
    const flags: Record<string, string> = {};
    const all = words(body);
    while (all[0]?.startsWith('--')) {
      const [key = '', value = ''] = (all.shift() ?? '').slice(2).split('=');
      flags[key] = value;
    }
    stage.instructions.push({ op: upper, flags, args: all, raw: content });
  }
  return stages;
}

/** The stage and its ancestors within the file, nearest first. */
export function lineage(stages: Stage[], name: string): Stage[] {
  const chain: Stage[] = [];
  for (let stage = stages.find((s) => s.name === name); stage; stage = stages.find((s) => s.name === stage?.from)) chain.push(stage);
  return chain;
}

/** The last value of an instruction along a stage's lineage (USER, CMD, …), as Docker resolves it. */
export function effective(stages: Stage[], name: string, op: string): Instruction | undefined {
  for (const stage of lineage(stages, name)) {
    const found = stage.instructions.filter((i) => i.op === op).at(-1);
    if (found) return found;
  }
  return undefined;
}

/**
 * Whether `.dockerignore` patterns exclude a context path (Docker's rules: a pattern matches the path or one
 * of its parent folders; `*` stays within one segment, `**` spans any number). Exceptions (`!`) are refused,
 * so this subset is exact for the file it reads.
 */
export function dockerIgnored(patterns: string[], path: string): boolean {
  const segments = path.split('/');
  return patterns.some((pattern) => {
    if (pattern.startsWith('!')) throw new Error(`exceptions are not supported: ${pattern}`);
    const source = pattern
      .replace(/^\/+|\/+$/g, '')
      .split('/')
      .map((part) => (part === '**' ? '(?:[^/]+/)*' : `${part.replace(/[.+^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '[^/]*').replace(/\?/g, '[^/]')}/`))
      .join('');
    const re = new RegExp(`^${source}`);
    return segments.some((_, i) => re.test(`${segments.slice(0, i + 1).join('/')}/`));
  });
}

/** The patterns of a `.dockerignore` file. */
export const ignorePatterns = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'));
