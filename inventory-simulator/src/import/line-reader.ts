/** One physical line of an upload: its 1-based number and text, or a marker that it was over the limit. */
export type RawLine = { line: number; text: string } | { line: number; tooLong: true };

/** Thrown when the whole upload is over its byte limit (the route answers 413 and writes nothing). */
export class UploadTooLargeError extends Error {
  constructor(readonly maxBytes: number) {
    super(`upload over ${maxBytes} bytes`);
    this.name = 'UploadTooLargeError';
  }
}

export type LineReaderOptions = { maxBytes: number; maxLineBytes: number };

/**
 * Split a byte stream into lines without holding more than one line: a line over `maxLineBytes` is reported
 * (and skipped) instead of growing a buffer without bound; the total over `maxBytes` stops the upload.
 * Blank lines are skipped but still counted, so reported line numbers match the file.
 */
export async function* readLines(chunks: AsyncIterable<Uint8Array>, options: LineReaderOptions): AsyncGenerator<RawLine> {
  const decoder = new TextDecoder('utf-8');
  let total = 0;
  let line = 0;
  let current = '';
  let currentBytes = 0;
  let overflow = false;
  const finish = (): RawLine | undefined => {
    line += 1;
    const text = current.endsWith('\r') ? current.slice(0, -1) : current;
    const result: RawLine | undefined = overflow ? { line, tooLong: true } : text.trim() === '' ? undefined : { line, text };
    current = '';
    currentBytes = 0;
    overflow = false;
    return result;
  };
  for await (const chunk of chunks) {
    total += chunk.byteLength;
    if (total > options.maxBytes) throw new UploadTooLargeError(options.maxBytes);
    let start = 0;
    for (;;) {
      const newline = chunk.indexOf(0x0a, start);
      const end = newline === -1 ? chunk.byteLength : newline;
      const piece = chunk.subarray(start, end);
      currentBytes += piece.byteLength;
      if (currentBytes > options.maxLineBytes) overflow = true;
      // stream: true keeps a multi-byte character split across chunks; the decoder runs even for an
      // overflowing line so that its state stays in step with the bytes.
      const text = decoder.decode(piece, { stream: newline === -1 });
      current = overflow ? '' : current + text;
      if (newline === -1) break;
      const done = finish();
      if (done) yield done;
      start = newline + 1;
    }
  }
  current += decoder.decode();
  if (current !== '' || overflow) {
    const done = finish();
    if (done) yield done;
  }
}

/** A web ReadableStream as an async iterable (the DOM typings lack `Symbol.asyncIterator`). */
export async function* streamChunks(stream: ReadableStream<Uint8Array>): AsyncGenerator<Uint8Array> {
  const reader = stream.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) return;
      yield value;
    }
  } finally {
    // Stops the upload early (size limit) without leaving the request stream locked.
    await reader.cancel().catch(() => undefined);
  }
}
