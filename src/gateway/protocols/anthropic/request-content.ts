import type { ChatMessage, ContentPart, ToolCall } from '../../../plugin-sdk/index.js';
import { isNonEmptyString, isObject, type JsonObject, type RequestProblems } from './request-problems.js';

/** Blocks Portico accepts and drops on purpose: prompt-cache hints and earlier turns' thinking. */
const DROPPED_ASSISTANT_BLOCKS = new Set(['thinking', 'redacted_thinking']);
const UNSUPPORTED_BLOCKS = new Set([
  'document', 'search_result', 'server_tool_use', 'web_search_tool_result', 'container_upload', 'mcp_tool_use', 'mcp_tool_result',
]);

function imagePart(block: JsonObject, path: string, problems: RequestProblems): ContentPart | undefined {
  const source = block.source;
  if (!isObject(source)) return void problems.invalidAt(`${path}.source`, 'Field required');
  if (source.type === 'base64') {
    if (!isNonEmptyString(source.media_type)) problems.invalidAt(`${path}.source.media_type`, 'Field required');
    if (!isNonEmptyString(source.data)) problems.invalidAt(`${path}.source.data`, 'Field required');
    return { type: 'image_url', image_url: { url: `data:${String(source.media_type)};base64,${String(source.data)}` } };
  }
  if (source.type === 'url') {
    if (!isNonEmptyString(source.url)) return void problems.invalidAt(`${path}.source.url`, 'Field required');
    return { type: 'image_url', image_url: { url: source.url } };
  }
  problems.unsupportedAt(`${path}.source.type`, `image sources of type ${JSON.stringify(source.type)} are not supported by this gateway`);
  return undefined;
}

function textPart(block: JsonObject, path: string, problems: RequestProblems): ContentPart | undefined {
  if (typeof block.text !== 'string') return void problems.invalidAt(`${path}.text`, 'Field required');
  return { type: 'text', text: block.text };
}

function toolResultContent(block: JsonObject, path: string, problems: RequestProblems): string | ContentPart[] {
  const content = block.content;
  if (content === undefined) return '';
  if (typeof content === 'string') return content;
  if (!Array.isArray(content)) return problems.invalidAt(`${path}.content`, 'must be a string or an array of blocks'), '';
  const parts = content.flatMap((inner: unknown, index) => {
    const innerPath = `${path}.content.${index}`;
    if (isObject(inner) && inner.type === 'text') return textPart(inner, innerPath, problems) ?? [];
    if (isObject(inner) && inner.type === 'image') return imagePart(inner, innerPath, problems) ?? [];
    problems.unsupportedAt(`${innerPath}.type`, 'tool results may hold text and image blocks only');
    return [];
  });
  return parts.every((part) => part.type === 'text') ? parts.map((part) => (part as { text: string }).text).join('') : parts;
}

function collapse(parts: ContentPart[]): string | ContentPart[] {
  return parts.length === 1 && parts[0].type === 'text' ? parts[0].text : parts;
}

/** A user turn: tool_result blocks become tool messages, the other blocks a user message, in order. */
export function userMessages(content: unknown[], path: string, problems: RequestProblems): ChatMessage[] {
  const messages: ChatMessage[] = [];
  let parts: ContentPart[] = [];
  const flush = () => {
    if (parts.length > 0) messages.push({ role: 'user', content: collapse(parts) });
    parts = [];
  };
  content.forEach((block, index) => {
    const blockPath = `${path}.${index}`;
    if (!isObject(block)) return problems.invalidAt(blockPath, 'must be a content block object');
    if (block.type === 'text' || block.type === 'image') {
      const part = block.type === 'text' ? textPart(block, blockPath, problems) : imagePart(block, blockPath, problems);
      if (part) parts.push(part);
      return;
    }
    if (block.type === 'tool_result') {
      if (!isNonEmptyString(block.tool_use_id)) problems.invalidAt(`${blockPath}.tool_use_id`, 'Field required');
      flush();
      messages.push({ role: 'tool', tool_call_id: String(block.tool_use_id), content: toolResultContent(block, blockPath, problems) });
      return;
    }
    blockTypeProblem(block.type, `${blockPath}.type`, 'user', problems);
  });
  flush();
  return messages;
}

/** An assistant turn: text blocks join into `content`, tool_use blocks become `tool_calls`. */
export function assistantMessage(content: unknown[], path: string, problems: RequestProblems): ChatMessage {
  const texts: string[] = [];
  const toolCalls: ToolCall[] = [];
  content.forEach((block, index) => {
    const blockPath = `${path}.${index}`;
    if (!isObject(block)) return problems.invalidAt(blockPath, 'must be a content block object');
    if (block.type === 'text') {
      const part = textPart(block, blockPath, problems);
      if (part?.type === 'text') texts.push(part.text);
      return;
    }
    if (block.type === 'tool_use') {
      if (!isNonEmptyString(block.id)) problems.invalidAt(`${blockPath}.id`, 'Field required');
      if (!isNonEmptyString(block.name)) problems.invalidAt(`${blockPath}.name`, 'Field required');
      if (!isObject(block.input)) problems.invalidAt(`${blockPath}.input`, 'must be an object');
      toolCalls.push({ id: String(block.id), type: 'function', function: { name: String(block.name), arguments: JSON.stringify(block.input ?? {}) } });
      return;
    }
    if (DROPPED_ASSISTANT_BLOCKS.has(String(block.type))) return;
    blockTypeProblem(block.type, `${blockPath}.type`, 'assistant', problems);
  });
  const message: ChatMessage = { role: 'assistant', content: texts.length > 0 ? texts.join('') : toolCalls.length > 0 ? null : '' };
  if (toolCalls.length > 0) message.tool_calls = toolCalls;
  return message;
}

function blockTypeProblem(type: unknown, path: string, role: string, problems: RequestProblems): void {
  if (typeof type === 'string' && UNSUPPORTED_BLOCKS.has(type)) problems.unsupportedAt(path, `${type} blocks are not supported by this gateway`);
  else problems.invalidAt(path, `${JSON.stringify(type)} is not a valid block type in a ${role} message`);
}

/** `system` as a string or text blocks → one system message text. */
export function systemText(system: unknown, problems: RequestProblems): string | undefined {
  if (system === undefined) return undefined;
  if (typeof system === 'string') return system;
  if (!Array.isArray(system)) return void problems.invalidAt('system', 'must be a string or an array of text blocks');
  return system
    .map((block: unknown, index) => {
      if (isObject(block) && block.type === 'text' && typeof block.text === 'string') return block.text;
      problems.invalidAt(`system.${index}`, 'must be a text block');
      return '';
    })
    .join('\n');
}
