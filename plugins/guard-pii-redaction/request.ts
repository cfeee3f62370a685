import type { ChatCompletionRequest, ChatMessage, ContentPart, ToolCall } from '../../src/plugin-sdk/index.js';

/** Rewrites one text; returns the same string when nothing changed. */
export type TextRewrite = (text: string) => string;

/** Rewrites the strings inside a JSON document (tool arguments, tool results); plain text otherwise. */
export function rewriteJsonOrText(source: string, rewrite: TextRewrite): string {
  const trimmed = source.trimStart();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let parsed: unknown;
    try {
      parsed = JSON.parse(source);
    } catch {
      return rewrite(source);
    }
    let changed = false;
    const walk = (value: unknown): unknown => {
      if (typeof value === 'string') {
        const next = rewrite(value);
        if (next !== value) changed = true;
        return next;
      }
      if (Array.isArray(value)) return value.map(walk);
      if (value && typeof value === 'object') return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, walk(item)]));
      return value;
    };
    const rewritten = walk(parsed);
    return changed ? JSON.stringify(rewritten) : source;
  }
  return rewrite(source);
}

function rewriteContent(content: ChatMessage['content'], rewrite: TextRewrite, json: boolean): ChatMessage['content'] {
  if (typeof content === 'string') return json ? rewriteJsonOrText(content, rewrite) : rewrite(content);
  if (!Array.isArray(content)) return content;
  let changed = false;
  const parts = content.map((part): ContentPart => {
    if (part?.type !== 'text' || typeof part.text !== 'string') return part;
    const text = rewrite(part.text);
    if (text === part.text) return part;
    changed = true;
    return { ...part, text };
  });
  return changed ? parts : content;
}

function rewriteToolCalls(calls: ToolCall[] | undefined, rewrite: TextRewrite): ToolCall[] | undefined {
  if (!Array.isArray(calls)) return calls;
  let changed = false;
  const next = calls.map((call) => {
    const args = call?.function?.arguments;
    if (typeof args !== 'string') return call;
    const rewritten = rewriteJsonOrText(args, rewrite);
    if (rewritten === args) return call;
    changed = true;
    return { ...call, function: { ...call.function, arguments: rewritten } };
  });
  return changed ? next : calls;
}

/** Every text the provider will read: message contents (strings and text parts), tool call arguments, tool results. */
export function rewriteRequest(request: ChatCompletionRequest, rewrite: TextRewrite): ChatCompletionRequest {
  if (!Array.isArray(request.messages)) return request;
  let changed = false;
  const messages = request.messages.map((message) => {
    if (!message || typeof message !== 'object') return message;
    const content = rewriteContent(message.content, rewrite, message.role === 'tool');
    const toolCalls = rewriteToolCalls(message.tool_calls, rewrite);
    if (content === message.content && toolCalls === message.tool_calls) return message;
    changed = true;
    return { ...message, content, ...(toolCalls ? { tool_calls: toolCalls } : {}) };
  });
  return changed ? { ...request, messages } : request;
}

/** Every text of a request, for reserving token-shaped strings the caller wrote. */
export function requestTexts(request: ChatCompletionRequest): string[] {
  const texts: string[] = [];
  rewriteRequest(request, (text) => {
    texts.push(text);
    return text;
  });
  return texts;
}
