import { createConnection } from 'node:net';

/** Status and body of an HTTP GET, or undefined when nothing answered in time. */
export async function httpGet(url: string, timeoutMs = 2000): Promise<{ status: number; body: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    return { status: response.status, body: await response.text() };
  } catch {
    return undefined;
  }
}

/**
 * Sends `request` over a fresh TCP connection and resolves with the first chunk of the answer;
 * undefined when the port is closed or silent. An empty request only tests that the port accepts connections.
 */
export function tcpExchange(host: string, port: number, request: string, timeoutMs = 2000): Promise<string | undefined> {
  return new Promise((resolve) => {
    const socket = createConnection({ host, port });
    const finish = (answer: string | undefined): void => {
      socket.destroy();
      resolve(answer);
    };
    socket.setTimeout(timeoutMs, () => finish(undefined));
    socket.once('error', () => finish(undefined));
    socket.once('connect', () => {
      if (request === '') finish('');
      else socket.write(request);
    });
    socket.once('data', (chunk: Buffer) => finish(chunk.toString('utf8')));
  });
}

/** Whether something accepts TCP connections at host:port. */
export async function portOpen(host: string, port: number): Promise<boolean> {
  return (await tcpExchange(host, port, '', 1000)) !== undefined;
}
