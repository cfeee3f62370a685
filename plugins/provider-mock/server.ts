import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { HeaderMap } from '../../src/plugin-sdk/index.js';
import { DEFAULT_MOCK_CONFIG, type MockProviderConfig } from './config.schema.js';
import { createMockUpstream, type MockHttpRequest } from './upstream.js';

export interface MockUpstreamServer {
  /** Base URL to give an OpenAI client, ending in `/v1`. */
  url: string;
  port: number;
  close(): Promise<void>;
}

async function readRequest(request: IncomingMessage): Promise<MockHttpRequest> {
  const pieces: Buffer[] = [];
  for await (const piece of request) pieces.push(piece as Buffer);
  const headers: HeaderMap = {};
  for (const [name, value] of Object.entries(request.headers)) if (typeof value === 'string') headers[name] = value;
  const path = new URL(request.url ?? '/', 'http://mock').pathname;
  return { method: request.method ?? 'GET', path, headers, body: Buffer.concat(pieces).toString('utf8') };
}

/**
 * The fake upstream over node:http, at `/v1/chat/completions`, `/v1/embeddings` and `/v1/models`,
 * for benchmarks and socket-level tests. A client that disconnects aborts its request; a cut
 * stream destroys the connection mid-response.
 */
export async function startMockUpstreamServer(options: { port?: number; host?: string; config?: Partial<MockProviderConfig> } = {}): Promise<MockUpstreamServer> {
  const upstream = createMockUpstream({ ...DEFAULT_MOCK_CONFIG, ...options.config });
  const server = createServer((request, response) => void serve(request, response));

  async function serve(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const controller = new AbortController();
    response.on('close', () => {
      if (!response.writableFinished) controller.abort();
    });
    try {
      const answer = await upstream.handle(await readRequest(request), controller.signal);
      response.writeHead(answer.status, answer.headers);
      if (typeof answer.body === 'string') {
        response.end(answer.body);
        return;
      }
      for await (const piece of answer.body) {
        if (!response.write(piece)) await new Promise((resolve) => response.once('drain', resolve));
      }
      response.end();
    } catch {
      response.destroy();
    }
  }

  const host = options.host ?? '127.0.0.1';
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, host, resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://${host}:${port}/v1`,
    port,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
