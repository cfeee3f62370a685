import {
  ProviderReportedError,
  type ChatCompletionChunk,
  type ChatCompletionChunkChoice,
  type ChatStreamState,
  type ProviderError,
  type SseEvent,
} from '../../src/plugin-sdk/index.js';
import { finishReasonOf } from './finish-reason.js';
import { mergeUsage, toCanonicalUsage } from './usage.js';
import type { AnthropicErrorBody, AnthropicMessage, AnthropicUsage } from './wire.js';

interface StreamScratch {
  id: string;
  model: string;
  created: number;
  usage: AnthropicUsage;
  /** Anthropic content-block index → canonical tool-call index. */
  toolIndexByBlock: Record<number, number>;
  toolCount: number;
}

interface StreamEventData {
  type: string;
  index?: number;
  message?: AnthropicMessage;
  content_block?: { type: string; text?: string; id?: string; name?: string };
  delta?: { type?: string; text?: string; partial_json?: string; stop_reason?: string | null };
  usage?: AnthropicUsage;
  error?: AnthropicErrorBody['error'];
}

/** Thrown on an `event: error` mid-stream, so the host ends the caller's stream truthfully. */
export class AnthropicStreamError extends ProviderReportedError {
  constructor(
    readonly type: string,
    message: string,
  ) {
    super(streamErrorClass(type, message), `Anthropic stream error (${type}): ${message}`);
    this.name = 'AnthropicStreamError';
  }
}

function streamErrorClass(type: string, message: string): ProviderError {
  if (type === 'overloaded_error') return { class: 'overloaded', status: 529, message, code: type };
  if (type === 'rate_limit_error') return { class: 'rate_limit', status: 429, message, code: type };
  return { class: 'server', status: 502, message, code: type };
}

function scratchOf(state: ChatStreamState, now: number): StreamScratch {
  const scratch = state.scratch as Partial<StreamScratch>;
  if (scratch.id === undefined) {
    Object.assign(scratch, { id: '', model: state.target.model, created: Math.floor(now / 1000), usage: {}, toolIndexByBlock: {}, toolCount: 0 });
  }
  return scratch as StreamScratch;
}

function chunk(scratch: StreamScratch, choices: ChatCompletionChunkChoice[]): ChatCompletionChunk {
  return { id: scratch.id, object: 'chat.completion.chunk', created: scratch.created, model: scratch.model, choices };
}

function deltaChunk(scratch: StreamScratch, delta: ChatCompletionChunkChoice['delta']): ChatCompletionChunk {
  return chunk(scratch, [{ index: 0, delta, logprobs: null, finish_reason: null }]);
}

function onBlockStart(data: StreamEventData, scratch: StreamScratch): ChatCompletionChunk[] {
  const block = data.content_block;
  if (block?.type === 'text') return block.text ? [deltaChunk(scratch, { content: block.text })] : [];
  if (block?.type !== 'tool_use') return [];
  const index = scratch.toolCount++;
  scratch.toolIndexByBlock[data.index ?? 0] = index;
  return [deltaChunk(scratch, { tool_calls: [{ index, id: block.id, type: 'function', function: { name: block.name, arguments: '' } }] })];
}

function onBlockDelta(data: StreamEventData, scratch: StreamScratch): ChatCompletionChunk[] {
  const delta = data.delta;
  if (delta?.type === 'text_delta' && delta.text) return [deltaChunk(scratch, { content: delta.text })];
  if (delta?.type === 'input_json_delta' && delta.partial_json) {
    const index = scratch.toolIndexByBlock[data.index ?? 0];
    if (index === undefined) return [];
    return [deltaChunk(scratch, { tool_calls: [{ index, function: { arguments: delta.partial_json } }] })];
  }
  return [];
}

/**
 * One Anthropic stream event → canonical chunks: a role chunk on `message_start`, content and
 * tool-call fragments, the finish reason on `message_delta`, and the usage chunk on
 * `message_stop` when the caller asked for it.
 */
export function parseChatStreamEvent(event: SseEvent, state: ChatStreamState, now: number = Date.now()): ChatCompletionChunk[] {
  const scratch = scratchOf(state, now);
  const data = JSON.parse(event.data) as StreamEventData;
  switch (data.type) {
    case 'message_start':
      scratch.id = data.message?.id ?? scratch.id;
      scratch.model = data.message?.model ?? scratch.model;
      scratch.usage = mergeUsage(scratch.usage, data.message?.usage);
      return [deltaChunk(scratch, { role: 'assistant', content: '' })];
    case 'content_block_start':
      return onBlockStart(data, scratch);
    case 'content_block_delta':
      return onBlockDelta(data, scratch);
    case 'message_delta':
      scratch.usage = mergeUsage(scratch.usage, data.usage);
      if (!data.delta?.stop_reason) return [];
      return [chunk(scratch, [{ index: 0, delta: {}, logprobs: null, finish_reason: finishReasonOf(data.delta.stop_reason) }])];
    case 'message_stop':
      state.done = true;
      return state.request.stream_options?.include_usage ? [{ ...chunk(scratch, []), usage: toCanonicalUsage(scratch.usage) }] : [];
    case 'error':
      throw new AnthropicStreamError(data.error?.type ?? 'api_error', data.error?.message ?? 'stream failed');
    default:
      return [];
  }
}
