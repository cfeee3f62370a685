import type { ChatCompletionChunk, FinishReason, ToolCallDelta, Usage } from '../../../plugin-sdk/index.js';
import { anthropicErrorType } from './errors.js';
import { anthropicMessageId, anthropicStopReason, anthropicUsage } from './response-to-anthropic.js';
import type { AnthropicErrorType } from './wire.js';

/**
 * What the encoder knows before the first chunk: the model name the caller asked for, and
 * optionally the message id and the prompt size.
 */
export interface AnthropicStreamStart {
  model: string;
  id?: string;
  inputTokens?: number;
}

type OpenBlock = { kind: 'text'; index: number } | { kind: 'tool'; index: number; toolIndex: number };

function frame(type: string, data: Record<string, unknown>): string {
  return `event: ${type}\ndata: ${JSON.stringify({ type, ...data })}\n\n`;
}

/**
 * Re-encodes a canonical chunk stream as Anthropic's event stream, chunk for chunk:
 * `message_start` and `ping`, then for each run of text or each tool call a content block
 * (`content_block_start`, `text_delta` / `input_json_delta` deltas, `content_block_stop`), then
 * `message_delta` (stop reason, usage) and `message_stop`. One encoder per response.
 *
 * @example
 * const encoder = new AnthropicStreamEncoder();
 * reply.raw.write(encoder.start({ model: 'claude-sonnet-4-5' }));
 * for await (const chunk of chunks) reply.raw.write(encoder.push(chunk));
 * reply.raw.end(encoder.end());
 */
export class AnthropicStreamEncoder {
  private nextBlockIndex = 0;
  private open: OpenBlock | undefined;
  private readonly toolBlocks = new Map<number, number>();
  private finishReason: FinishReason | null = null;
  private usage: Usage | undefined;
  private started = false;
  private finished = false;

  /** `message_start` (with `usage.input_tokens` when known) and a `ping`. */
  start(meta: AnthropicStreamStart): string {
    if (this.started) return '';
    this.started = true;
    const usage: Record<string, number> = { input_tokens: meta.inputTokens ?? 0, output_tokens: 0 };
    const message = {
      id: anthropicMessageId(meta.id),
      type: 'message',
      role: 'assistant',
      model: meta.model,
      content: [],
      stop_reason: null,
      stop_sequence: null,
      usage,
    };
    return frame('message_start', { message }) + frame('ping', {});
  }

  /** The frames one canonical chunk produces (possibly none). Only choice 0 is encoded. */
  push(chunk: ChatCompletionChunk): string {
    if (this.finished) return '';
    if (chunk.usage) this.usage = chunk.usage;
    let out = '';
    for (const choice of chunk.choices) {
      if (choice.index !== 0) continue;
      const text = choice.delta.content || choice.delta.refusal;
      if (text) out += this.text(text);
      for (const call of choice.delta.tool_calls ?? []) out += this.toolCall(call);
      if (choice.finish_reason) this.finishReason = choice.finish_reason;
    }
    return out;
  }

  /** Closes the open block and the message: `message_delta` with stop reason and usage, `message_stop`. */
  end(): string {
    if (this.finished) return '';
    this.finished = true;
    const { input_tokens, output_tokens, cache_read_input_tokens } = anthropicUsage(this.usage);
    const usage: Record<string, number> = { output_tokens };
    if (this.usage) Object.assign(usage, { input_tokens }, cache_read_input_tokens !== undefined ? { cache_read_input_tokens } : {});
    return (
      this.closeOpen() +
      frame('message_delta', { delta: { stop_reason: anthropicStopReason(this.finishReason), stop_sequence: null }, usage }) +
      frame('message_stop', {})
    );
  }

  /**
   * An `event: error` frame for a stream that fails after bytes were sent (no more frames follow).
   * `type` is an Anthropic error type or an HTTP status to derive it from.
   */
  error(type: AnthropicErrorType | number, message: string): string {
    if (this.finished) return '';
    this.finished = true;
    return frame('error', { error: { type: typeof type === 'number' ? anthropicErrorType(type) : type, message } });
  }

  private text(text: string): string {
    let out = '';
    if (this.open?.kind !== 'text') {
      out += this.closeOpen();
      out += this.openBlock({ kind: 'text', index: this.nextBlockIndex }, { type: 'text', text: '' });
    }
    return out + frame('content_block_delta', { index: this.open!.index, delta: { type: 'text_delta', text } });
  }

  private toolCall(call: ToolCallDelta): string {
    let out = '';
    let blockIndex = this.toolBlocks.get(call.index);
    if (blockIndex === undefined) {
      out += this.closeOpen();
      blockIndex = this.nextBlockIndex;
      this.toolBlocks.set(call.index, blockIndex);
      const id = call.id ?? `toolu_${anthropicMessageId(undefined).slice(4)}`;
      out += this.openBlock({ kind: 'tool', index: blockIndex, toolIndex: call.index }, { type: 'tool_use', id, name: call.function?.name ?? '', input: {} });
    }
    const partial = call.function?.arguments;
    // A fragment for an earlier, already closed tool call still goes to its own block index.
    if (partial) out += frame('content_block_delta', { index: blockIndex, delta: { type: 'input_json_delta', partial_json: partial } });
    return out;
  }

  private openBlock(block: OpenBlock, contentBlock: Record<string, unknown>): string {
    this.open = block;
    this.nextBlockIndex += 1;
    return frame('content_block_start', { index: block.index, content_block: contentBlock });
  }

  private closeOpen(): string {
    if (!this.open) return '';
    const index = this.open.index;
    this.open = undefined;
    return frame('content_block_stop', { index });
  }
}
