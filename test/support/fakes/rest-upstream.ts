import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One request as the fake received it: raw bytes and headers (names lower-case). */
export interface RestRecordedRequest {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingMessage['headers'];
  readonly body: Buffer;
}

/** The exact bytes `GET /pets` answers, for byte-for-byte comparisons. */
export const PETS_BODY = Buffer.from('[{"name":"Rex","tag":"dog"},  {"name":"Tom"}]\n', 'utf8');

/**
 * A plain REST upstream on loopback for the REST API proxy's tests (real sockets, node:http):
 * `GET /api/pets` (fixed bytes and headers), `GET /api/pets/:id` (404 in its own format for
 * `missing`), `POST /api/echo` (the body back, byte for byte), `GET /api/stream` (a chunked answer
 * whose later chunks wait for `releaseStream()`), and a record of every request it received.
 */
export class FakeRestUpstream {
  readonly requests: RestRecordedRequest[] = [];
  /** Streamed answers whose connection closed before the fake finished writing them. */
  streamsCut = 0;
  /** Request-body bytes received so far, counted as they arrive (before a request ends). */
  bytesArrived = 0;
  private server?: Server;
  private release?: () => void;
  private released = Promise.resolve();

  async start(): Promise<string> {
    this.server = createServer((request, response) => void this.handle(request, response));
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.release?.();
    this.server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.server ? this.server.close(() => resolve()) : resolve()));
  }

  /** The next `GET /api/stream` sends its first chunk, then waits for this call. */
  holdStream(): void {
    this.released = new Promise((resolve) => (this.release = resolve));
  }

  releaseStream(): void {
    this.release?.();
  }

  private async handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const chunk of request) {
      chunks.push(chunk as Buffer);
      this.bytesArrived += (chunk as Buffer).length;
    }
    const body = Buffer.concat(chunks);
    this.requests.push({ method: request.method ?? '', url: request.url ?? '', headers: request.headers, body });
    const path = (request.url ?? '').split('?')[0];
    if (request.method === 'GET' && path === '/api/pets') {
      response.writeHead(200, { 'content-type': 'application/json', 'content-length': PETS_BODY.length, etag: '"pets-1"', 'x-upstream': 'yes', 'set-cookie': ['a=1', 'b=2'] });
      return void response.end(PETS_BODY);
    }
    if (request.method === 'GET' && path === '/api/pets/missing') {
      response.writeHead(404, { 'content-type': 'application/problem+json' });
      return void response.end('{"title":"no such pet"}');
    }
    if (request.method === 'GET' && path?.startsWith('/api/pets/')) {
      response.writeHead(200, { 'content-type': 'application/json' });
      return void response.end(JSON.stringify({ name: decodeURIComponent(path.slice('/api/pets/'.length)) }));
    }
    if (request.method === 'POST' && path === '/api/echo') {
      response.writeHead(201, { 'content-type': request.headers['content-type'] ?? 'application/octet-stream', 'x-echo-length': String(body.length) });
      return void response.end(body);
    }
    if (request.method === 'GET' && path === '/api/stream') {
      response.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' });
      response.once('close', () => {
        if (!response.writableFinished) this.streamsCut++;
      });
      response.write('tick 1\n');
      await this.released;
      response.write('tick 2\n');
      return void response.end('tick 3\n');
    }
    response.writeHead(500, { 'content-type': 'text/plain' });
    response.end(`the fake does not serve ${request.method} ${path}`);
  }
}
