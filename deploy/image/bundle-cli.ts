import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { bundle } from './bundle';

// `tsx deploy/image/bundle-cli.ts --out <dir>`: the Dockerfile's build step (and the entrypoint test's).
const { values } = parseArgs({ options: { out: { type: 'string', default: 'dist' } } });
const root = resolve(import.meta.dirname, '../..');
const { files, assets } = await bundle(root, resolve(values.out));
console.log(`bundled ${files.join(', ')}; assets ${assets.join(', ')}`);
