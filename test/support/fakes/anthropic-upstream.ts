/**
 * A fake Anthropic Messages API on a real socket, for tests that need the network path:
 * `POST /v1/messages` as JSON or as an event stream in Anthropic's exact order (`message_start`,
 * `content_block_start`, `ping`, deltas, `content_block_stop`, `message_delta`, `message_stop`),
 * with real delays between events. Behaviour is scripted per request: error statuses with
 * Anthropic error bodies (`retry-after` on 429, 529 overloaded), hangs, a slow first byte,
 * streams cut after N events, a mid-stream `event: error`, and API-key checks.
 *
 * @example
 * const anthropic = await startFakeAnthropic({ apiKey: 'sk-ant-test' });
 * anthropic.setScript({ status: 529 }, { reply: 'second try works' });
 * // ... point a provider account at anthropic.url ...
 * await anthropic.close();
 */
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake does with one request. Every field is optional; `{}` is a normal answer. */
export interface AnthropicBehaviour {
  /** Answer this HTTP status with an Anthropic error body (`{"type":"error","error":{"type","message"}}`). */
  status?: number;
  /** Error message for `status`; a realistic default per status otherwise. */
  errorMessage?: string;
  /** With status 429 (or any status): sent as `retry-after`. Default 429 sends 1. */
  retryAfterSeconds?: number;
  /** Never answer (the connection stays open until the client gives up or the fake closes). */
  hang?: boolean;
  /** Wait this long before the status line. */
  firstByteDelayMs?: number;
  /** Wait this long between two stream events (default 5). */
  eventDelayMs?: number;
  /** Streams only: destroy the socket after writing this many events. */
  cutAfterEvents?: number;
  /** Streams only: after this many events, send `event: error` with this error and end the response. */
  errorAfterEvents?: { events: number; type?: string; message?: string };
  /** The answer text (default: `Echo: <last user text>`); `''` answers with no text block. */
  reply?: string;
  /** Number of text deltas the reply is split into (default 3, at most one per word). */
  chunks?: number;
  /** Also answer a tool call, after the text (stop reason `tool_use`). */
  toolUse?: { name: string; input?: Record<string, unknown>; id?: string };
  /** Stop reason of the answer (default `end_turn`, or `tool_use` with `toolUse`). */
  stopReason?: string;
  /** Usage to report (defaults: input from the request's word count, output from the reply's). */
  usage?: { input_tokens?: number; output_tokens?: number; cache_read_input_tokens?: number; cache_creation_input_tokens?: number };
}

export interface RecordedAnthropicRequest {
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export interface FakeAnthropic {
  /** Base URL without `/v1`, e.g. `http://127.0.0.1:41234` (adapters and the SDK append `/v1/messages`). */
  url: string;
  port: number;
  requests: RecordedAnthropicRequest[];
  /** Behaviours for the next requests, one each, in order; afterwards requests get `{}`. */
  setScript(...steps: AnthropicBehaviour[]): void;
  /** Require this key (`x-api-key` or `Authorization: Bearer`); `undefined` accepts any (a missing key is still refused). */
  requireApiKey(key: string | undefined): void;
  close(): Promise<void>;
}

export interface FakeAnthropicOptions {
  port?: number;
  apiKey?: string;
}

const ERROR_TYPES: Record<number, string> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'messages: Field required',
  401: 'invalid x-api-key',
  403: 'Your API key does not have permission to use the specified resource.',
  404: 'Not found',
  413: 'Request exceeds the maximum allowed number of bytes.',
  429: 'This request would exceed the rate limit for your organization. Please retry later.',
  500: 'Internal server error',
  504: 'Request timed out',
  529: 'Overloaded',
};

type Json = Record<string, unknown>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const id = (prefix: string) => `${prefix}${randomBytes(12).toString('hex')}`;
const words = (text: string) => text.split(/\s+/).filter(Boolean).length;

function lastUserText(body: Json): string {
  const messages = Array.isArray(body.messages) ? (body.messages as Json[]) : [];
  const last = [...messages].reverse().find((message) => message.role === 'user');
  if (!last) return '';
  if (typeof last.content === 'string') return last.content;
  const blocks = Array.isArray(last.content) ? (last.content as Json[]) : [];
  return blocks.filter((block) => block.type === 'text').map((block) => String(block.text)).join(' ');
}

function splitText(text: string, pieces: number): string[] {
  const tokens = text.match(/\S+\s*/g) ?? [];
  const size = Math.max(1, Math.ceil(tokens.length / Math.max(1, pieces)));
  const out: string[] = [];
  for (let i = 0; i < tokens.length; i += size) out.push(tokens.slice(i, i + size).join(''));
  return out;
}

function sendError(response: ServerResponse, status: number, message: string, retryAfterSeconds?: number): void {
  const headers: Record<string, string> = { 'content-type': 'application/json', 'request-id': id('req_') };
  if (retryAfterSeconds !== undefined) headers['retry-after'] = String(retryAfterSeconds);
  const type = ERROR_TYPES[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
  response.writeHead(status, headers).end(JSON.stringify({ type: 'error', error: { type, message } }));
}

/** The answer a behaviour describes, as the blocks and usage both answer forms share. */
function answerOf(body: Json, behaviour: AnthropicBehaviour) {
  const reply = behaviour.reply ?? `Echo: ${lastUserText(body)}`;
  const tool = behaviour.toolUse ? { type: 'tool_use', id: behaviour.toolUse.id ?? id('toolu_'), name: behaviour.toolUse.name, input: behaviour.toolUse.input ?? {} } : undefined;
  const usage = {
    input_tokens: behaviour.usage?.input_tokens ?? Math.max(1, words(JSON.stringify(body.messages ?? ''))),
    cache_creation_input_tokens: behaviour.usage?.cache_creation_input_tokens ?? 0,
    cache_read_input_tokens: behaviour.usage?.cache_read_input_tokens ?? 0,
    output_tokens: behaviour.usage?.output_tokens ?? words(reply) + (tool ? 10 : 0),
  };
  const message = {
    id: id('msg_'),
    type: 'message',
    role: 'assistant',
    model: String(body.model),
    stop_reason: behaviour.stopReason ?? (tool ? 'tool_use' : 'end_turn'),
    stop_sequence: null,
  };
  return { reply, tool, usage, message };
}

function streamEvents(body: Json, behaviour: AnthropicBehaviour): Array<[string, Json]> {
  const { reply, tool, usage, message } = answerOf(body, behaviour);
  const events: Array<[string, Json]> = [
    ['message_start', { type: 'message_start', message: { ...message, content: [], stop_reason: null, usage: { ...usage, output_tokens: 1 } } }],
  ];
  let index = 0;
  if (reply.length > 0) {
    events.push(['content_block_start', { type: 'content_block_start', index, content_block: { type: 'text', text: '' } }]);
    events.push(['ping', { type: 'ping' }]);
    for (const text of splitText(reply, behaviour.chunks ?? 3)) {
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'text_delta', text } }]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
    index += 1;
  } else events.push(['ping', { type: 'ping' }]);
  if (tool) {
    events.push(['content_block_start', { type: 'content_block_start', index, content_block: { ...tool, input: {} } }]);
    const json = JSON.stringify(tool.input);
    const half = Math.ceil(json.length / 2);
    for (const partial of ['', json.slice(0, half), json.slice(half)]) {
      events.push(['content_block_delta', { type: 'content_block_delta', index, delta: { type: 'input_json_delta', partial_json: partial } }]);
    }
    events.push(['content_block_stop', { type: 'content_block_stop', index }]);
  }
  events.push(['message_delta', { type: 'message_delta', delta: { stop_reason: message.stop_reason, stop_sequence: null }, usage: { output_tokens: usage.output_tokens } }]);
  events.push(['message_stop', { type: 'message_stop' }]);
  return events;
}

async function writeStream(response: ServerResponse, body: Json, behaviour: AnthropicBehaviour): Promise<void> {
  response.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'request-id': id('req_') });
  const events = streamEvents(body, behaviour);
  for (const [written, [event, data]] of events.entries()) {
    if (response.destroyed) return;
    if (written > 0) await sleep(behaviour.eventDelayMs ?? 5);
    if (written === behaviour.cutAfterEvents) return void response.socket?.destroy();
    if (written === behaviour.errorAfterEvents?.events) {
      const error = { type: behaviour.errorAfterEvents.type ?? 'overloaded_error', message: behaviour.errorAfterEvents.message ?? 'Overloaded' };
      return void response.end(`event: error\ndata: ${JSON.stringify({ type: 'error', error })}\n\n`);
    }
    // Wait until the event left the process, so a cut that follows never swallows it.
    await new Promise<void>((resolve) => response.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`, () => resolve()));
  }
  response.end();
}

function writeMessage(response: ServerResponse, body: Json, behaviour: AnthropicBehaviour): void {
  const { reply, tool, usage, message } = answerOf(body, behaviour);
  const content = [...(reply.length > 0 ? [{ type: 'text', text: reply }] : []), ...(tool ? [tool] : [])];
  response.writeHead(200, { 'content-type': 'application/json', 'request-id': id('req_') }).end(JSON.stringify({ ...message, content, usage }));
}

/** First problem a real Anthropic API would refuse this request for, if any. */
function refusal(request: IncomingMessage, body: unknown, apiKey: string | undefined): [number, string] | undefined {
  // Recent official SDKs send the key as `Authorization: Bearer`; older clients as `x-api-key`.
  const bearer = /^Bearer (.+)$/i.exec(request.headers.authorization ?? '')?.[1];
  const key = request.headers['x-api-key'] ?? bearer;
  if (key === undefined) return [401, 'x-api-key header is required'];
  if (apiKey !== undefined && key !== apiKey) return [401, 'invalid x-api-key'];
  if (!request.headers['anthropic-version']) return [400, 'anthropic-version: header is required'];
  if (typeof body !== 'object' || body === null) return [400, 'There was an issue with the format of your request: body must be JSON'];
  const json = body as Json;
  for (const field of ['model', 'max_tokens', 'messages']) {
    if (json[field] === undefined) return [400, `${field}: Field required`];
  }
  return undefined;
}

async function readBody(request: IncomingMessage): Promise<unknown> {
  const pieces: Buffer[] = [];
  for await (const piece of request) pieces.push(piece as Buffer);
  const text = Buffer.concat(pieces).toString('utf8');
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

/** Starts the fake on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeAnthropic(options: FakeAnthropicOptions = {}): Promise<FakeAnthropic> {
  const requests: RecordedAnthropicRequest[] = [];
  const sockets = new Set<Socket>();
  let script: AnthropicBehaviour[] = [];
  let apiKey = options.apiKey;

  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    const body = await readBody(request);
    const path = (request.url ?? '/').split('?')[0];
    requests.push({ method: request.method ?? 'GET', path, headers: request.headers, body });
    const behaviour = script.shift() ?? {};
    if (behaviour.hang) return;
    if (behaviour.firstByteDelayMs) await sleep(behaviour.firstByteDelayMs);
    if (request.method !== 'POST' || path !== '/v1/messages') return sendError(response, 404, `Not found: ${request.method} ${path}`);
    const refused = refusal(request, body, apiKey);
    if (refused) return sendError(response, refused[0], refused[1]);
    if (behaviour.status !== undefined) {
      const retryAfter = behaviour.retryAfterSeconds ?? (behaviour.status === 429 ? 1 : undefined);
      return sendError(response, behaviour.status, behaviour.errorMessage ?? DEFAULT_MESSAGES[behaviour.status] ?? `status ${behaviour.status}`, retryAfter);
    }
    if ((body as Json).stream === true) await writeStream(response, body as Json, behaviour);
    else writeMessage(response, body as Json, behaviour);
  };

  const server: Server = createServer((request, response) => {
    handle(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScript: (...steps) => {
      script = steps;
    },
    requireApiKey: (key) => {
      apiKey = key;
    },
    close: () =>
      new Promise<void>((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}
