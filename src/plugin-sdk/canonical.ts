/**
 * Canonical request and response types. They follow OpenAI's public wire format field for field,
 * so an OpenAI-compatible body can be used as-is and every adapter maps to one shape.
 */

/**
 * Who wrote a message.
 *
 * @example
 * const role: ChatRole = 'user';
 */
export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

/**
 * A text part of a multi-part message.
 *
 * @example
 * const part: TextContentPart = { type: 'text', text: 'Describe this picture' };
 */
export interface TextContentPart {
  type: 'text';
  text: string;
}

/**
 * An image part of a multi-part message (a URL or a `data:` URL).
 *
 * @example
 * const part: ImageContentPart = { type: 'image_url', image_url: { url: 'https://example.com/a.png', detail: 'low' } };
 */
export interface ImageContentPart {
  type: 'image_url';
  image_url: { url: string; detail?: 'auto' | 'low' | 'high' };
}

/**
 * One part of a multi-part message.
 *
 * @example
 * const parts: ContentPart[] = [{ type: 'text', text: 'What is this?' }, { type: 'image_url', image_url: { url: 'data:image/png;base64,...' } }];
 */
export type ContentPart = TextContentPart | ImageContentPart;

/**
 * A function call the model asked for.
 *
 * @example
 * const call: ToolCall = { id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } };
 */
export interface ToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

/**
 * A message of the conversation. `content` is a string or parts for user messages; assistant
 * messages may carry `tool_calls` with `content: null`; tool messages answer a `tool_call_id`.
 *
 * @example
 * const messages: ChatMessage[] = [
 *   { role: 'system', content: 'Be brief.' },
 *   { role: 'user', content: 'Weather in Oslo?' },
 *   { role: 'assistant', content: null, tool_calls: [{ id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '{"city":"Oslo"}' } }] },
 *   { role: 'tool', tool_call_id: 'call_1', content: '{"temp":3}' },
 * ];
 */
export interface ChatMessage {
  role: ChatRole;
  content: string | ContentPart[] | null;
  name?: string;
  tool_calls?: ToolCall[];
  tool_call_id?: string;
  refusal?: string | null;
}

/**
 * A tool the model may call (only functions exist on the wire today).
 *
 * @example
 * const tool: ToolDefinition = {
 *   type: 'function',
 *   function: { name: 'get_weather', description: 'Current weather', parameters: { type: 'object', properties: { city: { type: 'string' } } } },
 * };
 */
export interface ToolDefinition {
  type: 'function';
  function: { name: string; description?: string; parameters?: Record<string, unknown>; strict?: boolean };
}

/**
 * How the model may use tools.
 *
 * @example
 * const choice: ToolChoice = { type: 'function', function: { name: 'get_weather' } };
 */
export type ToolChoice = 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };

/**
 * Output format constraint.
 *
 * @example
 * const format: ResponseFormat = { type: 'json_schema', json_schema: { name: 'answer', schema: { type: 'object' }, strict: true } };
 */
export type ResponseFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; json_schema: { name: string; description?: string; schema?: Record<string, unknown>; strict?: boolean } };

/**
 * `POST /v1/chat/completions` request body.
 *
 * @example
 * const request: ChatCompletionRequest = {
 *   model: 'mock-chat',
 *   messages: [{ role: 'user', content: 'Hello' }],
 *   stream: true,
 *   stream_options: { include_usage: true },
 *   max_completion_tokens: 64,
 * };
 */
export interface ChatCompletionRequest {
  model: string;
  messages: ChatMessage[];
  tools?: ToolDefinition[];
  tool_choice?: ToolChoice;
  parallel_tool_calls?: boolean;
  response_format?: ResponseFormat;
  stop?: string | string[] | null;
  temperature?: number | null;
  top_p?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  stream?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  n?: number | null;
  seed?: number | null;
  user?: string;
  metadata?: Record<string, string>;
  presence_penalty?: number | null;
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
}

/**
 * Why the model stopped.
 *
 * @example
 * const reason: FinishReason = 'tool_calls';
 */
export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

/**
 * Token accounting. The details objects are present when the provider reports them.
 *
 * @example
 * const usage: Usage = {
 *   prompt_tokens: 12, completion_tokens: 5, total_tokens: 17,
 *   prompt_tokens_details: { cached_tokens: 0 }, completion_tokens_details: { reasoning_tokens: 0 },
 * };
 */
export interface Usage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number };
}

/**
 * The assistant message inside a non-streamed choice.
 *
 * @example
 * const message: AssistantMessage = { role: 'assistant', content: 'Hi!', refusal: null };
 */
export interface AssistantMessage {
  role: 'assistant';
  content: string | null;
  refusal?: string | null;
  tool_calls?: ToolCall[];
}

/**
 * One alternative of a non-streamed answer.
 *
 * @example
 * const choice: ChatCompletionChoice = { index: 0, message: { role: 'assistant', content: 'Hi!' }, logprobs: null, finish_reason: 'stop' };
 */
export interface ChatCompletionChoice {
  index: number;
  message: AssistantMessage;
  logprobs?: unknown;
  finish_reason: FinishReason | null;
}

/**
 * `POST /v1/chat/completions` response body (`object: 'chat.completion'`).
 *
 * @example
 * const response: ChatCompletionResponse = {
 *   id: 'chatcmpl-1', object: 'chat.completion', created: 1735689600, model: 'mock-chat',
 *   choices: [{ index: 0, message: { role: 'assistant', content: 'Hi!' }, finish_reason: 'stop' }],
 *   usage: { prompt_tokens: 2, completion_tokens: 1, total_tokens: 3 },
 * };
 */
export interface ChatCompletionResponse {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: ChatCompletionChoice[];
  usage?: Usage;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

/**
 * A fragment of a tool call inside a stream delta; fragments with the same `index` concatenate.
 *
 * @example
 * const fragment: ToolCallDelta = { index: 0, id: 'call_1', type: 'function', function: { name: 'get_weather', arguments: '' } };
 */
export interface ToolCallDelta {
  index: number;
  id?: string;
  type?: 'function';
  function?: { name?: string; arguments?: string };
}

/**
 * What a stream chunk adds to a choice.
 *
 * @example
 * const delta: ChatCompletionDelta = { content: 'Hel' };
 */
export interface ChatCompletionDelta {
  role?: 'assistant';
  content?: string | null;
  refusal?: string | null;
  tool_calls?: ToolCallDelta[];
}

/**
 * One alternative inside a stream chunk.
 *
 * @example
 * const choice: ChatCompletionChunkChoice = { index: 0, delta: { content: 'lo' }, logprobs: null, finish_reason: null };
 */
export interface ChatCompletionChunkChoice {
  index: number;
  delta: ChatCompletionDelta;
  logprobs?: unknown;
  finish_reason: FinishReason | null;
}

/**
 * One streamed event (`object: 'chat.completion.chunk'`). With `stream_options.include_usage`
 * the last chunk has `choices: []` and `usage` set; earlier chunks carry `usage: null`.
 *
 * @example
 * const chunk: ChatCompletionChunk = {
 *   id: 'chatcmpl-1', object: 'chat.completion.chunk', created: 1735689600, model: 'mock-chat',
 *   choices: [{ index: 0, delta: { content: 'Hi' }, finish_reason: null }],
 * };
 */
export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: ChatCompletionChunkChoice[];
  usage?: Usage | null;
  system_fingerprint?: string | null;
  service_tier?: string | null;
}

export type { EmbeddingItem, EmbeddingsRequest, EmbeddingsResponse, ModelInfo } from './canonical-embeddings.js';
