import type { ChatCompletionRequest, ChatMessage } from '../canonical.js';
import type { EmbeddingsRequest } from '../canonical-embeddings.js';

/**
 * Which token-limit parameter the upstream understands. `as-given` forwards what the caller sent;
 * the other two move the caller's limit (either spelling) to the named parameter.
 *
 * @example
 * const parameter: MaxTokensParameter = 'max_completion_tokens'; // OpenAI reasoning models
 */
export type MaxTokensParameter = 'as-given' | 'max_completion_tokens' | 'max_tokens';

/**
 * How an OpenAI-wire chat body is built for one upstream.
 *
 * @example
 * const options: OpenAiChatBodyOptions = { model: 'gpt-4o-mini', streamUsage: 'always', maxTokensParameter: 'as-given' };
 */
export interface OpenAiChatBodyOptions {
  /** The upstream's model name (replaces the caller's). */
  model: string;
  /**
   * `always`: every stream asks for `stream_options.include_usage` so the gateway can bill, whatever
   * the caller asked (see `parseOpenAiStreamEvent` for how the extra chunk is flagged);
   * `never`: `stream_options` is not sent at all (servers that reject it).
   */
  streamUsage: 'always' | 'never';
  maxTokensParameter: MaxTokensParameter;
  /** `system` rewrites `developer` messages for servers that predate that role. */
  developerRole?: 'developer' | 'system';
}

function moveTokenLimit(body: Record<string, unknown>, parameter: MaxTokensParameter): void {
  if (parameter === 'as-given') return;
  const other = parameter === 'max_tokens' ? 'max_completion_tokens' : 'max_tokens';
  const limit = body[parameter] ?? body[other];
  delete body[other];
  if (limit === undefined) delete body[parameter];
  else body[parameter] = limit;
}

function withDeveloperAs(messages: ChatMessage[], role: 'developer' | 'system'): ChatMessage[] {
  if (role === 'developer') return messages;
  return messages.map((message) => (message.role === 'developer' ? { ...message, role: 'system' } : message));
}

/**
 * The OpenAI chat-completions body for a canonical request. Canonical is the OpenAI wire format,
 * so every field passes through unchanged except the model, the stream usage option, the token
 * limit's name and (optionally) the developer role.
 *
 * @example
 * toOpenAiChatBody({ model: 'x', messages: [], stream: true, max_tokens: 5 },
 *   { model: 'o3-mini', streamUsage: 'always', maxTokensParameter: 'max_completion_tokens' });
 * // → { model: 'o3-mini', messages: [], stream: true, max_completion_tokens: 5, stream_options: { include_usage: true } }
 */
export function toOpenAiChatBody(request: ChatCompletionRequest, options: OpenAiChatBodyOptions): Record<string, unknown> {
  const body: Record<string, unknown> = { ...request, model: options.model };
  body.messages = withDeveloperAs(request.messages, options.developerRole ?? 'developer');
  moveTokenLimit(body, options.maxTokensParameter);
  if (request.stream) {
    if (options.streamUsage === 'always') body.stream_options = { ...request.stream_options, include_usage: true };
    else delete body.stream_options;
  }
  return body;
}

/**
 * The OpenAI embeddings body for a canonical request (identity plus the upstream model name).
 *
 * @example
 * toOpenAiEmbeddingsBody({ model: 'embed', input: 'hi' }, 'text-embedding-3-small');
 * // → { model: 'text-embedding-3-small', input: 'hi' }
 */
export function toOpenAiEmbeddingsBody(request: EmbeddingsRequest, model: string): Record<string, unknown> {
  return { ...request, model };
}

/**
 * Joins a base URL and a path without doubling or losing the slash between them.
 *
 * @example
 * joinUrl('https://api.openai.com/v1/', '/chat/completions'); // → 'https://api.openai.com/v1/chat/completions'
 */
export function joinUrl(baseUrl: string, path: string): string {
  return `${baseUrl.replace(/\/+$/, '')}/${path.replace(/^\/+/, '')}`;
}
