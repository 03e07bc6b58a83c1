// Admin publish rate: PUTs against a running inventory admin, then how fast the outbox reaches Pub/Sub.
// `ADMIN_URL=http://127.0.0.1:4000 ADMIN_TOKEN=… npx tsx bench/inventory-admin-publish.ts [seconds] [concurrency]`
import { z } from 'zod';
import { AdminToken, loadConfig } from '@catalog/contract';
import { runMain } from '@catalog/contract/process';
import { generateProduct } from '@catalog/inventory-simulator/catalog';

const Env = z.object({ ADMIN_URL: z.url().default('http://127.0.0.1:4000'), ADMIN_TOKEN: AdminToken });
const { ADMIN_URL: url, ADMIN_TOKEN: token } = await runMain('inventory-admin-publish', () => loadConfig(Env, process.env));
const seconds = Number(process.argv[2] ?? 20);
const concurrency = Number(process.argv[3] ?? 16);
const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };

type Events = { pending: number; relay: { published: number } };
const events = async (): Promise<Events> => (await (await fetch(`${url}/v1/admin/events?limit=1`, { headers })).json()) as Events;

const before = await events();
const deadline = Date.now() + seconds * 1000;
let accepted = 0;
let failed = 0;
let next = 9_000_000;
const worker = async () => {
  while (Date.now() < deadline) {
    const { id, createdAt: _c, updatedAt: _u, ...body } = generateProduct(7, next++);
    const res = await fetch(`${url}/v1/admin/products/${id}`, { method: 'PUT', headers, body: JSON.stringify(body) });
    await res.arrayBuffer();
    if (res.status === 202) accepted += 1;
    else failed += 1;
  }
};
const started = Date.now();
await Promise.all(Array.from({ length: concurrency }, worker));
const acceptSeconds = (Date.now() - started) / 1000;
let after = await events();
while (after.pending > 0) {
  await new Promise((resolve) => setTimeout(resolve, 200));
  after = await events();
}
const totalSeconds = (Date.now() - started) / 1000;
const published = after.relay.published - before.relay.published;
console.log(`accepted ${accepted} PUTs in ${acceptSeconds.toFixed(1)} s = ${Math.round(accepted / acceptSeconds)}/s (${failed} failed, concurrency ${concurrency})`);
console.log(`published ${published} events; outbox drained ${(totalSeconds - acceptSeconds).toFixed(1)} s after the last PUT = ${Math.round(published / totalSeconds)} events/s end to end`);
