import { randomBytes } from 'node:crypto';
import type { ChatCompletionResponse, FinishReason, ToolCall, Usage } from '../../../plugin-sdk/index.js';
import type { AnthropicContentBlock, AnthropicMessage, AnthropicStopReason, AnthropicUsage } from './wire.js';

const STOP_REASONS: Record<FinishReason, AnthropicStopReason> = {
  stop: 'end_turn',
  length: 'max_tokens',
  tool_calls: 'tool_use',
  function_call: 'tool_use',
  content_filter: 'refusal',
};

export function anthropicStopReason(finishReason: FinishReason | null | undefined): AnthropicStopReason {
  return (finishReason && STOP_REASONS[finishReason]) || 'end_turn';
}

/** Canonical usage → Anthropic's, where `input_tokens` leaves out cache reads. */
export function anthropicUsage(usage: Usage | null | undefined): AnthropicUsage {
  const cached = usage?.prompt_tokens_details?.cached_tokens;
  const result: AnthropicUsage = {
    input_tokens: Math.max(0, (usage?.prompt_tokens ?? 0) - (cached ?? 0)),
    output_tokens: usage?.completion_tokens ?? 0,
  };
  if (cached !== undefined) result.cache_read_input_tokens = cached;
  return result;
}

/** Keeps an upstream `msg_` id, otherwise derives one from the canonical id (or makes one). */
export function anthropicMessageId(canonicalId: string | undefined): string {
  if (canonicalId?.startsWith('msg_')) return canonicalId;
  const suffix = canonicalId?.replace(/^chatcmpl-/, '').replace(/[^A-Za-z0-9_-]/g, '');
  return `msg_${suffix || randomBytes(12).toString('hex')}`;
}

/** Tool arguments are JSON text in the canonical format and an object on Anthropic's wire. */
export function toolInput(argumentsText: string): Record<string, unknown> {
  if (argumentsText.trim() === '') return {};
  try {
    const parsed = JSON.parse(argumentsText) as unknown;
    return typeof parsed === 'object' && parsed !== null && !Array.isArray(parsed) ? (parsed as Record<string, unknown>) : { value: parsed };
  } catch {
    return { arguments: argumentsText };
  }
}

function toolUseBlock(call: ToolCall): AnthropicContentBlock {
  return { type: 'tool_use', id: call.id, name: call.function.name, input: toolInput(call.function.arguments) };
}

/**
 * A canonical chat.completion as the Anthropic message an SDK expects, under the model name the
 * caller asked for. Only the first choice is used (Anthropic requests never ask for more).
 *
 * @example
 * canonicalResponseToAnthropic(completion, 'claude-sonnet-4-5').content; // → [{ type: 'text', text: 'Hi!' }]
 */
export function canonicalResponseToAnthropic(response: ChatCompletionResponse, requestedModel: string): AnthropicMessage {
  const choice = response.choices[0];
  const text = choice?.message.content ?? choice?.message.refusal ?? '';
  const content: AnthropicContentBlock[] = text.length > 0 ? [{ type: 'text', text }] : [];
  content.push(...(choice?.message.tool_calls ?? []).map(toolUseBlock));
  return {
    id: anthropicMessageId(response.id),
    type: 'message',
    role: 'assistant',
    model: requestedModel,
    content,
    stop_reason: anthropicStopReason(choice?.finish_reason),
    stop_sequence: null,
    usage: anthropicUsage(response.usage),
  };
}
