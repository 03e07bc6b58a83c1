/**
 * The machine's own floor for an answer of a given size (issue 18 goal 2, context): a bare `node:http` server that
 * answers every request with the bytes of `BODY_FILE` as `application/json` (and `/readyz` with 200), no framework,
 * no middleware, no work. `bench/cache-hit.ts` runs it on the search answer's own bytes.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';

const file = process.env.BODY_FILE;
if (!file) throw new Error('BODY_FILE is required');
const body = readFileSync(file);
const headers = { 'content-type': 'application/json', 'content-length': String(body.length) };
createServer((req, res) => {
  if (req.url === '/readyz') res.end('ok');
  else res.writeHead(200, headers).end(body);
}).listen(Number(process.env.PORT), '127.0.0.1');
