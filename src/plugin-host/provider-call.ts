import { ErrorCode, PorticoError } from '../common/errors.js';
import {
  SseParser,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type ChatCompletionResponse,
  type ChatStreamState,
  type EmbeddingsRequest,
  type EmbeddingsResponse,
  type HeaderMap,
  type ModelInfo,
  type ProviderAccount,
  type ProviderError,
  type ProviderTarget,
  type UpstreamRequest,
} from '../plugin-sdk/index.js';
import { isProviderReportedError } from '../plugin-sdk/request-errors.js';
import type { PluginHost, RegisteredProvider } from './plugin-host.js';

export interface TransportResponse {
  status: number;
  headers: HeaderMap;
  body: string | AsyncIterable<Uint8Array | string>;
  /** The whole body as text, when the transport can read it faster than by iterating `body` (use one or the other). */
  text?: () => Promise<string>;
}

/** Per-attempt transport settings (e.g. a route's timeouts). */
export interface TransportOptions {
  timeouts?: { connectMs: number; firstByteMs: number; idleMs: number };
}

/** Sends a built request over the network. The data plane supplies the real one (undici). */
export interface Transport {
  send(request: UpstreamRequest, signal: AbortSignal, options?: TransportOptions): Promise<TransportResponse>;
}

export const noTransport: Transport = {
  send: () =>
    Promise.reject(
      new PorticoError(ErrorCode.INTERNAL, 'no transport configured: only providers with a local upstream can be called', {
        status: 500,
      }),
    ),
};

/** A streamed answer that broke off (cut connection, missing end marker, failing body). */
export class ProviderStreamError extends Error {
  constructor(readonly providerError: ProviderError) {
    super(providerError.message);
    this.name = 'ProviderStreamError';
  }
}

export interface ProviderAttempt<TRequest> {
  providerId: string;
  target: ProviderTarget;
  request: TRequest;
  signal?: AbortSignal;
  transport?: TransportOptions;
}

interface Answer {
  status: number;
  headers: HeaderMap;
}

export type ProviderFailure = Answer & { ok: false; error: ProviderError };

export type ChatResult =
  | (Answer & { ok: true; kind: 'response'; response: ChatCompletionResponse })
  | (Answer & { ok: true; kind: 'stream'; chunks: AsyncIterable<ChatCompletionChunk>; state: ChatStreamState })
  | ProviderFailure;

export type EmbeddingsResult = (Answer & { ok: true; response: EmbeddingsResponse }) | ProviderFailure;

const textDecoder = () => new TextDecoder('utf-8');

async function readText(answer: TransportResponse): Promise<string> {
  const { body } = answer;
  if (typeof body === 'string') return body;
  if (answer.text) return answer.text();
  const decoder = textDecoder();
  let text = '';
  for await (const piece of body) text += typeof piece === 'string' ? piece : decoder.decode(piece, { stream: true });
  return text + decoder.decode();
}

function isSuccess(status: number): boolean {
  return status >= 200 && status < 300;
}

/**
 * Runs one attempt of a provider operation end to end: build the request, send it (local upstream
 * or transport), then parse the answer or map the error. Every call into the adapter goes through
 * the host's `invoke`, so a broken adapter yields `PLUGIN_RUNTIME_FAILURE`, never a crash.
 */
export class ProviderCaller {
  constructor(
    private readonly host: PluginHost,
    private readonly transport: Transport = noTransport,
  ) {}

  async chat(attempt: ProviderAttempt<ChatCompletionRequest>): Promise<ChatResult> {
    const provider = this.provider(attempt.providerId);
    const { providerId, request, target } = attempt;
    const built = this.host.invokeSync(providerId, 'chat.buildRequest', () => provider.adapter.chat.buildRequest(request, target));
    const signal = attempt.signal ?? new AbortController().signal;
    const answer = await this.send(provider, built, signal, attempt.transport);
    const head = { status: answer.status, headers: answer.headers };
    if (!isSuccess(answer.status)) return { ...head, ok: false, error: this.mapError(provider, answer.status, answer.headers, await readText(answer)) };
    if (!request.stream) {
      const body = await readText(answer);
      const response = this.host.invokeSync(providerId, 'chat.parseResponse', () =>
        provider.adapter.chat.parseResponse({ ...head, body }, { request, target }),
      );
      return { ...head, ok: true, kind: 'response', response };
    }
    const state: ChatStreamState = { request, target, done: false, scratch: {} };
    return { ...head, ok: true, kind: 'stream', chunks: this.streamChunks(provider, answer.body, state, signal), state };
  }

  async embeddings(attempt: ProviderAttempt<EmbeddingsRequest>): Promise<EmbeddingsResult> {
    const provider = this.provider(attempt.providerId);
    const operation = provider.adapter.embeddings;
    if (!operation) {
      throw new PorticoError(ErrorCode.BAD_REQUEST, `provider "${provider.id}" does not support embeddings`, { status: 400 });
    }
    const { providerId, request, target } = attempt;
    const built = this.host.invokeSync(providerId, 'embeddings.buildRequest', () => operation.buildRequest(request, target));
    const answer = await this.send(provider, built, attempt.signal ?? new AbortController().signal, attempt.transport);
    const head = { status: answer.status, headers: answer.headers };
    const body = await readText(answer);
    if (!isSuccess(answer.status)) return { ...head, ok: false, error: this.mapError(provider, answer.status, answer.headers, body) };
    const response = this.host.invokeSync(providerId, 'embeddings.parseResponse', () =>
      operation.parseResponse({ ...head, body }, { request, target }),
    );
    return { ...head, ok: true, response };
  }

  async listModels(providerId: string, account: ProviderAccount): Promise<ModelInfo[]> {
    const provider = this.provider(providerId);
    const list = provider.adapter.listModels;
    if (!list) return [];
    return this.host.invoke(providerId, 'listModels', () => list.call(provider.adapter, account));
  }

  private provider(id: string): RegisteredProvider {
    const provider = this.host.getProvider(id);
    if (!provider) throw new PorticoError(ErrorCode.PLUGIN_NOT_FOUND, `provider plugin "${id}" is not loaded`, { status: 502 });
    return provider;
  }

  private async send(provider: RegisteredProvider, request: UpstreamRequest, signal: AbortSignal, options?: TransportOptions): Promise<TransportResponse> {
    const local = provider.adapter.localUpstream;
    if (!local) return this.transport.send(request, signal, options);
    try {
      return await local(request, signal);
    } catch (error) {
      // The caller's abort is not the plugin's fault; anything else is.
      if (signal.aborted) throw error;
      throw this.host.recordFailure(provider.id, 'localUpstream', error);
    }
  }

  private mapError(provider: RegisteredProvider, status: number, headers: HeaderMap, body: string): ProviderError {
    const error = this.host.invokeSync(provider.id, 'mapError', () => provider.adapter.mapError(status, headers, body));
    if (!error || typeof error.class !== 'string' || typeof error.message !== 'string') {
      throw this.host.recordFailure(provider.id, 'mapError', new Error('mapError returned no ProviderError'));
    }
    return error;
  }

  private async *streamChunks(
    provider: RegisteredProvider,
    body: TransportResponse['body'],
    state: ChatStreamState,
    signal: AbortSignal,
  ): AsyncGenerator<ChatCompletionChunk> {
    const parser = new SseParser();
    const parse = (piece: Uint8Array | string) =>
      parser.push(piece).flatMap((event) =>
        this.host.invokeSync(provider.id, 'chat.parseStreamEvent', () => provider.adapter.chat.parseStreamEvent(event, state)),
      );
    const pieces = typeof body === 'string' ? toAsync(body) : body;
    try {
      for await (const piece of pieces) {
        for (const chunk of parse(piece)) yield chunk;
        if (state.done) return;
      }
    } catch (error) {
      if (isProviderReportedError(error)) throw new ProviderStreamError(error.providerError);
      if (signal.aborted || error instanceof PorticoError) throw error;
      throw new ProviderStreamError({ class: 'server', status: 502, message: `upstream stream failed: ${String(error)}` });
    }
    parser.end();
    if (!state.done) {
      throw new ProviderStreamError({ class: 'server', status: 502, message: 'upstream stream ended before its end marker' });
    }
  }
}

async function* toAsync(text: string): AsyncGenerator<string> {
  yield text;
}
