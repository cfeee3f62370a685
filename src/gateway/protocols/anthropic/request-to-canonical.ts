import type { ChatCompletionRequest, ChatMessage, ToolChoice, ToolDefinition } from '../../../plugin-sdk/index.js';
import { assistantMessage, systemText, userMessages } from './request-content.js';
import { isNonEmptyString, isObject, RequestProblems, type JsonObject } from './request-problems.js';

const HANDLED_FIELDS = new Set([
  'model', 'max_tokens', 'messages', 'system', 'tools', 'tool_choice', 'stop_sequences', 'temperature', 'top_p', 'top_k',
  'stream', 'metadata', 'thinking', 'output_config',
  // Hints Portico may ignore without changing the answer: prompt-cache placement and Anthropic's capacity tier.
  'cache_control', 'service_tier',
]);
const UNSUPPORTED_FIELDS = new Set(['container', 'mcp_servers', 'context_management', 'inference_geo', 'speed', 'diagnostics', 'user_profile_id', 'workspace_id']);

function messagesOf(value: unknown, problems: RequestProblems): ChatMessage[] {
  if (!Array.isArray(value) || value.length === 0) return problems.invalidAt('messages', 'must be a non-empty array'), [];
  return value.flatMap((message: unknown, index): ChatMessage[] => {
    const path = `messages.${index}`;
    if (!isObject(message)) return problems.invalidAt(path, 'must be an object'), [];
    const { role, content } = message;
    if (role !== 'user' && role !== 'assistant' && role !== 'system') {
      return problems.invalidAt(`${path}.role`, `must be "user" or "assistant", got ${JSON.stringify(role)}`), [];
    }
    if (role === 'system') {
      const text = systemText(content, problems);
      return text === undefined ? [] : [{ role: 'system', content: text }];
    }
    if (typeof content === 'string') return [{ role, content }];
    if (!Array.isArray(content)) return problems.invalidAt(`${path}.content`, 'must be a string or an array of content blocks'), [];
    return role === 'user' ? userMessages(content, `${path}.content`, problems) : [assistantMessage(content, `${path}.content`, problems)];
  });
}

function toolsOf(value: unknown, problems: RequestProblems): ToolDefinition[] | undefined {
  if (value === undefined) return undefined;
  if (!Array.isArray(value)) return problems.invalidAt('tools', 'must be an array'), undefined;
  return value.flatMap((tool: unknown, index): ToolDefinition[] => {
    const path = `tools.${index}`;
    if (!isObject(tool)) return problems.invalidAt(path, 'must be an object'), [];
    if (tool.type !== undefined && tool.type !== null && tool.type !== 'custom') {
      return problems.unsupportedAt(`${path}.type`, `server tool ${JSON.stringify(tool.type)} is not supported by this gateway`), [];
    }
    if (!isNonEmptyString(tool.name)) problems.invalidAt(`${path}.name`, 'Field required');
    if (!isObject(tool.input_schema)) problems.invalidAt(`${path}.input_schema`, 'Field required');
    const fn: ToolDefinition['function'] = { name: String(tool.name), parameters: tool.input_schema as JsonObject };
    if (typeof tool.description === 'string') fn.description = tool.description;
    return [{ type: 'function', function: fn }];
  });
}

function toolChoiceOf(value: unknown, problems: RequestProblems): { choice?: ToolChoice; parallel?: false } {
  if (value === undefined) return {};
  if (!isObject(value)) return problems.invalidAt('tool_choice', 'must be an object'), {};
  const parallel = value.disable_parallel_tool_use === true ? ({ parallel: false } as const) : {};
  switch (value.type) {
    case 'auto':
      return { choice: 'auto', ...parallel };
    case 'any':
      return { choice: 'required', ...parallel };
    case 'none':
      return { choice: 'none' };
    case 'tool':
      if (!isNonEmptyString(value.name)) return problems.invalidAt('tool_choice.name', 'Field required'), {};
      return { choice: { type: 'function', function: { name: value.name } }, ...parallel };
    default:
      return problems.invalidAt('tool_choice.type', 'must be one of "auto", "any", "tool", "none"'), {};
  }
}

function numberIn(body: JsonObject, field: string, min: number, max: number, problems: RequestProblems): number | undefined {
  const value = body[field];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || value < min || value > max) return problems.invalidAt(field, `must be a number from ${min} to ${max}`), undefined;
  return value;
}

function readSampling(body: JsonObject, request: ChatCompletionRequest, problems: RequestProblems): void {
  const temperature = numberIn(body, 'temperature', 0, 1, problems);
  if (temperature !== undefined) request.temperature = temperature;
  const topP = numberIn(body, 'top_p', 0, 1, problems);
  if (topP !== undefined) request.top_p = topP;
  if (body.top_k !== undefined && body.top_k !== null) problems.unsupportedAt('top_k', 'is not supported by this gateway; use temperature or top_p');
  const stop = body.stop_sequences;
  if (stop !== undefined) {
    if (Array.isArray(stop) && stop.every((item) => typeof item === 'string')) request.stop = stop;
    else problems.invalidAt('stop_sequences', 'must be an array of strings');
  }
}

function readExtras(body: JsonObject, request: ChatCompletionRequest, problems: RequestProblems): void {
  if (body.metadata !== undefined) {
    const userId = isObject(body.metadata) ? body.metadata.user_id : undefined;
    if (!isObject(body.metadata)) problems.invalidAt('metadata', 'must be an object');
    else if (typeof userId === 'string') request.user = userId;
  }
  const thinking = body.thinking;
  if (thinking !== undefined && !(isObject(thinking) && thinking.type === 'disabled')) {
    problems.unsupportedAt('thinking', 'extended thinking is not supported by this gateway');
  }
  const output = body.output_config;
  if (output === undefined) return;
  if (!isObject(output)) return problems.invalidAt('output_config', 'must be an object');
  for (const key of Object.keys(output)) {
    if (key === 'format' || output[key] === null) continue;
    problems.unsupportedAt(`output_config.${key}`, 'is not supported by this gateway');
  }
  const format = output.format;
  if (format === undefined || format === null) return;
  if (!isObject(format) || format.type !== 'json_schema' || !isObject(format.schema)) {
    return problems.invalidAt('output_config.format', 'must be {"type": "json_schema", "schema": {...}}');
  }
  request.response_format = { type: 'json_schema', json_schema: { name: 'output', schema: format.schema, strict: true } };
}

/**
 * Reads a `POST /v1/messages` body into the canonical request, or throws one
 * `AnthropicRequestError` listing every problem found. Streaming requests ask for usage in the
 * last chunk, because Anthropic streams always report it.
 *
 * @example
 * anthropicRequestToCanonical({ model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] });
 * // → { model: 'claude-sonnet-4-5', max_tokens: 256, messages: [{ role: 'user', content: 'Hi' }] }
 */
export function anthropicRequestToCanonical(body: unknown): ChatCompletionRequest {
  const problems = new RequestProblems();
  if (!isObject(body)) {
    problems.invalidAt('body', 'must be a JSON object');
    problems.throwIfAny();
  }
  const input = body as JsonObject;
  for (const field of Object.keys(input)) {
    if (UNSUPPORTED_FIELDS.has(field)) {
      if (input[field] !== null) problems.unsupportedAt(field, 'is not supported by this gateway');
    } else if (!HANDLED_FIELDS.has(field)) problems.invalidAt(field, 'Extra inputs are not permitted');
  }
  if (!isNonEmptyString(input.model)) problems.invalidAt('model', 'Field required');
  if (!Number.isInteger(input.max_tokens) || (input.max_tokens as number) < 1) problems.invalidAt('max_tokens', 'Field required (an integer of at least 1)');
  const system = systemText(input.system, problems);
  const messages = messagesOf(input.messages, problems);
  const request: ChatCompletionRequest = {
    model: String(input.model),
    messages: system === undefined ? messages : [{ role: 'system', content: system }, ...messages],
    max_tokens: input.max_tokens as number,
  };
  const tools = toolsOf(input.tools, problems);
  if (tools) request.tools = tools;
  const { choice, parallel } = toolChoiceOf(input.tool_choice, problems);
  if (choice !== undefined) request.tool_choice = choice;
  if (parallel === false) request.parallel_tool_calls = false;
  readSampling(input, request, problems);
  readExtras(input, request, problems);
  if (input.stream !== undefined && typeof input.stream !== 'boolean') problems.invalidAt('stream', 'must be a boolean');
  if (input.stream === true) {
    request.stream = true;
    request.stream_options = { include_usage: true };
  }
  problems.throwIfAny();
  return request;
}
