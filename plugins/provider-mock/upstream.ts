import type {
  ChatCompletionRequest,
  EmbeddingsRequest,
  HeaderMap,
  LocalUpstreamResponse,
  UpstreamRequest,
} from '../../src/plugin-sdk/index.js';
import { MOCK_MODELS } from './api.js';
import type { MockProviderConfig } from './config.schema.js';
import { digest, lastUserText, type MockDirectives, promptTokens, readDirectives, seededRandom } from './reply.js';
import { chatChunks, chatCompletion, completionId, embeddingsList, SSE_DONE, sseFrame } from './wire.js';

/** An HTTP request as the fake upstream sees it, whether in process or over node:http. */
export interface MockHttpRequest {
  method: string;
  path: string;
  headers: HeaderMap;
  body: string;
}

/** Thrown from a stream body to end it without its final frames (`[mock:cut-stream=N]`). */
export class MockStreamCut extends Error {
  constructor(afterChunks: number) {
    super(`mock stream cut after ${afterChunks} chunks`);
    this.name = 'MockStreamCut';
  }
}

function abortError(signal: AbortSignal): unknown {
  return signal.reason ?? new DOMException('This operation was aborted', 'AbortError');
}

/** Waits `ms` (forever when `ms` is Infinity) unless `signal` aborts first. */
export function sleep(ms: number, signal: AbortSignal): Promise<void> {
  if (signal.aborted) return Promise.reject(abortError(signal));
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const timer = Number.isFinite(ms) ? setTimeout(done, ms) : undefined;
    function done() {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(abortError(signal));
    }
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

const ERROR_BODIES: Record<number, { message: string; type: string; code: string | null }> = {
  400: { message: 'The mock was asked to reject this request.', type: 'invalid_request_error', code: null },
  401: { message: 'Incorrect API key provided.', type: 'invalid_request_error', code: 'invalid_api_key' },
  403: { message: 'You are not allowed to use this model.', type: 'invalid_request_error', code: null },
  404: { message: 'The model does not exist or you do not have access to it.', type: 'invalid_request_error', code: 'model_not_found' },
  429: { message: 'Rate limit reached for requests. Please try again in 1s.', type: 'requests', code: 'rate_limit_exceeded' },
  500: { message: 'The server had an error while processing your request. Sorry about that!', type: 'server_error', code: null },
  503: { message: 'The engine is currently overloaded, please try again later.', type: 'server_error', code: null },
};

/** An error answer in OpenAI's envelope; 429 carries `retry-after`. */
export function errorResponse(status: number, override?: { message: string; code: string | null; param?: string }): LocalUpstreamResponse {
  const known = ERROR_BODIES[status] ?? { message: `The mock answered ${status}.`, type: status < 500 ? 'invalid_request_error' : 'server_error', code: null };
  const error = { message: override?.message ?? known.message, type: known.type, param: override?.param ?? null, code: override ? override.code : known.code };
  const headers: HeaderMap = { 'content-type': 'application/json' };
  if (status === 429) Object.assign(headers, { 'retry-after': '1', 'x-ratelimit-remaining-requests': '0' });
  return { status, headers, body: JSON.stringify({ error }) };
}

function json(value: unknown, requestBody: string): LocalUpstreamResponse {
  return { status: 200, headers: { 'content-type': 'application/json', 'x-request-id': `req_mock${digest(requestBody).slice(0, 16)}` }, body: JSON.stringify(value) };
}

function parseBody<T>(body: string): T | undefined {
  try {
    const value = JSON.parse(body) as unknown;
    return value && typeof value === 'object' ? (value as T) : undefined;
  } catch {
    return undefined;
  }
}

export function toMockHttpRequest(request: UpstreamRequest): MockHttpRequest {
  const body = request.body === undefined ? '' : typeof request.body === 'string' ? request.body : new TextDecoder().decode(request.body);
  return { method: request.method, path: new URL(request.url).pathname, headers: request.headers, body };
}

/**
 * The fake OpenAI upstream. Deterministic except for `failureRate`, which draws from a PRNG
 * seeded with `config.seed`, one draw per POST, so a sequence of requests repeats exactly.
 */
export function createMockUpstream(config: MockProviderConfig) {
  const random = seededRandom(config.seed);

  async function* streamBody(frames: string[], cutAfter: number | undefined, signal: AbortSignal): AsyncGenerator<string> {
    for (let index = 0; index < frames.length; index++) {
      if (cutAfter !== undefined && index >= cutAfter) throw new MockStreamCut(cutAfter);
      if (index > 0) await sleep(config.chunkDelayMs, signal);
      if (signal.aborted) throw abortError(signal);
      yield frames[index];
    }
  }

  async function before(directives: MockDirectives, signal: AbortSignal): Promise<LocalUpstreamResponse | undefined> {
    const failed = random() < config.failureRate;
    await sleep(directives.latencyMs ?? config.latencyMs, signal);
    if (directives.hang) await sleep(Number.POSITIVE_INFINITY, signal);
    if (directives.status !== undefined && directives.status >= 400) return errorResponse(directives.status);
    return failed ? errorResponse(500) : undefined;
  }

  async function chat(request: MockHttpRequest, signal: AbortSignal): Promise<LocalUpstreamResponse> {
    const body = parseBody<ChatCompletionRequest>(request.body);
    if (!body || !Array.isArray(body.messages) || body.messages.length === 0) {
      return errorResponse(400, { message: "Missing required parameter: 'messages'.", code: 'missing_required_parameter', param: 'messages' });
    }
    const model = MOCK_MODELS.find((candidate) => candidate.id === body.model && candidate.capabilities?.includes('chat'));
    if (!model) return errorResponse(404, { message: `The model \`${body.model}\` does not exist or you do not have access to it.`, code: 'model_not_found' });
    const directives = readDirectives(lastUserText(body.messages));
    const early = await before(directives, signal);
    if (early) return early;
    const tokens = promptTokens(body.messages);
    if (tokens > model.context_window) {
      const message = `This model's maximum context length is ${model.context_window} tokens. However, your messages resulted in ${tokens} tokens.`;
      return errorResponse(400, { message, code: 'context_length_exceeded', param: 'messages' });
    }
    const id = completionId(request.body);
    if (!body.stream) return json(chatCompletion(body, id, config.replyWords), request.body);
    const frames = [...chatChunks(body, id, config.replyWords, config.wordsPerChunk).map((chunk) => sseFrame(JSON.stringify(chunk))), SSE_DONE];
    const headers = { 'content-type': 'text/event-stream; charset=utf-8', 'cache-control': 'no-cache', 'x-request-id': `req_mock${digest(request.body).slice(0, 16)}` };
    return { status: 200, headers, body: streamBody(frames, directives.cutStreamAfter, signal) };
  }

  async function embeddings(request: MockHttpRequest, signal: AbortSignal): Promise<LocalUpstreamResponse> {
    const body = parseBody<EmbeddingsRequest>(request.body);
    if (!body || body.input === undefined) {
      return errorResponse(400, { message: "Missing required parameter: 'input'.", code: 'missing_required_parameter', param: 'input' });
    }
    if (!MOCK_MODELS.some((candidate) => candidate.id === body.model && candidate.capabilities?.includes('embeddings'))) {
      return errorResponse(404, { message: `The model \`${body.model}\` does not exist or you do not have access to it.`, code: 'model_not_found' });
    }
    const early = await before({ hang: false }, signal);
    if (early) return early;
    return json(embeddingsList(body, body.dimensions ?? config.embeddingDimensions), request.body);
  }

  return {
    async handle(request: MockHttpRequest, signal: AbortSignal): Promise<LocalUpstreamResponse> {
      if (request.method === 'POST' && request.path.endsWith('/chat/completions')) return chat(request, signal);
      if (request.method === 'POST' && request.path.endsWith('/embeddings')) return embeddings(request, signal);
      if (request.method === 'GET' && request.path.endsWith('/models')) {
        const data = MOCK_MODELS.map(({ id, object, created, owned_by }) => ({ id, object, created, owned_by }));
        return json({ object: 'list', data }, '');
      }
      return errorResponse(404, { message: `Unknown request URL: ${request.method} ${request.path}.`, code: 'unknown_url' });
    },
  };
}
