import { connect } from 'node:net';
import type { ObservedResponse } from './envelopes';

/**
 * Sends bytes exactly as given over a fresh TCP connection and reads one HTTP/1.1 answer, for what
 * no HTTP client lets through: CR/LF inside a header value, duplicate headers, oversized headers.
 * Resolves `{ statusCode: 0 }` when the server closed the connection without any answer.
 */
export function rawRequest(port: number, bytes: Buffer | string, timeoutMs = 5_000): Promise<ObservedResponse> {
  return new Promise((resolve, reject) => {
    const socket = connect({ port, host: '127.0.0.1' });
    const chunks: Buffer[] = [];
    const timer = setTimeout(() => {
      socket.destroy();
      reject(new Error(`no answer within ${timeoutMs} ms`));
    }, timeoutMs);
    socket.on('data', (chunk) => {
      chunks.push(chunk);
      const parsed = parseResponse(Buffer.concat(chunks));
      if (parsed) {
        clearTimeout(timer);
        socket.destroy();
        resolve(parsed);
      }
    });
    socket.on('error', () => undefined);
    socket.on('close', () => {
      clearTimeout(timer);
      resolve(parseResponse(Buffer.concat(chunks), true) ?? { statusCode: 0, headers: {}, body: '' });
    });
    socket.write(bytes);
  });
}

/** One complete response (by content-length, or by close), or undefined while bytes are missing. */
function parseResponse(data: Buffer, closed = false): ObservedResponse | undefined {
  const end = data.indexOf('\r\n\r\n');
  if (end < 0) return undefined;
  const [statusLine, ...lines] = data.subarray(0, end).toString('latin1').split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const body = data.subarray(end + 4);
  const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
  if (length === undefined ? !closed : body.length < length) return undefined;
  return { statusCode: Number(statusLine!.split(' ')[1]), headers, body: body.subarray(0, length ?? body.length).toString('utf8') };
}
