import type { Duplex } from 'node:stream';
import { HttpProblem } from './http-problem';

/** Node's default `maxHeaderSize`: the request line (so the URL) and every header together. */
export const MAX_HEADER_BYTES = 16_384;

type ClientErrorSource = { on(event: 'clientError', listener: (err: NodeJS.ErrnoException, socket: Duplex) => void): unknown };

/** The raw HTTP/1.1 answer for a request Node refused before any route ran. */
export function clientErrorResponse(err: Pick<NodeJS.ErrnoException, 'code'>): string {
  const problem =
    err.code === 'HPE_HEADER_OVERFLOW'
      ? new HttpProblem('headers_too_large', `the request line and headers exceed ${MAX_HEADER_BYTES} bytes (the URL counts): send a shorter query`)
      : new HttpProblem('bad_request', 'malformed HTTP request');
  const body = JSON.stringify(problem.toBody());
  return [
    `HTTP/1.1 ${problem.status} ${problem.title}`,
    'Content-Type: application/problem+json',
    `Content-Length: ${Buffer.byteLength(body)}`,
    'Connection: close',
    '',
    body,
  ].join('\r\n');
}

/**
 * Node answers a malformed request, or one whose URL and headers exceed 16 KB, itself — before Hono runs — with an
 * empty body. This answers with the same problem+json every other 4xx has.
 */
export function answerClientErrorsAsProblems(server: ClientErrorSource): void {
  server.on('clientError', (err, socket) => {
    if (err.code === 'ECONNRESET' || !socket.writable) {
      socket.destroy();
      return;
    }
    socket.end(clientErrorResponse(err));
  });
}
