import type { ChatCompletionChunk } from '../canonical.js';
import type { ChatStreamState } from '../provider.js';
import type { SseEvent } from '../sse.js';
import { ProviderReportedError } from '../request-errors.js';
import { isObject, normalizeFinishReason, normalizeUsage, parseJsonObject } from './response.js';

/**
 * Key in `ChatStreamState.scratch`: set by OpenAI-wire adapters when they emit the usage-only
 * chunk (`choices: []`, `usage` set). `false` means the gateway asked the upstream for usage on its
 * own (to bill) and the caller did not: the host must bill from that chunk and not forward it.
 *
 * @example
 * if (isGatewayOnlyChunk(chunk, state)) bill(chunk.usage); else send(chunk);
 */
export const USAGE_FOR_CALLER_KEY = 'usageForCaller';

/**
 * True for the final usage-only chunk of a stream.
 *
 * @example
 * isUsageOnlyChunk({ ...chunk, choices: [], usage: { prompt_tokens: 1, completion_tokens: 1, total_tokens: 2 } }); // → true
 */
export function isUsageOnlyChunk(chunk: ChatCompletionChunk): boolean {
  return chunk.choices.length === 0 && chunk.usage !== null && chunk.usage !== undefined;
}

/**
 * True when `chunk` exists only for the gateway's accounting and the caller must not see it.
 *
 * @example
 * const forwarded = chunks.filter((chunk) => !isGatewayOnlyChunk(chunk, state));
 */
export function isGatewayOnlyChunk(chunk: ChatCompletionChunk, state: Pick<ChatStreamState, 'scratch'>): boolean {
  return isUsageOnlyChunk(chunk) && state.scratch[USAGE_FOR_CALLER_KEY] === false;
}

/**
 * An `error` event in the middle of an OpenAI-wire stream (the upstream failed after answering 200).
 *
 * @example
 * throw new UpstreamStreamError({ message: 'The server had an error', type: 'server_error' });
 */
export class UpstreamStreamError extends ProviderReportedError {
  constructor(readonly upstreamError: Record<string, unknown>) {
    const message = typeof upstreamError.message === 'string' ? upstreamError.message : JSON.stringify(upstreamError);
    const type = `${String(upstreamError.type ?? '')} ${String(upstreamError.code ?? '')}`;
    const errorClass = /rate_limit/.test(type) ? 'rate_limit' : /overload/.test(type) ? 'overloaded' : 'server';
    super({ class: errorClass, status: errorClass === 'rate_limit' ? 429 : 502, message }, `upstream stream failed: ${message}`);
    this.name = 'UpstreamStreamError';
  }
}

// Azure sends a content-filter verdict on the prompt as a first event with an empty id and object.
function isAzurePromptFilterEvent(body: Record<string, unknown>): boolean {
  return body.object === '' && Array.isArray(body.choices) && body.choices.length === 0 && 'prompt_filter_results' in body;
}

function toChunk(body: Record<string, unknown>, fallbackModel: string): ChatCompletionChunk {
  if (body.object !== undefined && body.object !== 'chat.completion.chunk') {
    throw new Error(`upstream streamed object "${String(body.object)}", not chat.completion.chunk`);
  }
  const choices = Array.isArray(body.choices) ? (body.choices as Array<Record<string, unknown>>) : [];
  const chunk = {
    ...body,
    id: typeof body.id === 'string' ? body.id : '',
    object: 'chat.completion.chunk',
    created: typeof body.created === 'number' ? body.created : 0,
    model: typeof body.model === 'string' ? body.model : fallbackModel,
    choices: choices.map((choice) => ({ ...choice, finish_reason: normalizeFinishReason(choice.finish_reason) })),
  } as ChatCompletionChunk;
  if (isObject(body.usage)) chunk.usage = normalizeUsage(body.usage);
  return chunk;
}

/**
 * Turns one SSE event of an OpenAI-wire stream into canonical chunks: `[DONE]` ends the stream,
 * Azure's prompt-filter event is dropped, an `error` event throws `UpstreamStreamError`.
 *
 * Usage: adapters always ask the upstream for usage (`streamUsage: 'always'`). When the caller
 * did not ask (`stream_options.include_usage` unset), the `usage: null` that OpenAI then adds to
 * every chunk is removed, the usage-only chunk is still emitted (the gateway bills from it) and
 * `state.scratch[USAGE_FOR_CALLER_KEY]` is set to `false` so the host drops it before the caller.
 *
 * @example
 * parseOpenAiStreamEvent({ event: 'message', data: '[DONE]' }, state); // → [], state.done === true
 */
export function parseOpenAiStreamEvent(event: SseEvent, state: ChatStreamState): ChatCompletionChunk[] {
  if (event.data.trim() === '[DONE]') {
    state.done = true;
    return [];
  }
  const body = parseJsonObject(event.data, 'stream event');
  if (isObject(body.error)) throw new UpstreamStreamError(body.error);
  if (isAzurePromptFilterEvent(body)) return [];
  const chunk = toChunk(body, state.target.model);
  const callerAskedForUsage = state.request.stream_options?.include_usage === true;
  if (isUsageOnlyChunk(chunk)) state.scratch[USAGE_FOR_CALLER_KEY] = callerAskedForUsage;
  else if (!callerAskedForUsage && chunk.usage === null) delete chunk.usage;
  return [chunk];
}
