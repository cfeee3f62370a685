/**
 * Anthropic Messages wire format as Portico's `/v1/messages` answers it: the response message,
 * its content blocks, usage and error envelope.
 */

/** A text block of an answer. */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
}

/** A tool call of an answer; `input` is the parsed arguments object. */
export interface AnthropicToolUseBlock {
  type: 'tool_use';
  id: string;
  name: string;
  input: Record<string, unknown>;
}

export type AnthropicContentBlock = AnthropicTextBlock | AnthropicToolUseBlock;

export type AnthropicStopReason = 'end_turn' | 'max_tokens' | 'stop_sequence' | 'tool_use' | 'refusal';

/** Token accounting; `input_tokens` excludes tokens read from the prompt cache. */
export interface AnthropicUsage {
  input_tokens: number;
  output_tokens: number;
  cache_read_input_tokens?: number;
}

/**
 * A complete (non-streamed) answer of `POST /v1/messages`.
 *
 * @example
 * const message: AnthropicMessage = {
 *   id: 'msg_1', type: 'message', role: 'assistant', model: 'claude-sonnet-4-5',
 *   content: [{ type: 'text', text: 'Hi!' }], stop_reason: 'end_turn', stop_sequence: null,
 *   usage: { input_tokens: 5, output_tokens: 2 },
 * };
 */
export interface AnthropicMessage {
  id: string;
  type: 'message';
  role: 'assistant';
  model: string;
  content: AnthropicContentBlock[];
  stop_reason: AnthropicStopReason | null;
  stop_sequence: string | null;
  usage: AnthropicUsage;
}

/** Anthropic's error types, by the HTTP status they travel with. */
export type AnthropicErrorType =
  | 'invalid_request_error'
  | 'authentication_error'
  | 'billing_error'
  | 'permission_error'
  | 'not_found_error'
  | 'request_too_large'
  | 'rate_limit_error'
  | 'api_error'
  | 'timeout_error'
  | 'overloaded_error';

/**
 * The error body of every non-2xx answer, and the data of a streamed `event: error`.
 *
 * @example
 * const body: AnthropicErrorBody = { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } };
 */
export interface AnthropicErrorBody {
  type: 'error';
  error: { type: AnthropicErrorType; message: string };
  request_id?: string;
}
