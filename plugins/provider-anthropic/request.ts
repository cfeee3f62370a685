import {
  UnsupportedParameterError,
  type ChatCompletionRequest,
  type ToolChoice,
  type UpstreamRequest,
  type ProviderTarget,
} from '../../src/plugin-sdk/index.js';
import { anthropicHeaders, messagesUrl } from './api.js';
import type { AnthropicProviderConfig } from './config.schema.js';
import { toAnthropicMessages, toAnthropicSystem } from './request-messages.js';
import type { AnthropicMessagesRequest, AnthropicToolChoice } from './wire.js';

function refuseUnsupported(request: ChatCompletionRequest): void {
  if (request.n !== undefined && request.n !== null && request.n > 1) {
    throw new UnsupportedParameterError('n', 'Anthropic returns one choice per request');
  }
  for (const param of ['presence_penalty', 'frequency_penalty'] as const) {
    if (request[param]) throw new UnsupportedParameterError(param, 'Anthropic has no token penalties');
  }
  if (request.logit_bias && Object.keys(request.logit_bias).length > 0) {
    throw new UnsupportedParameterError('logit_bias', 'Anthropic has no logit bias');
  }
  if (request.temperature !== undefined && request.temperature !== null && request.temperature > 1) {
    throw new UnsupportedParameterError('temperature', 'Anthropic accepts a temperature from 0 to 1');
  }
  if (request.seed !== undefined && request.seed !== null) {
    throw new UnsupportedParameterError('seed', 'Anthropic has no deterministic sampling seed');
  }
}

function toolChoiceOf(choice: ToolChoice | undefined, parallel: boolean | undefined): AnthropicToolChoice | undefined {
  const disable = parallel === false ? { disable_parallel_tool_use: true } : {};
  if (choice === undefined) return parallel === false ? { type: 'auto', ...disable } : undefined;
  if (choice === 'none') return { type: 'none' };
  if (choice === 'auto') return { type: 'auto', ...disable };
  if (choice === 'required') return { type: 'any', ...disable };
  return { type: 'tool', name: choice.function.name, ...disable };
}

function outputConfigOf(request: ChatCompletionRequest, config: AnthropicProviderConfig): AnthropicMessagesRequest['output_config'] {
  const format = request.response_format;
  if (!format || format.type === 'text') return undefined;
  if (format.type === 'json_object') {
    throw new UnsupportedParameterError('response_format', 'Anthropic has no JSON mode; use json_schema or ask for JSON in the prompt');
  }
  if (config.jsonSchemaOutput !== 'native') {
    throw new UnsupportedParameterError('response_format', 'structured outputs are not enabled for this Anthropic provider');
  }
  return { format: { type: 'json_schema', schema: format.json_schema.schema ?? { type: 'object' } } };
}

/** Canonical request → Anthropic `POST /v1/messages` body, without undefined fields. */
export function toAnthropicRequest(request: ChatCompletionRequest, model: string, config: AnthropicProviderConfig): AnthropicMessagesRequest {
  refuseUnsupported(request);
  const body: AnthropicMessagesRequest = {
    model,
    max_tokens: request.max_completion_tokens ?? request.max_tokens ?? config.defaultMaxTokens,
    messages: toAnthropicMessages(request.messages),
  };
  const system = toAnthropicSystem(request.messages);
  if (system !== undefined) body.system = system;
  if (request.tools?.length) {
    body.tools = request.tools.map(({ function: fn }) => ({
      name: fn.name,
      ...(fn.description !== undefined ? { description: fn.description } : {}),
      input_schema: fn.parameters ?? { type: 'object', properties: {} },
    }));
  }
  const toolChoice = toolChoiceOf(request.tool_choice, request.parallel_tool_calls);
  if (toolChoice) body.tool_choice = toolChoice;
  if (request.stop !== undefined && request.stop !== null) body.stop_sequences = typeof request.stop === 'string' ? [request.stop] : request.stop;
  if (request.temperature !== undefined && request.temperature !== null) body.temperature = request.temperature;
  if (request.top_p !== undefined && request.top_p !== null) body.top_p = request.top_p;
  if (request.stream) body.stream = true;
  if (request.user) body.metadata = { user_id: request.user };
  const outputConfig = outputConfigOf(request, config);
  if (outputConfig) body.output_config = outputConfig;
  return body;
}

export function buildChatRequest(request: ChatCompletionRequest, target: ProviderTarget, config: AnthropicProviderConfig): UpstreamRequest {
  return {
    method: 'POST',
    url: messagesUrl(target),
    headers: anthropicHeaders(target, config.anthropicVersion, Boolean(request.stream)),
    body: JSON.stringify(toAnthropicRequest(request, target.model, config)),
  };
}
