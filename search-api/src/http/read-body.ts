import { IncomingMessage } from 'node:http';
import type { Context } from 'hono';

/**
 * The request body as UTF-8 text, or undefined when it is larger than `maxBytes` (declared or sent: reading stops
 * there, so memory stays bounded whatever a client streams). Served by @hono/node-server it reads Node's own request
 * stream: `c.req.text()` there first builds a web `Request` (abort signal, web stream over the socket), about 120 µs of
 * a cached Algolia answer's ~250 (issue 18). Elsewhere (`app.request()` in tests) it reads the web body.
 */
export async function readBodyText(c: Context, maxBytes: number): Promise<string | undefined> {
  const declared = Number(c.req.header('content-length') ?? 0);
  if (declared > maxBytes) return undefined;
  const incoming: unknown = (c.env as { incoming?: unknown } | undefined)?.incoming;
  if (incoming instanceof IncomingMessage && !incoming.readableDidRead) return readIncoming(incoming, maxBytes);
  return readWebBody(c.req.raw.body, maxBytes);
}

function readIncoming(incoming: IncomingMessage, maxBytes: number): Promise<string | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = () => {
      incoming.off('data', onData).off('end', onEnd).off('error', onError).off('close', onClose);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size <= maxBytes) return void chunks.push(chunk);
      // Over the limit: stop listening; Node discards the rest once the answer is sent.
      stop();
      incoming.pause();
      resolve(undefined);
    };
    const onEnd = () => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (err: Error) => {
      stop();
      reject(err);
    };
    const onClose = () => onError(new Error('the client closed the request before its body ended'));
    incoming.on('data', onData).on('end', onEnd).on('error', onError).on('close', onClose);
  });
}

async function readWebBody(body: ReadableStream<Uint8Array> | null, maxBytes: number): Promise<string | undefined> {
  if (!body) return '';
  const reader = body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.length;
    if (size > maxBytes) {
      await reader.cancel();
      return undefined;
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks).toString('utf8');
}
