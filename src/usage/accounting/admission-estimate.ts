import type { ChatCompletionRequest, ContentPart, EmbeddingsRequest } from '../../plugin-sdk/index.js';
import { IMAGE_TOKENS_DEFAULT, IMAGE_TOKENS_LOW, REPLY_PRIMING_TOKENS, TOKENS_PER_MESSAGE } from './token-counter.js';

/** UTF-8 bytes per token the estimate assumes: BPE tokenizers average ~4 on English prose, ~2 on JSON and code. */
export const BYTES_PER_TOKEN = 2.5;

/**
 * Prompt tokens for admission (tokens/min and budget reservations), from UTF-8 sizes — not a
 * tokenizer: it runs on every limited request, so it must cost microseconds and no memory, and it
 * may err high (a reservation is settled at the actual usage after the call). At 2.5 bytes per
 * token it stays at or above the real count for prose, JSON and code (tested against the tokenizer).
 *
 * @example
 * estimatePromptTokens({ model: 'm', messages: [{ role: 'user', content: 'Say hello' }] }) // 3 + 3 + 2 + 4 = 12
 */
export function estimatePromptTokens(request: ChatCompletionRequest): number {
  let tokens = REPLY_PRIMING_TOKENS;
  for (const message of request.messages) {
    tokens += TOKENS_PER_MESSAGE + bytesAsTokens(message.role) + contentTokens(message.content);
    if (message.name) tokens += 1 + bytesAsTokens(message.name);
    if (message.tool_calls?.length) tokens += bytesAsTokens(JSON.stringify(message.tool_calls));
  }
  if (request.tools?.length) tokens += bytesAsTokens(JSON.stringify(request.tools));
  return tokens;
}

export function estimateEmbeddingTokens(request: EmbeddingsRequest): number {
  const { input } = request;
  if (typeof input === 'string') return bytesAsTokens(input);
  if (input.length === 0) return 0;
  if (typeof input[0] === 'number') return input.length;
  if (Array.isArray(input[0])) return (input as number[][]).reduce((sum, tokens) => sum + tokens.length, 0);
  return (input as string[]).reduce((sum, text) => sum + bytesAsTokens(text), 0);
}

function contentTokens(content: string | ContentPart[] | null): number {
  if (content === null) return 0;
  if (typeof content === 'string') return bytesAsTokens(content);
  let tokens = 0;
  for (const part of content) tokens += part.type === 'text' ? bytesAsTokens(part.text) : part.image_url.detail === 'low' ? IMAGE_TOKENS_LOW : IMAGE_TOKENS_DEFAULT;
  return tokens;
}

function bytesAsTokens(text: string): number {
  return Math.ceil(Buffer.byteLength(text, 'utf8') / BYTES_PER_TOKEN);
}
