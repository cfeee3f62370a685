import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { setTimeout as sleep } from 'node:timers/promises';

/**
 * A fake OpenAI (and Azure OpenAI) server over real sockets, for the gateway's fault tests.
 * It answers in OpenAI's wire format and does, per request, what its script says: answer, fail
 * with a status, hang, answer slowly, cut a stream, or insist on an API key.
 */

/** One request as the fake received it (header names lower-case, body parsed when JSON). */
export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string>;
  body: unknown;
  rawBody: string;
}

export interface FakeToolCall {
  name: string;
  arguments: string;
}

interface Timing {
  /** Wait before the status line is written. */
  firstByteDelayMs?: number;
  /** Wait between two stream events (defaults to the server's `chunkDelayMs`). */
  chunkDelayMs?: number;
}

/** What the fake does with one request. */
export type FakeBehaviour =
  | ({
      kind: 'ok';
      reply?: string;
      /** Streams only: the exact content pieces, one per chunk (default: the reply split after each whitespace). */
      pieces?: string[];
      toolCalls?: FakeToolCall[];
      cachedTokens?: number;
      reasoningTokens?: number;
    } & Timing)
  | ({ kind: 'error'; status: number; message?: string; type?: string | null; code?: string | null; param?: string | null; retryAfter?: string; retryAfterMs?: number } & Timing)
  | { kind: 'hang' }
  | ({ kind: 'cut'; afterChunks: number } & Timing)
  | { kind: 'require-key'; key: string; then?: FakeBehaviour };

/** A function deciding per request, or a queue consumed one behaviour per request (then `ok`). */
export type FakeScript = ((request: RecordedRequest) => FakeBehaviour) | FakeBehaviour[];

export interface FakeOpenAIOptions {
  port?: number;
  /** When set, every request must carry it (`Authorization: Bearer …` or Azure's `api-key`). */
  apiKey?: string;
  /** Default pause between stream events, in ms (5 unless set). */
  chunkDelayMs?: number;
  /** Ids answered on `GET /v1/models`. */
  models?: string[];
}

export interface FakeOpenAI {
  /** `http://127.0.0.1:<port>`: an Azure account's baseUrl. */
  url: string;
  /** `http://127.0.0.1:<port>/v1`: an OpenAI account's baseUrl. */
  baseUrl: string;
  port: number;
  requests: RecordedRequest[];
  setScript(script: FakeScript): void;
  close(): Promise<void>;
}

export const FAKE_CREATED = 1749804000;
export const DEFAULT_FAKE_REPLY = 'Hello from the fake OpenAI upstream.';
const DEFAULT_MODELS = ['gpt-4o-mini', 'gpt-4o', 'o3-mini', 'text-embedding-3-small'];

const AZURE_PATH = /^\/openai\/deployments\/([^/]+)\/(chat\/completions|embeddings)$/;

type Route = { operation: 'chat' | 'embeddings' | 'models'; azure: boolean; deployment?: string };

function routeOf(method: string, path: string): Route | undefined {
  if (method === 'POST' && path === '/v1/chat/completions') return { operation: 'chat', azure: false };
  if (method === 'POST' && path === '/v1/embeddings') return { operation: 'embeddings', azure: false };
  if (method === 'GET' && path === '/v1/models') return { operation: 'models', azure: false };
  const azure = method === 'POST' ? AZURE_PATH.exec(path) : null;
  if (azure) return { operation: azure[2] === 'embeddings' ? 'embeddings' : 'chat', azure: true, deployment: decodeURIComponent(azure[1]) };
  return undefined;
}

function openAiError(message: string, type: string | null, code: string | null, param: string | null = null): string {
  return JSON.stringify({ error: { message, type, param, code } });
}

function sendJson(res: ServerResponse, status: number, body: string, headers: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': 'application/json', 'x-request-id': `req_fake${Date.now().toString(16)}`, ...headers });
  res.end(body);
}

function countWords(value: unknown): number {
  if (typeof value === 'string') return value.split(/\s+/).filter(Boolean).length;
  if (Array.isArray(value)) return value.reduce((sum: number, item) => sum + countWords(item), 0);
  if (value && typeof value === 'object') return countWords((value as { content?: unknown; text?: unknown }).content ?? (value as { text?: unknown }).text);
  return 0;
}

interface ChatRequestBody {
  model?: string;
  messages?: unknown[];
  stream?: boolean;
  stream_options?: { include_usage?: boolean };
}

function usageOf(body: ChatRequestBody, completionTokens: number, behaviour: { cachedTokens?: number; reasoningTokens?: number }) {
  const prompt = Math.max(1, countWords(body.messages ?? []));
  const reasoning = behaviour.reasoningTokens ?? 0;
  const completion = completionTokens + reasoning;
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: behaviour.cachedTokens ?? 0, audio_tokens: 0 },
    completion_tokens_details: { reasoning_tokens: reasoning, audio_tokens: 0, accepted_prediction_tokens: 0, rejected_prediction_tokens: 0 },
  };
}

type OkBehaviour = Extract<FakeBehaviour, { kind: 'ok' }>;

function completionId(rawBody: string): string {
  return `chatcmpl-fake${createHash('sha256').update(rawBody).digest('hex').slice(0, 24)}`;
}

/** The whole `chat.completion` body. */
function chatCompletion(body: ChatRequestBody, rawBody: string, behaviour: OkBehaviour, model: string) {
  const reply = behaviour.reply ?? DEFAULT_FAKE_REPLY;
  const toolCalls = behaviour.toolCalls?.map((call, index) => ({ id: `call_fake${index}`, type: 'function', function: { name: call.name, arguments: call.arguments } }));
  const message = toolCalls
    ? { role: 'assistant', content: null, tool_calls: toolCalls, refusal: null, annotations: [] }
    : { role: 'assistant', content: reply, refusal: null, annotations: [] };
  const completionTokens = toolCalls ? countWords(behaviour.toolCalls!.map((call) => call.arguments)) : countWords(reply);
  return {
    id: completionId(rawBody),
    object: 'chat.completion',
    created: FAKE_CREATED,
    model,
    choices: [{ index: 0, message, logprobs: null, finish_reason: toolCalls ? 'tool_calls' : 'stop' }],
    usage: usageOf(body, completionTokens, behaviour),
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
  };
}

/** The stream's events, `data: [DONE]` included, each a complete SSE frame. */
export function chatStreamEvents(body: ChatRequestBody, rawBody: string, behaviour: OkBehaviour, model: string): string[] {
  const includeUsage = body.stream_options?.include_usage === true;
  const base = { id: completionId(rawBody), object: 'chat.completion.chunk', created: FAKE_CREATED, model, service_tier: 'default', system_fingerprint: 'fp_fake' };
  const frame = (choices: unknown[], usage?: unknown) =>
    `data: ${JSON.stringify({ ...base, choices, ...(includeUsage ? { usage: usage ?? null } : {}) })}\n\n`;
  const choice = (delta: unknown, finish: string | null = null) => ({ index: 0, delta, logprobs: null, finish_reason: finish });
  const events: string[] = [];
  let completionTokens = 0;
  if (behaviour.toolCalls) {
    events.push(frame([choice({ role: 'assistant', content: null, refusal: null })]));
    behaviour.toolCalls.forEach((call, index) => {
      events.push(frame([choice({ tool_calls: [{ index, id: `call_fake${index}`, type: 'function', function: { name: call.name, arguments: '' } }] })]));
      const half = Math.ceil(call.arguments.length / 2);
      for (const part of [call.arguments.slice(0, half), call.arguments.slice(half)]) {
        events.push(frame([choice({ tool_calls: [{ index, function: { arguments: part } }] })]));
      }
      completionTokens += countWords(call.arguments);
    });
    events.push(frame([choice({}, 'tool_calls')]));
  } else {
    events.push(frame([choice({ role: 'assistant', content: '', refusal: null })]));
    const words = behaviour.pieces ?? (behaviour.reply ?? DEFAULT_FAKE_REPLY).split(/(?<=\s)/);
    for (const word of words) events.push(frame([choice({ content: word })]));
    completionTokens = countWords(words);
    events.push(frame([choice({}, 'stop')]));
  }
  if (includeUsage) events.push(frame([], usageOf(body, completionTokens, behaviour)));
  events.push('data: [DONE]\n\n');
  return events;
}

function embeddingVector(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  const raw = Array.from({ length: dimensions }, (_, index) => digest[index % digest.length] / 255 - 0.5 + index * 1e-3);
  const norm = Math.hypot(...raw) || 1;
  return raw.map((value) => Number((value / norm).toFixed(8)));
}

function embeddingsAnswer(body: { input?: unknown; dimensions?: number; encoding_format?: string }, model: string) {
  const inputs = Array.isArray(body.input) ? body.input : [body.input ?? ''];
  const dimensions = body.dimensions ?? 8;
  const data = inputs.map((input, index) => {
    const vector = embeddingVector(JSON.stringify(input), dimensions);
    const embedding = body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector;
    return { object: 'embedding', index, embedding };
  });
  const tokens = inputs.reduce((sum: number, input) => sum + Math.max(1, countWords(input) || (Array.isArray(input) ? input.length : 1)), 0);
  return { object: 'list', data, model, usage: { prompt_tokens: tokens, total_tokens: tokens } };
}

function presentedKey(request: RecordedRequest): string | undefined {
  const bearer = /^Bearer (.+)$/.exec(request.headers.authorization ?? '');
  return bearer?.[1] ?? request.headers['api-key'];
}

function unauthorized(res: ServerResponse, route: Route): void {
  const body = route.azure
    ? JSON.stringify({ error: { code: '401', message: 'Access denied due to invalid subscription key or wrong API endpoint. Make sure to provide a valid key for an active subscription and use a correct regional API endpoint for your resource.' } })
    : openAiError('Incorrect API key provided. You can find your API key at https://platform.openai.com/account/api-keys.', 'invalid_request_error', 'invalid_api_key');
  sendJson(res, 401, body);
}

function errorHeaders(behaviour: Extract<FakeBehaviour, { kind: 'error' }>): Record<string, string> {
  const headers: Record<string, string> = {};
  if (behaviour.retryAfter !== undefined) headers['retry-after'] = behaviour.retryAfter;
  else if (behaviour.status === 429) headers['retry-after'] = '1';
  if (behaviour.retryAfterMs !== undefined) headers['retry-after-ms'] = String(behaviour.retryAfterMs);
  return headers;
}

const DEFAULT_ERRORS: Record<number, [string, string | null, string | null]> = {
  400: ['Invalid request.', 'invalid_request_error', null],
  401: ['Incorrect API key provided.', 'invalid_request_error', 'invalid_api_key'],
  404: ['The model does not exist or you do not have access to it.', 'invalid_request_error', 'model_not_found'],
  429: ['Rate limit reached for requests. Please try again in 1s.', 'requests', 'rate_limit_exceeded'],
  500: ['The server had an error while processing your request. Sorry about that!', 'server_error', null],
  503: ['The engine is currently overloaded, please try again later.', 'server_error', null],
};

/** Starts the fake on 127.0.0.1 (a free port unless `port` is given). */
export async function startFakeOpenAI(options: FakeOpenAIOptions = {}): Promise<FakeOpenAI> {
  const requests: RecordedRequest[] = [];
  let script: FakeScript = [];
  const chunkDelayMs = options.chunkDelayMs ?? 5;

  function nextBehaviour(request: RecordedRequest): FakeBehaviour {
    if (typeof script === 'function') return script(request);
    return script.shift() ?? { kind: 'ok' };
  }

  async function answer(res: ServerResponse, request: RecordedRequest, route: Route, behaviour: FakeBehaviour): Promise<void> {
    if (behaviour.kind === 'require-key') {
      if (presentedKey(request) !== behaviour.key) return unauthorized(res, route);
      return answer(res, request, route, behaviour.then ?? { kind: 'ok' });
    }
    if (behaviour.kind === 'hang') return;
    if (behaviour.firstByteDelayMs) await sleep(behaviour.firstByteDelayMs);
    if (res.destroyed) return;
    if (behaviour.kind === 'error') {
      const [message, type, code] = DEFAULT_ERRORS[behaviour.status] ?? [`Upstream failed with ${behaviour.status}.`, 'server_error', null];
      const body = openAiError(behaviour.message ?? message, behaviour.type === undefined ? type : behaviour.type, behaviour.code === undefined ? code : behaviour.code, behaviour.param ?? null);
      return sendJson(res, behaviour.status, body, errorHeaders(behaviour));
    }
    const okBehaviour: OkBehaviour = behaviour.kind === 'ok' ? behaviour : { kind: 'ok' };
    const body = (request.body ?? {}) as ChatRequestBody & Record<string, unknown>;
    const model = route.deployment ?? (typeof body.model === 'string' ? body.model : 'gpt-4o-mini');
    if (route.operation === 'models') {
      const data = (options.models ?? DEFAULT_MODELS).map((id) => ({ id, object: 'model', created: FAKE_CREATED, owned_by: 'system' }));
      return sendJson(res, 200, JSON.stringify({ object: 'list', data }));
    }
    if (route.operation === 'embeddings') return sendJson(res, 200, JSON.stringify(embeddingsAnswer(request.body as Parameters<typeof embeddingsAnswer>[0], model)));
    if (!body.stream) {
      const text = JSON.stringify(chatCompletion(body, request.rawBody, okBehaviour, model));
      if (behaviour.kind !== 'cut') return sendJson(res, 200, text);
      res.writeHead(200, { 'content-type': 'application/json' });
      await new Promise<void>((resolve) => res.write(text.slice(0, Math.floor(text.length / 2)), () => resolve()));
      return void res.destroy();
    }
    const events = chatStreamEvents(body, request.rawBody, okBehaviour, model);
    const limit = behaviour.kind === 'cut' ? behaviour.afterChunks : events.length;
    res.writeHead(200, { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', connection: 'keep-alive' });
    const delay = behaviour.chunkDelayMs ?? chunkDelayMs;
    for (const [index, event] of events.slice(0, limit).entries()) {
      if (index > 0) await sleep(delay);
      if (res.destroyed) return;
      // Wait until the event is handed to the socket, so a cut right after still delivers it.
      await new Promise<void>((resolve) => res.write(event, () => resolve()));
    }
    if (limit >= events.length) return void res.end();
    await sleep(delay);
    res.destroy();
  }

  async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake.local');
    let rawBody = '';
    for await (const piece of req) rawBody += piece;
    let body: unknown;
    try {
      body = rawBody ? JSON.parse(rawBody) : undefined;
    } catch {
      body = undefined;
    }
    const headers = Object.fromEntries(Object.entries(req.headers).map(([name, value]) => [name, Array.isArray(value) ? value.join(', ') : (value ?? '')]));
    const request: RecordedRequest = { method: req.method ?? 'GET', path: url.pathname, query: Object.fromEntries(url.searchParams), headers, body, rawBody };
    requests.push(request);
    const route = routeOf(request.method, request.path);
    if (!route) return sendJson(res, 404, openAiError(`Invalid URL (${request.method} ${request.path})`, 'invalid_request_error', null));
    if (route.azure && !request.query['api-version']) return sendJson(res, 404, JSON.stringify({ error: { code: '404', message: 'Resource not found' } }));
    if (options.apiKey !== undefined && presentedKey(request) !== options.apiKey) return unauthorized(res, route);
    if (route.operation !== 'models' && body === undefined) {
      return sendJson(res, 400, openAiError('We could not parse the JSON body of your request.', 'invalid_request_error', null));
    }
    await answer(res, request, route, nextBehaviour(request));
  }

  const server = createServer((req, res) => {
    handle(req, res).catch((error: unknown) => {
      if (!res.headersSent) sendJson(res, 500, openAiError(`fake upstream failed: ${String(error)}`, 'server_error', null));
      else res.destroy();
    });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    baseUrl: `${url}/v1`,
    port,
    requests,
    setScript(next) {
      script = Array.isArray(next) ? [...next] : next;
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((error) => (error ? reject(error) : resolve()));
      }),
  };
}
