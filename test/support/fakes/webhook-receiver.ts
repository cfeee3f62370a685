import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A webhook receiver over a real socket, for the dispatcher's tests: it records every request
 * (raw body included, to check signatures) and answers what its script says — a status, after a
 * delay, with a `retry-after` — or hangs.
 */
export interface ReceivedWebhook {
  method: string;
  path: string;
  /** Header names lower-case. */
  headers: Record<string, string>;
  /** The exact bytes received. */
  body: string;
  receivedAt: number;
}

export type ReceiverBehaviour =
  | { status: number; delayMs?: number; body?: string; headers?: Record<string, string> }
  | { hang: true };

/** A function deciding per request, or a queue consumed one behaviour per request (then 200). */
export type ReceiverScript = ((request: ReceivedWebhook) => ReceiverBehaviour) | ReceiverBehaviour[];

export interface FakeWebhookReceiver {
  /** `http://127.0.0.1:<port>/hooks` */
  url: string;
  port: number;
  requests: ReceivedWebhook[];
  setScript(script: ReceiverScript): void;
  /** Resolves once `count` requests arrived; rejects after `timeoutMs`. */
  waitForRequests(count: number, timeoutMs?: number): Promise<ReceivedWebhook[]>;
  close(): Promise<void>;
}

const OK: ReceiverBehaviour = { status: 200, body: 'ok' };

export async function startWebhookReceiver(): Promise<FakeWebhookReceiver> {
  const requests: ReceivedWebhook[] = [];
  let script: ReceiverScript = [];
  const hanging = new Set<ServerResponse>();

  const next = (request: ReceivedWebhook): ReceiverBehaviour => (typeof script === 'function' ? script(request) : (script.shift() ?? OK));

  const server = createServer(async (incoming: IncomingMessage, response: ServerResponse) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const headers = Object.fromEntries(Object.entries(incoming.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    const received: ReceivedWebhook = { method: incoming.method ?? '', path: incoming.url ?? '', headers, body: Buffer.concat(chunks).toString('utf8'), receivedAt: Date.now() };
    requests.push(received);
    const behaviour = next(received);
    if ('hang' in behaviour) {
      hanging.add(response);
      return;
    }
    if (behaviour.delayMs) await sleep(behaviour.delayMs);
    response.writeHead(behaviour.status, { 'content-type': 'text/plain', ...behaviour.headers });
    response.end(behaviour.body ?? '');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/hooks`,
    port,
    requests,
    setScript(value) {
      script = value;
    },
    async waitForRequests(count, timeoutMs = 15_000) {
      const deadline = Date.now() + timeoutMs;
      while (requests.length < count) {
        if (Date.now() > deadline) throw new Error(`the webhook receiver got ${requests.length} of ${count} requests within ${timeoutMs} ms`);
        await sleep(20);
      }
      return requests.slice(0, count);
    },
    async close() {
      for (const response of hanging) response.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}
