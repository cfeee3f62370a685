import { UnsupportedParameterError, type ChatMessage, type ContentPart } from '../../src/plugin-sdk/index.js';
import type {
  AnthropicImageBlock,
  AnthropicMessageParam,
  AnthropicRequestBlock,
  AnthropicTextBlock,
  AnthropicToolUseBlock,
} from './wire.js';

const DATA_URL = /^data:([^;,]+);base64,(.*)$/s;

function imageBlock(url: string, param: string): AnthropicImageBlock {
  const data = DATA_URL.exec(url);
  if (data) return { type: 'image', source: { type: 'base64', media_type: data[1], data: data[2] } };
  if (/^https?:\/\//i.test(url)) return { type: 'image', source: { type: 'url', url } };
  throw new UnsupportedParameterError(param, 'images must be base64 data: URLs or http(s) URLs');
}

function partBlocks(content: ChatMessage['content'], param: string): Array<AnthropicTextBlock | AnthropicImageBlock> {
  if (content === null || content === undefined) return [];
  if (typeof content === 'string') return content.length > 0 ? [{ type: 'text', text: content }] : [];
  return content.flatMap((part: ContentPart, index): Array<AnthropicTextBlock | AnthropicImageBlock> => {
    if (part.type === 'text') return part.text.length > 0 ? [{ type: 'text', text: part.text }] : [];
    if (part.type === 'image_url') return [imageBlock(part.image_url.url, `${param}[${index}].image_url`)];
    throw new UnsupportedParameterError(`${param}[${index}].type`, `content parts of type "${(part as { type: string }).type}" cannot be sent to Anthropic`);
  });
}

function toolUseBlocks(message: ChatMessage, param: string): AnthropicToolUseBlock[] {
  return (message.tool_calls ?? []).map((call, index) => {
    let input: unknown = {};
    if (call.function.arguments.trim() !== '') {
      try {
        input = JSON.parse(call.function.arguments);
      } catch {
        throw new UnsupportedParameterError(`${param}.tool_calls[${index}].function.arguments`, 'arguments must be a JSON object');
      }
    }
    return { type: 'tool_use', id: call.id, name: call.function.name, input };
  });
}

function turnOf(message: ChatMessage, param: string): AnthropicMessageParam {
  switch (message.role) {
    case 'user':
      return { role: 'user', content: typeof message.content === 'string' ? message.content : partBlocks(message.content, `${param}.content`) };
    case 'assistant': {
      const blocks: AnthropicRequestBlock[] = [...partBlocks(message.content, `${param}.content`), ...toolUseBlocks(message, param)];
      const textOnly = typeof message.content === 'string' && !message.tool_calls?.length;
      return { role: 'assistant', content: textOnly ? (message.content as string) : blocks };
    }
    case 'tool': {
      const content = typeof message.content === 'string' ? message.content : partBlocks(message.content, `${param}.content`);
      return { role: 'user', content: [{ type: 'tool_result', tool_use_id: message.tool_call_id ?? '', content }] };
    }
    default:
      throw new UnsupportedParameterError(`${param}.role`, `role "${message.role}" has no Anthropic equivalent here`);
  }
}

function asBlocks(content: AnthropicMessageParam['content']): AnthropicRequestBlock[] {
  return typeof content === 'string' ? (content.length > 0 ? [{ type: 'text', text: content }] : []) : content;
}

/**
 * Anthropic wants alternating turns and tool results inside user turns: tool messages become
 * `tool_result` blocks and consecutive turns of one role merge into one.
 */
export function toAnthropicMessages(messages: ChatMessage[]): AnthropicMessageParam[] {
  const turns: AnthropicMessageParam[] = [];
  messages.forEach((message, index) => {
    if (message.role === 'system' || message.role === 'developer') return;
    const turn = turnOf(message, `messages[${index}]`);
    const previous = turns[turns.length - 1];
    if (previous && previous.role === turn.role) previous.content = [...asBlocks(previous.content), ...asBlocks(turn.content)];
    else turns.push(turn);
  });
  return turns;
}

/** System and developer messages, wherever they stand, become the top-level `system`. */
export function toAnthropicSystem(messages: ChatMessage[]): string | AnthropicTextBlock[] | undefined {
  const blocks = messages
    .filter((message) => message.role === 'system' || message.role === 'developer')
    .flatMap((message, index) => partBlocks(message.content, `system[${index}]`))
    .map((block) => {
      if (block.type !== 'text') throw new UnsupportedParameterError('messages', 'system messages may only hold text');
      return block;
    });
  if (blocks.length === 0) return undefined;
  return blocks.length === 1 ? blocks[0].text : blocks;
}
