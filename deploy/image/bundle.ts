import { copyFileSync, mkdirSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';
import { build, type Plugin } from 'esbuild';

/**
 * What each container image runs: `bin/<name>.mjs` in the image, built from these sources. The three
 * services, the zero-downtime reindex CLI and the one-shot topology setup (Pub/Sub topics, subscriptions,
 * products index) of the `tools` image.
 */
export const ENTRIES = {
  'search-api': 'search-api/src/main.ts',
  indexer: 'indexer/src/main.ts',
  'inventory-simulator': 'inventory-simulator/src/main.ts',
  reindex: 'indexer/src/reindex/cli.ts',
  'setup-topology': 'deploy/image/setup-topology-cli.ts',
} as const;
export type EntryName = keyof typeof ENTRIES;

/** Where an entry lands inside the image (relative to WORKDIR /app), as the Dockerfile's CMD names it. */
export const entryFile = (name: EntryName): string => `bin/${name}.mjs`;

const isOurs = (path: string) => !path.split(sep).includes('node_modules');

/**
 * Our TypeScript (the workspaces and `@catalog/*`) is bundled; every third-party package stays external and
 * is loaded from the image's production `node_modules`, so packages that read their own files at run time
 * (swagger-ui-dist, google-gax's protos, better-sqlite3's binary) keep working unchanged.
 */
const externalThirdParty: Plugin = {
  name: 'external-third-party',
  setup(b) {
    b.onResolve({ filter: /^[^./]/ }, (args) => (args.path.startsWith('@catalog/') ? undefined : { path: args.path, external: true }));
  },
};

/**
 * Modules that read files next to themselves (`new URL('./page.html', import.meta.url)`) would look beside the
 * bundle instead. Each of our modules gets its original location back (`<root>/<path>` in the image) and
 * `copyAssets` puts those files there.
 */
function keepImportMetaUrl(root: string, users: Set<string>): Plugin {
  return {
    name: 'keep-import-meta-url',
    setup(b) {
      b.onLoad({ filter: /\.ts$/ }, (args) => {
        if (!isOurs(args.path)) return undefined;
        const source = readFileSync(args.path, 'utf8');
        if (!source.includes('import.meta.url')) return undefined;
        users.add(args.path);
        const fromBin = `../${relative(root, args.path).split(sep).join('/')}`;
        return { contents: source.replaceAll('import.meta.url', `new URL(${JSON.stringify(fromBin)}, import.meta.url).href`), loader: 'ts' };
      });
    },
  };
}

/** Files a module may read beside itself: non-TypeScript, non-test files in its folder and the one above. */
export function assetsNear(module: string): string[] {
  const dirs = [dirname(module), dirname(dirname(module))];
  const skip = (name: string) => /\.(ts|md)$/.test(name) || name.includes('.test.') || name === 'package.json' || name === 'tsconfig.json';
  return dirs.flatMap((dir) =>
    readdirSync(dir)
      .filter((name) => !skip(name) && statSync(join(dir, name)).isFile())
      .map((name) => join(dir, name)),
  );
}

/** What a bundle run produced: entry files, copied assets and the repository files it read (all relative). */
export type BundleResult = { files: string[]; assets: string[]; inputs: string[] };

/** Bundle every entry into `<out>/bin/` and copy the files their modules read into `<out>/<repo path>`. */
export async function bundle(root: string, out: string): Promise<BundleResult> {
  const users = new Set<string>();
  const { metafile } = await build({
    absWorkingDir: root,
    entryPoints: Object.entries(ENTRIES).map(([name, path]) => ({ in: path, out: name })),
    outdir: join(out, 'bin'),
    outExtension: { '.js': '.mjs' },
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    sourcemap: 'linked',
    metafile: true,
    logLevel: 'warning',
    plugins: [externalThirdParty, keepImportMetaUrl(root, users)],
  });
  const assets = [...new Set([...users].flatMap(assetsNear))].map((file) => relative(root, file));
  for (const asset of assets) {
    mkdirSync(dirname(join(out, asset)), { recursive: true });
    copyFileSync(join(root, asset), join(out, asset));
  }
  const inputs = Object.keys(metafile.inputs).filter(isOurs).sort();
  return { files: (Object.keys(ENTRIES) as EntryName[]).map(entryFile), assets: assets.sort(), inputs };
}
