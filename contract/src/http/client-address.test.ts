import { Hono } from 'hono';
import { describe, expect, it } from 'vitest';
import { clientAddress, clientKey, clientKeyOf, UNKNOWN_CLIENT } from './client-address';

describe('clientAddress', () => {
  it.each([
    ['no trusted proxy: the socket, whatever the header says', '10.0.0.1', '1.2.3.4', 0, '10.0.0.1'],
    ['one trusted proxy: the rightmost entry', '10.0.0.1', '6.6.6.6, 203.0.113.9', 1, '203.0.113.9'],
    ['two trusted proxies: second from the right', '10.0.0.1', '6.6.6.6, 203.0.113.9, 10.0.0.2', 2, '203.0.113.9'],
    ['a chain shorter than the hops: the leftmost', '10.0.0.1', '203.0.113.9', 3, '203.0.113.9'],
    ['no header behind a proxy: the socket', '10.0.0.1', undefined, 1, '10.0.0.1'],
    ['garbage stops the walk at the last real address', '10.0.0.1', '203.0.113.9, <script>', 2, '10.0.0.1'],
    ['a port is not an address', '10.0.0.1', '203.0.113.9:4711', 1, '10.0.0.1'],
  ])('%s', (_name, socket, header, hops, expected) => {
    expect(clientAddress(socket, header, hops)).toBe(expected);
  });
});

describe('clientKey', () => {
  it.each([
    ['203.0.113.9', '203.0.113.9/32'],
    ['::ffff:203.0.113.9', '203.0.113.9/32'],
    ['2001:db8:1:2:3:4:5:6', '2001:db8:1:2::/64'],
    ['2001:db8:1:2:ffff::1', '2001:db8:1:2::/64'],
    ['fe80::1%eth0', 'fe80::/64'],
    [undefined, UNKNOWN_CLIENT],
    ['not-an-ip', UNKNOWN_CLIENT],
  ])('%s → %s', (address, key) => {
    expect(clientKey(address)).toBe(key);
  });

  it('keeps only the network prefix asked for', () => {
    const networks = { ipv4Bits: 24, ipv6Bits: 48 };
    expect(clientKey('203.0.113.9', networks)).toBe('203.0.113.0/24');
    expect(clientKey('2001:db8:1:2:3:4:5:6', networks)).toBe('2001:db8:1::/48');
  });
});

describe('clientKeyOf', () => {
  const app = (hops: number) => new Hono().get('/', (c) => c.text(clientKeyOf(hops)(c)));
  const env = (remoteAddress: string) => ({ incoming: { socket: { remoteAddress } } });

  it('reads the socket that @hono/node-server passes, and the header only when proxies are trusted', async () => {
    const init = { headers: { 'x-forwarded-for': '198.51.100.7' } };
    expect(await (await app(0).request('/', init, env('10.1.1.1'))).text()).toBe('10.1.1.1/32');
    expect(await (await app(1).request('/', init, env('10.1.1.1'))).text()).toBe('198.51.100.7/32');
  });

  it('is one unknown client without a socket', async () => {
    expect(await (await app(0).request('/')).text()).toBe(UNKNOWN_CLIENT);
  });

  it.each([{ incoming: 'x' }, { incoming: { socket: null } }, { incoming: { socket: { remoteAddress: 7 } } }, { incoming: { socket: {} } }])(
    'is one unknown client for bindings of another shape: %j',
    async (bindings) => {
      expect(await (await app(0).request('/', {}, bindings)).text()).toBe(UNKNOWN_CLIENT);
    },
  );
});
