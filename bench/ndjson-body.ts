/**
 * The `_bulk` body of 1,000 generated products two ways, alternated in one run: the client's path (its serializer
 * appends every line to one string, then the transport measures it with `Buffer.byteLength` and encodes it) and
 * the indexer's `ndjsonBody` (each line encoded on its own, copied once). Prints CPU µs per product.
 *
 *   npx tsx bench/ndjson-body.ts [--rounds 40]
 */
import { parseArgs } from 'node:util';
import { Serializer } from '@elastic/elasticsearch';
import { generateProduct } from '../inventory-simulator/src/catalog/generator';
import { ndjsonBody } from '../indexer/src/adapters/bulk-api';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '40' } } });
const rounds = Number(values.rounds);
const products = Array.from({ length: 1000 }, (_, i) => generateProduct(2026, i));
const lines = products.flatMap((p) => [{ index: { _index: 'products', _id: p.id, version: 1, version_type: 'external' } }, p]);
const serializer = new Serializer();

const sides = {
  'client (one string)': () => {
    const body = serializer.ndserialize(lines);
    return Buffer.byteLength(body) + Buffer.from(body).length;
  },
  'ndjsonBody (bytes per line)': () => 2 * ndjsonBody(lines).length,
};
const spent = new Map<string, number>();
for (let round = 0; round < rounds; round += 1) {
  for (const [name, side] of Object.entries(sides)) {
    const started = performance.now();
    side();
    // The first quarter warms the JIT up.
    if (round >= rounds / 4) spent.set(name, (spent.get(name) ?? 0) + performance.now() - started);
  }
}
const measured = rounds - Math.ceil(rounds / 4);
for (const [name, ms] of spent) console.log(`${name}: ${((ms * 1000) / measured / products.length).toFixed(1)} µs per product`);
