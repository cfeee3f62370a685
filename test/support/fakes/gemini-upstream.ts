/**
 * A fake Gemini API (Generative Language API v1beta) on a real socket, for tests that need the
 * network path: `:generateContent`, `:streamGenerateContent` (`?alt=sse`, chunk by chunk with real
 * delays), `:embedContent`, `:batchEmbedContents` and `GET /v1beta/models`, in Gemini's wire format.
 * Behaviour is scripted per request: error statuses with Gemini error bodies, hangs, a slow first
 * byte, streams cut after N chunks, and API-key checks.
 *
 * @example
 * const gemini = await startFakeGemini({ apiKey: 'AIza-test' });
 * gemini.setScript({ status: 429, retryAfterSeconds: 2 }, { reply: 'second try works' });
 * // ... point a provider account at gemini.url ...
 * await gemini.close();
 */
import { createHash } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

/** What the fake does with one request. Every field is optional; `{}` is a normal answer. */
export interface GeminiBehaviour {
  /** Answer this HTTP status with a Gemini error body (`{"error":{"code","message","status"}}`). */
  status?: number;
  /** Error message for `status`; a realistic default per status otherwise. */
  errorMessage?: string;
  /** With status 429: sent as `retry-after` and as the error's `RetryInfo.retryDelay`. */
  retryAfterSeconds?: number;
  /** Never answer (the connection stays open until the client gives up or the fake closes). */
  hang?: boolean;
  /** Wait this long before the status line. */
  firstByteDelayMs?: number;
  /** Wait this long between two stream chunks (default 5). */
  chunkDelayMs?: number;
  /** Streams only: destroy the socket after writing this many chunks. */
  cutAfterChunks?: number;
  /** The answer text (default: `Echo: <last user text>`). */
  reply?: string;
  /** Number of stream chunks the text is split into (default 3, at most one per word). */
  chunks?: number;
  /** Answer with a function call instead of text. */
  functionCall?: { name: string; args?: Record<string, unknown> };
  /** Gemini finish reason of the answer (default `STOP`). */
  finishReason?: string;
  /** Block the prompt: no candidates, `promptFeedback.blockReason` set. */
  blockReason?: string;
}

export interface RecordedGeminiRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or the raw text when it is not JSON. */
  body: unknown;
}

export interface FakeGemini {
  /** Base URL without the version, e.g. `http://127.0.0.1:41234` (the adapter appends `/v1beta`). */
  url: string;
  port: number;
  requests: RecordedGeminiRequest[];
  /** Behaviours for the next requests, one each, in order; afterwards requests get `{}`. */
  setScript(...steps: GeminiBehaviour[]): void;
  /** Require this key (`x-goog-api-key` header or `key` query parameter); `undefined` accepts any. */
  requireApiKey(key: string | undefined): void;
  close(): Promise<void>;
}

export interface FakeGeminiOptions {
  port?: number;
  apiKey?: string;
}

export const FAKE_GEMINI_MODELS = [
  { name: 'models/gemini-2.0-flash', displayName: 'Gemini 2.0 Flash', inputTokenLimit: 1048576, outputTokenLimit: 8192, methods: ['generateContent', 'countTokens'] },
  { name: 'models/gemini-2.5-flash', displayName: 'Gemini 2.5 Flash', inputTokenLimit: 1048576, outputTokenLimit: 65536, methods: ['generateContent', 'countTokens'] },
  { name: 'models/text-embedding-004', displayName: 'Text Embedding 004', inputTokenLimit: 2048, outputTokenLimit: 1, methods: ['embedContent'] },
];

const GOOGLE_STATUS: Record<number, string> = {
  400: 'INVALID_ARGUMENT',
  401: 'UNAUTHENTICATED',
  403: 'PERMISSION_DENIED',
  404: 'NOT_FOUND',
  409: 'ABORTED',
  429: 'RESOURCE_EXHAUSTED',
  499: 'CANCELLED',
  500: 'INTERNAL',
  501: 'NOT_IMPLEMENTED',
  503: 'UNAVAILABLE',
  504: 'DEADLINE_EXCEEDED',
};

const DEFAULT_MESSAGES: Record<number, string> = {
  400: 'Request contains an invalid argument.',
  403: "Method doesn't allow unregistered callers (callers without established identity). Please use API Key or other form of API consumer identity to call this API.",
  404: 'Requested entity was not found.',
  429: 'You exceeded your current quota, please check your plan and billing details.',
  500: 'An internal error has occurred. Please retry or report in https://developers.generativeai.google/guide/troubleshooting',
  503: 'The model is overloaded. Please try again later.',
  504: 'Deadline expired before operation could complete.',
};

const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function geminiErrorBody(status: number, message?: string, details?: unknown[]): string {
  const error: Record<string, unknown> = {
    code: status,
    message: message ?? DEFAULT_MESSAGES[status] ?? `Upstream answered ${status}.`,
    status: GOOGLE_STATUS[status] ?? (status >= 500 ? 'INTERNAL' : 'FAILED_PRECONDITION'),
  };
  if (details) error.details = details;
  return JSON.stringify({ error }, null, 2);
}

function readBody(request: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    let text = '';
    request.setEncoding('utf8');
    request.on('data', (piece: string) => (text += piece));
    request.on('end', () => resolve(text));
    request.on('error', reject);
  });
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function countTokens(text: string): number {
  return text.split(/\s+/).filter(Boolean).length;
}

interface GenerateBody {
  contents?: Array<{ role?: string; parts?: Array<{ text?: string }> }>;
  generationConfig?: { candidateCount?: number };
}

function lastUserText(body: GenerateBody): string {
  const user = [...(body.contents ?? [])].reverse().find((content) => content.role !== 'model');
  return (user?.parts ?? []).map((part) => part.text ?? '').join('');
}

function promptTokens(body: GenerateBody): number {
  return (body.contents ?? []).reduce((sum, content) => sum + (content.parts ?? []).reduce((n, part) => n + countTokens(part.text ?? ''), 0), 0);
}

function splitWords(text: string, pieces: number): string[] {
  const words = text.split(/(?<=\s)/);
  const count = Math.max(1, Math.min(pieces, words.length));
  const size = Math.ceil(words.length / count);
  const out: string[] = [];
  for (let i = 0; i < words.length; i += size) out.push(words.slice(i, i + size).join(''));
  return out;
}

function embed(text: string, dimensions: number): number[] {
  const digest = createHash('sha256').update(text).digest();
  return Array.from({ length: dimensions }, (_, i) => Math.round(((digest[i % digest.length] / 255) * 2 - 1) * 1e6) / 1e6);
}

/** The model-method part of a path: `/v1beta/models/gemini-2.0-flash:generateContent` → [`models/gemini-2.0-flash`, `generateContent`]. */
function modelMethod(path: string): [string, string] | undefined {
  const match = /^\/v1(?:beta)?\/((?:models|tunedModels)\/[^:/]+):([A-Za-z]+)$/.exec(path);
  return match ? [decodeURIComponent(match[1]), match[2]] : undefined;
}

export async function startFakeGemini(options: FakeGeminiOptions = {}): Promise<FakeGemini> {
  const requests: RecordedGeminiRequest[] = [];
  const sockets = new Set<Socket>();
  let script: GeminiBehaviour[] = [];
  let apiKey = options.apiKey;
  let responseCounter = 0;

  const server: Server = createServer((request, response) => {
    void handle(request, response).catch(() => response.destroy());
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });

  async function handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
    const url = new URL(request.url ?? '/', 'http://fake-gemini');
    const text = await readBody(request);
    const query = Object.fromEntries(url.searchParams.entries());
    requests.push({ method: request.method ?? 'GET', path: url.pathname, query, headers: { ...request.headers }, body: text === '' ? undefined : parseJson(text) });
    const behaviour = script.shift() ?? {};

    if (behaviour.hang) return;
    if (behaviour.firstByteDelayMs) await sleep(behaviour.firstByteDelayMs);

    const sendJson = (status: number, body: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', 'content-length': Buffer.byteLength(body), ...headers });
      response.end(body);
    };
    const sendError = (status: number, message?: string, details?: unknown[], headers: Record<string, string> = {}) =>
      sendJson(status, geminiErrorBody(status, message, details), headers);

    const given = (request.headers['x-goog-api-key'] as string | undefined) ?? query.key;
    if (apiKey !== undefined && given === undefined) return sendError(403);
    if (apiKey !== undefined && given !== apiKey) {
      return sendError(400, 'API key not valid. Please pass a valid API key.', [
        { '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'API_KEY_INVALID', domain: 'googleapis.com', metadata: { service: 'generativelanguage.googleapis.com' } },
      ]);
    }

    if (behaviour.status !== undefined && (behaviour.status < 200 || behaviour.status >= 300)) {
      const retry = behaviour.retryAfterSeconds;
      const details = behaviour.status === 429 && retry !== undefined ? [{ '@type': 'type.googleapis.com/google.rpc.RetryInfo', retryDelay: `${retry}s` }] : undefined;
      return sendError(behaviour.status, behaviour.errorMessage, details, retry !== undefined ? { 'retry-after': String(retry) } : {});
    }

    if (request.method === 'GET' && /^\/v1(beta)?\/models\/?$/.test(url.pathname)) {
      return sendJson(200, JSON.stringify({ models: FAKE_GEMINI_MODELS.map(describeModel) }, null, 2));
    }
    const target = modelMethod(url.pathname);
    if (request.method !== 'POST' || !target) return sendError(404, `Method not found: ${request.method} ${url.pathname}`);
    const body = parseJson(text);
    if (typeof body !== 'object' || body === null) return sendError(400, `Invalid JSON payload received. Unexpected token.`);
    const [model, method] = target;

    if (method === 'generateContent' || method === 'streamGenerateContent') {
      const generate = body as GenerateBody;
      if (!Array.isArray(generate.contents) || generate.contents.length === 0) return sendError(400, '* GenerateContentRequest.contents: contents is not specified\n');
      const events = answerEvents(model.replace(/^models\//, ''), generate, behaviour, `fake${(++responseCounter).toString(36).padStart(6, '0')}`);
      if (method === 'generateContent') return sendJson(200, JSON.stringify(mergeEvents(events), null, 2));
      return stream(response, events, behaviour, query.alt === 'sse');
    }
    if (method === 'embedContent') {
      const item = body as { content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number };
      return sendJson(200, JSON.stringify({ embedding: { values: embed(item.content?.parts?.[0]?.text ?? '', item.outputDimensionality ?? 8) } }, null, 2));
    }
    if (method === 'batchEmbedContents') {
      const batch = body as { requests?: Array<{ model?: string; content?: { parts?: Array<{ text?: string }> }; outputDimensionality?: number }> };
      if (!Array.isArray(batch.requests) || batch.requests.length === 0) return sendError(400, '* BatchEmbedContentsRequest.requests: requests is not specified\n');
      const mismatch = batch.requests.find((item) => item.model !== model);
      if (mismatch) return sendError(400, `* BatchEmbedContentsRequest.requests[0].model: model must be ${model}.\n`);
      const embeddings = batch.requests.map((item) => ({ values: embed(item.content?.parts?.[0]?.text ?? '', item.outputDimensionality ?? 8) }));
      return sendJson(200, JSON.stringify({ embeddings }, null, 2));
    }
    return sendError(404, `Method not found: ${method}`);
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    requests,
    setScript: (...steps) => {
      script = [...steps];
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

function describeModel(model: (typeof FAKE_GEMINI_MODELS)[number]) {
  return {
    name: model.name,
    version: '001',
    displayName: model.displayName,
    inputTokenLimit: model.inputTokenLimit,
    outputTokenLimit: model.outputTokenLimit,
    supportedGenerationMethods: model.methods,
  };
}

type GeminiEvent = Record<string, unknown>;

/** The answer as the stream events Gemini would send; a non-streamed answer is their merge. */
function answerEvents(model: string, body: GenerateBody, behaviour: GeminiBehaviour, responseId: string): GeminiEvent[] {
  const prompt = promptTokens(body);
  const head = { modelVersion: model, responseId };
  if (behaviour.blockReason) {
    return [{ promptFeedback: { blockReason: behaviour.blockReason }, usageMetadata: { promptTokenCount: prompt, totalTokenCount: prompt }, ...head }];
  }
  const finishReason = behaviour.finishReason ?? 'STOP';
  const candidates = Math.max(1, body.generationConfig?.candidateCount ?? 1);
  if (behaviour.functionCall) {
    const parts = [{ functionCall: { name: behaviour.functionCall.name, args: behaviour.functionCall.args ?? {} } }];
    const usage = { promptTokenCount: prompt, candidatesTokenCount: 5, totalTokenCount: prompt + 5 };
    return [{ candidates: range(candidates).map((index) => ({ content: { parts, role: 'model' }, finishReason, index })), usageMetadata: usage, ...head }];
  }
  const reply = behaviour.reply ?? `Echo: ${lastUserText(body)}`;
  const pieces = splitWords(reply, behaviour.chunks ?? 3);
  const completion = countTokens(reply);
  return pieces.map((piece, i) => {
    const last = i === pieces.length - 1;
    const usageMetadata = last
      ? { promptTokenCount: prompt, candidatesTokenCount: completion * candidates, totalTokenCount: prompt + completion * candidates }
      : { promptTokenCount: prompt, totalTokenCount: prompt };
    const candidateList = range(candidates).map((index) => ({ content: { parts: [{ text: piece }], role: 'model' }, ...(last ? { finishReason } : {}), index }));
    return { candidates: candidateList, usageMetadata, ...head };
  });
}

function range(count: number): number[] {
  return Array.from({ length: count }, (_, i) => i);
}

function mergeEvents(events: GeminiEvent[]): GeminiEvent {
  const last = events[events.length - 1];
  if (!last.candidates) return last;
  const candidates = (last.candidates as Array<Record<string, unknown>>).map((candidate, i) => {
    const text = events.map((event) => {
      const parts = ((event.candidates as Array<{ content: { parts: Array<{ text?: string }> } }>)[i].content.parts);
      return parts.map((part) => part.text ?? '').join('');
    });
    const parts = (candidate.content as { parts: Array<Record<string, unknown>> }).parts;
    return { ...candidate, content: { parts: parts[0]?.functionCall ? parts : [{ text: text.join('') }], role: 'model' } };
  });
  return { ...last, candidates };
}

async function stream(response: ServerResponse, events: GeminiEvent[], behaviour: GeminiBehaviour, sse: boolean): Promise<void> {
  response.writeHead(200, { 'content-type': sse ? 'text/event-stream' : 'application/json; charset=UTF-8', 'x-content-type-options': 'nosniff' });
  response.flushHeaders();
  const delay = behaviour.chunkDelayMs ?? 5;
  for (let i = 0; i < events.length; i++) {
    if (behaviour.cutAfterChunks !== undefined && i >= behaviour.cutAfterChunks) {
      response.socket?.destroy();
      return;
    }
    if (i > 0) await sleep(delay);
    if (response.destroyed) return;
    const json = JSON.stringify(events[i]);
    // Without alt=sse Gemini streams one JSON array, element by element.
    // Waiting for the flush lets a scripted cut land exactly after the chunks that were sent.
    await new Promise<void>((resolve) => response.write(sse ? `data: ${json}\r\n\r\n` : `${i === 0 ? '[' : ',\r\n'}${json}`, () => resolve()));
  }
  response.end(sse ? undefined : ']');
}
