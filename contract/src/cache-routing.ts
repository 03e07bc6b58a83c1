/**
 * Which memcached server of a pool owns a key: rendezvous (highest-random-weight) hashing. Every
 * server scores the key and the highest score wins, so adding or removing a server moves only the keys
 * that the server wins or owned, and the choice does not depend on the order the servers are listed in.
 * The indexer (which invalidates) and the search API (which caches) must route with this same function.
 */

const FNV_OFFSET_BASIS = 0x811c9dc5;
const FNV_PRIME = 0x01000193;
const utf8 = new TextEncoder();

/** Stable 32-bit hash: FNV-1a over the UTF-8 bytes, then murmur3's finalizer. */
export function hash32(text: string): number {
  let h = FNV_OFFSET_BASIS;
  for (const byte of utf8.encode(text)) {
    h ^= byte;
    h = Math.imul(h, FNV_PRIME);
  }
  // FNV-1a alone mixes its last bytes poorly into the high bits; the weights compare as whole numbers.
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

/** Index in `servers` of the server that owns `key`; the same server whatever the order of the list. */
export function rendezvousIndex(key: string, servers: readonly string[]): number {
  if (servers.length === 0) throw new RangeError('rendezvousIndex: no servers');
  let best = 0;
  let bestWeight = -1;
  servers.forEach((server, i) => {
    const weight = hash32(`${server}\n${key}`);
    // Ties go to the smaller server name, not to the earlier position, so that the order never matters.
    const better = weight > bestWeight || (weight === bestWeight && server < (servers[best] ?? server));
    if (better) {
      best = i;
      bestWeight = weight;
    }
  });
  return best;
}
