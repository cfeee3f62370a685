import type { ChatCompletionResponse, ToolCall, UpstreamResponse } from '../../src/plugin-sdk/index.js';
import { finishReasonOf } from './finish-reason.js';
import { toCanonicalUsage } from './usage.js';
import type { AnthropicMessage, AnthropicTextBlock, AnthropicToolUseBlock } from './wire.js';

function parseMessage(text: string): AnthropicMessage {
  const value = JSON.parse(text) as AnthropicMessage | null;
  if (!value || value.type !== 'message' || !Array.isArray(value.content)) throw new Error('expected an Anthropic message object from upstream');
  return value;
}

/** Anthropic message → canonical chat.completion. Blocks other than text and tool_use (thinking) are not carried. */
export function parseChatResponse(response: UpstreamResponse, now: number = Date.now()): ChatCompletionResponse {
  const message = parseMessage(response.body);
  const texts = message.content.filter((block): block is AnthropicTextBlock => block.type === 'text').map((block) => block.text);
  const toolCalls: ToolCall[] = message.content
    .filter((block): block is AnthropicToolUseBlock => block.type === 'tool_use')
    .map((block) => ({ id: block.id, type: 'function', function: { name: block.name, arguments: JSON.stringify(block.input ?? {}) } }));
  const content = texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '';
  return {
    id: message.id,
    object: 'chat.completion',
    created: Math.floor(now / 1000),
    model: message.model,
    choices: [
      {
        index: 0,
        message: { role: 'assistant', content, refusal: null, ...(toolCalls.length > 0 ? { tool_calls: toolCalls } : {}) },
        logprobs: null,
        finish_reason: finishReasonOf(message.stop_reason),
      },
    ],
    usage: toCanonicalUsage(message.usage ?? {}),
  };
}
