import { isIP } from 'node:net';
import type { Context } from 'hono';
import { convertIPv4BinaryToString, convertIPv4MappedIPv6ToIPv4, convertIPv6BinaryToString, convertIPv6ToBinary, isIPv4MappedIPv6 } from 'hono/utils/ipaddr';
import { z } from 'zod';

/** Entries of `X-Forwarded-For` looked at, from the right; the rest is client-written and never trusted. */
const MAX_FORWARDED_ENTRIES = 32;

/** What identifies a client when its address is unknown (in-process `app.request()` without a socket). */
export const UNKNOWN_CLIENT = 'unknown';

/**
 * The address of the client, given how many proxies in front of us are trusted: with `trustedHops` = 0 the
 * socket's peer (`X-Forwarded-For` is ignored: anyone can write it); with n, the n-th entry from the right of
 * `X-Forwarded-For`, since each trusted proxy appends the address it received the request from. A chain shorter
 * than n, or an entry that is not an IP address, stops the walk at the last trustworthy address.
 */
export function clientAddress(socket: string | undefined, forwardedFor: string | undefined, trustedHops: number): string | undefined {
  let address = socket;
  if (trustedHops <= 0 || !forwardedFor) return address;
  const chain = forwardedFor.split(',').slice(-MAX_FORWARDED_ENTRIES).reverse();
  for (const entry of chain.slice(0, trustedHops)) {
    const candidate = entry.trim();
    if (isIP(candidate) === 0) break;
    address = candidate;
  }
  return address;
}

/**
 * The rate-limit and analytics identity of an address: IPv4 as is (IPv4-mapped IPv6 too), IPv6 by its /64
 * prefix — one subscriber gets a whole /64 and could otherwise rotate through 2^64 addresses.
 */
export function clientKey(address: string | undefined): string {
  const plain = address?.split('%')[0]?.trim() ?? '';
  const family = isIP(plain);
  if (family === 4) return plain;
  if (family !== 6) return UNKNOWN_CLIENT;
  try {
    const binary = convertIPv6ToBinary(plain);
    if (isIPv4MappedIPv6(binary)) return convertIPv4BinaryToString(convertIPv4MappedIPv6ToIPv4(binary));
    return `${convertIPv6BinaryToString((binary >> 64n) << 64n)}/64`;
  } catch {
    // node:net accepted it, hono's parser did not: still one client, never a failed request.
    return UNKNOWN_CLIENT;
  }
}

// @hono/node-server passes the Node request as `env.incoming`; nothing else is read from it.
const NodeBindings = z.object({ incoming: z.object({ socket: z.object({ remoteAddress: z.string().optional() }) }) });

/** The socket peer of a request served by @hono/node-server (tests pass the same shape as `app.request`'s env). */
export function socketAddress(c: Context): string | undefined {
  const parsed = NodeBindings.safeParse(c.env);
  return parsed.success ? parsed.data.incoming.socket.remoteAddress : undefined;
}

/** `(c) => clientKey` for a deployment that trusts `trustedHops` proxies in front of it. */
export function clientKeyOf(trustedHops: number): (c: Context) => string {
  return (c) => clientKey(clientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trustedHops));
}
