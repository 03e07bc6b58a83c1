import { isIP } from 'node:net';
import type { Context } from 'hono';
import {
  convertIPv4BinaryToString,
  convertIPv4MappedIPv6ToIPv4,
  convertIPv4ToBinary,
  convertIPv6BinaryToString,
  convertIPv6ToBinary,
  isIPv4MappedIPv6,
} from 'hono/utils/ipaddr';

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

/** How much of an address identifies a client: the network prefix lengths kept. */
export type ClientPrefix = { ipv4Bits: number; ipv6Bits: number };

/** Rate limits: one IPv4 address, one IPv6 /64 (one subscriber gets a whole /64 and could rotate through it). */
export const RATE_LIMIT_PREFIX: ClientPrefix = { ipv4Bits: 32, ipv6Bits: 64 };

const masked = (binary: bigint, width: number, bits: number) => (binary >> BigInt(width - bits)) << BigInt(width - bits);

/**
 * The identity of an address as `network/bits` (`203.0.113.9/32`, `2001:db8:1:2::/64`), IPv4-mapped IPv6 as IPv4;
 * anything unparseable is one `unknown` client.
 */
export function clientKey(address: string | undefined, prefix: ClientPrefix = RATE_LIMIT_PREFIX): string {
  const plain = address?.split('%')[0]?.trim() ?? '';
  const family = isIP(plain);
  if (family === 0) return UNKNOWN_CLIENT;
  try {
    let binary = family === 4 ? convertIPv4ToBinary(plain) : convertIPv6ToBinary(plain);
    if (family === 6 && isIPv4MappedIPv6(binary)) binary = convertIPv4MappedIPv6ToIPv4(binary);
    else if (family === 6) return `${convertIPv6BinaryToString(masked(binary, 128, prefix.ipv6Bits))}/${prefix.ipv6Bits}`;
    return `${convertIPv4BinaryToString(masked(binary, 32, prefix.ipv4Bits))}/${prefix.ipv4Bits}`;
  } catch {
    // node:net accepted it, hono's parser did not: still one client, never a failed request.
    return UNKNOWN_CLIENT;
  }
}

/** `value[key]` when `value` is an object that has it (an own or inherited property), else undefined. */
function member(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && key in value ? Reflect.get(value, key) : undefined;
}

/**
 * The socket peer of a request served by @hono/node-server, which passes the Node request as `env.incoming` (tests pass
 * the same shape as `app.request`'s env); nothing else is read from it. Property checks rather than a zod parse: this runs
 * for every search (about 4 µs of a cache hit's CPU as a parse, issue 18).
 */
export function socketAddress(c: Context): string | undefined {
  const address = member(member(member(c.env, 'incoming'), 'socket'), 'remoteAddress');
  return typeof address === 'string' ? address : undefined;
}

/** The address of the client of a request (undefined = unknown). */
export type ClientAddressOf = (c: Context) => string | undefined;

/** `(c) => address` of the client for a deployment that trusts `trustedHops` proxies in front of it. */
export function clientAddressOf(trustedHops: number): ClientAddressOf {
  return (c) => clientAddress(socketAddress(c), c.req.header('x-forwarded-for'), trustedHops);
}

/** `(c) => clientKey` (rate-limit prefix) for a deployment that trusts `trustedHops` proxies in front of it. */
export function clientKeyOf(trustedHops: number): (c: Context) => string {
  const addressOf = clientAddressOf(trustedHops);
  return (c) => clientKey(addressOf(c));
}
