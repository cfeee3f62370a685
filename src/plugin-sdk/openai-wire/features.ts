import type { ChatCompletionRequest } from '../canonical.js';
import { UnsupportedParameterError } from '../request-errors.js';

/**
 * What an OpenAI-wire server can do. A request using a missing feature is refused with
 * `UnsupportedParameterError` (the caller gets a 400 naming the parameter) instead of being sent
 * to a server that would ignore it silently or fail obscurely.
 *
 * @example
 * const features: OpenAiWireFeatures = { tools: true, jsonSchema: false, vision: false };
 */
export interface OpenAiWireFeatures {
  tools: boolean;
  jsonSchema: boolean;
  vision: boolean;
}

function firstToolUse(request: ChatCompletionRequest): string | undefined {
  if (request.tools && request.tools.length > 0) return 'tools';
  if (request.tool_choice !== undefined && request.tool_choice !== 'none') return 'tool_choice';
  if (request.parallel_tool_calls !== undefined) return 'parallel_tool_calls';
  const index = request.messages.findIndex((message) => message.role === 'tool' || (message.tool_calls?.length ?? 0) > 0);
  if (index === -1) return undefined;
  return request.messages[index].role === 'tool' ? `messages[${index}].tool_call_id` : `messages[${index}].tool_calls`;
}

function firstImage(request: ChatCompletionRequest): string | undefined {
  for (const [messageIndex, message] of request.messages.entries()) {
    if (!Array.isArray(message.content)) continue;
    const partIndex = message.content.findIndex((part) => part.type === 'image_url');
    if (partIndex !== -1) return `messages[${messageIndex}].content[${partIndex}]`;
  }
  return undefined;
}

/**
 * Throws `UnsupportedParameterError` for the first feature the request uses that `features` lacks.
 *
 * @example
 * assertOpenAiWireFeatures({ model: 'm', messages: [], response_format: { type: 'json_schema', json_schema: { name: 'a' } } },
 *   { tools: true, jsonSchema: false, vision: true }); // throws, param 'response_format'
 */
export function assertOpenAiWireFeatures(request: ChatCompletionRequest, features: OpenAiWireFeatures): void {
  if (!features.tools) {
    const param = firstToolUse(request);
    if (param) throw new UnsupportedParameterError(param, 'this server is configured without tool calling (supportsTools: false)');
  }
  if (!features.jsonSchema && request.response_format?.type === 'json_schema') {
    throw new UnsupportedParameterError('response_format', 'this server is configured without JSON-schema output (supportsJsonSchema: false)');
  }
  if (!features.vision) {
    const param = firstImage(request);
    if (param) throw new UnsupportedParameterError(param, 'this server is configured without image input (supportsVision: false)');
  }
}
