import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
  ModelInfo,
} from './canonical.js';
import type { SseEvent } from './sse.js';

/**
 * A provider account as an admin registered it: where the API lives, the credential (already
 * decrypted by the host) and provider-specific settings.
 *
 * @example
 * const account: ProviderAccount = { baseUrl: 'https://api.openai.com/v1', apiKey: 'sk-...', extra: { organization: 'org-1' } };
 */
export interface ProviderAccount {
  baseUrl: string;
  apiKey?: string;
  extra: Record<string, unknown>;
}

/**
 * Where one attempt goes: an account plus the provider's own model name.
 *
 * @example
 * const target: ProviderTarget = { baseUrl: 'http://mock.local/v1', apiKey: 'k', extra: {}, model: 'mock-chat' };
 */
export interface ProviderTarget extends ProviderAccount {
  model: string;
}

/**
 * HTTP headers with lower-case names.
 *
 * @example
 * const headers: HeaderMap = { 'content-type': 'application/json', authorization: 'Bearer k' };
 */
export type HeaderMap = Record<string, string>;

/**
 * The request an adapter wants sent. The host sends it; the adapter never does I/O.
 *
 * @example
 * const request: UpstreamRequest = {
 *   method: 'POST', url: 'https://api.openai.com/v1/chat/completions',
 *   headers: { 'content-type': 'application/json', authorization: 'Bearer sk-...' },
 *   body: '{"model":"gpt-4o-mini","messages":[]}',
 * };
 */
export interface UpstreamRequest {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  url: string;
  headers: HeaderMap;
  body?: string | Uint8Array;
}

/**
 * A complete (non-streamed) upstream answer, body already read as text.
 *
 * @example
 * const response: UpstreamResponse = { status: 200, headers: { 'content-type': 'application/json' }, body: '{"id":"chatcmpl-1",...}' };
 */
export interface UpstreamResponse {
  status: number;
  headers: HeaderMap;
  body: string;
}

/**
 * What an in-process upstream answers: a whole body, or the body as it is produced (streams).
 *
 * @example
 * const response: LocalUpstreamResponse = { status: 200, headers: { 'content-type': 'text/event-stream' }, body: generateEvents() };
 */
export interface LocalUpstreamResponse {
  status: number;
  headers: HeaderMap;
  body: string | AsyncIterable<Uint8Array | string>;
}

/**
 * An in-process upstream for offline providers: the host hands it the built request instead of
 * the network. It must stop work and reject when `signal` aborts.
 *
 * @example
 * const localUpstream: LocalUpstream = async (request, signal) => ({ status: 200, headers: {}, body: '{}' });
 */
export type LocalUpstream = (request: UpstreamRequest, signal: AbortSignal) => Promise<LocalUpstreamResponse>;

/**
 * The kinds of upstream failure the router reacts to (retry, fall back, answer 429/502/504, ...).
 *
 * @example
 * const errorClass: ProviderErrorClass = 'rate_limit';
 */
export type ProviderErrorClass =
  | 'auth'
  | 'rate_limit'
  | 'context_length'
  | 'content_policy'
  | 'overloaded'
  | 'bad_request'
  | 'not_found'
  | 'server'
  | 'timeout';

/**
 * An upstream failure in canonical form, produced by `mapError`.
 *
 * @example
 * const error: ProviderError = { class: 'rate_limit', status: 429, message: 'Slow down', retryAfterSeconds: 2, code: 'rate_limit_exceeded' };
 */
export interface ProviderError {
  class: ProviderErrorClass;
  /** HTTP status the upstream answered with. */
  status: number;
  message: string;
  retryAfterSeconds?: number;
  /** The provider's own error code, when it sent one. */
  code?: string;
}

/**
 * What `parseResponse` learns about the call it parses.
 *
 * @example
 * const context: ParseContext<ChatCompletionRequest> = { request, target };
 */
export interface ParseContext<TRequest> {
  request: TRequest;
  target: ProviderTarget;
}

/**
 * Per-stream state. The host creates one per streamed attempt; the adapter keeps what it needs
 * between events in `scratch` and sets `done` when the upstream signalled the normal end.
 *
 * @example
 * const state: ChatStreamState = { request, target, done: false, scratch: {} };
 */
export interface ChatStreamState extends ParseContext<ChatCompletionRequest> {
  done: boolean;
  scratch: Record<string, unknown>;
}

/**
 * Chat completions: pure transforms between the canonical format and the provider's.
 *
 * @example
 * const chat: ChatOperation = {
 *   buildRequest: (request, target) => ({ method: 'POST', url: `${target.baseUrl}/chat/completions`, headers: {}, body: JSON.stringify({ ...request, model: target.model }) }),
 *   parseResponse: (response) => JSON.parse(response.body),
 *   parseStreamEvent: (event, state) => {
 *     if (event.data === '[DONE]') { state.done = true; return []; }
 *     return [JSON.parse(event.data)];
 *   },
 * };
 */
export interface ChatOperation {
  buildRequest(request: ChatCompletionRequest, target: ProviderTarget): UpstreamRequest;
  parseResponse(response: UpstreamResponse, context: ParseContext<ChatCompletionRequest>): ChatCompletionResponse;
  /** Turns one SSE event into zero or more canonical chunks. */
  parseStreamEvent(event: SseEvent, state: ChatStreamState): ChatCompletionChunk[];
}

/**
 * Embeddings: pure transforms between the canonical format and the provider's.
 *
 * @example
 * const embeddings: EmbeddingsOperation = {
 *   buildRequest: (request, target) => ({ method: 'POST', url: `${target.baseUrl}/embeddings`, headers: {}, body: JSON.stringify(request) }),
 *   parseResponse: (response) => JSON.parse(response.body),
 * };
 */
export interface EmbeddingsOperation {
  buildRequest(request: EmbeddingsRequest, target: ProviderTarget): UpstreamRequest;
  parseResponse(response: UpstreamResponse, context: ParseContext<EmbeddingsRequest>): EmbeddingsResponse;
}

/**
 * Everything a provider plugin contributes. Only `chat` and `mapError` are required.
 *
 * @example
 * const adapter: ProviderAdapter = {
 *   chat,
 *   embeddings,
 *   mapError: (status, headers, body) => ({ class: status === 429 ? 'rate_limit' : 'server', status, message: body }),
 *   listModels: () => [{ id: 'mock-chat', object: 'model', created: 0, owned_by: 'me' }],
 * };
 */
export interface ProviderAdapter {
  chat: ChatOperation;
  embeddings?: EmbeddingsOperation;
  /** Maps a non-2xx upstream answer to a canonical error. */
  mapError(status: number, headers: HeaderMap, bodyText: string): ProviderError;
  /** Models this account offers, known without I/O (static list or from `account.extra`). */
  listModels?(account: ProviderAccount): ModelInfo[] | Promise<ModelInfo[]>;
  /** When present, the host sends built requests here instead of over the network. */
  localUpstream?: LocalUpstream;
}

/**
 * Reads `retry-after` (seconds or an HTTP date) or `retry-after-ms` into whole seconds.
 *
 * @example
 * parseRetryAfter({ 'retry-after': '2' });          // → 2
 * parseRetryAfter({ 'retry-after-ms': '1500' });    // → 2
 * parseRetryAfter({});                              // → undefined
 */
export function parseRetryAfter(headers: HeaderMap, now: number = Date.now()): number | undefined {
  const millis = headers['retry-after-ms'];
  if (millis !== undefined && /^\d+(\.\d+)?$/.test(millis.trim())) return Math.ceil(Number(millis) / 1000);
  const value = headers['retry-after']?.trim();
  if (!value) return undefined;
  if (/^\d+(\.\d+)?$/.test(value)) return Math.ceil(Number(value));
  const date = Date.parse(value);
  if (Number.isNaN(date)) return undefined;
  return Math.max(0, Math.ceil((date - now) / 1000));
}
