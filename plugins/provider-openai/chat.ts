import type { ChatOperation, ChatCompletionRequest } from '../../src/plugin-sdk/index.js';
import {
  parseOpenAiChatCompletion,
  parseOpenAiStreamEvent,
  toOpenAiChatBody,
  type MaxTokensParameter,
} from '../../src/plugin-sdk/openai-wire/index.js';
import { resolveEndpoint } from './api.js';
import type { OpenAiProviderConfig } from './config.schema.js';

/** Reasoning models refuse `max_tokens`; every other model gets the limit under the name the caller used. */
export function tokenLimitParameter(model: string, reasoningModels: RegExp): MaxTokensParameter {
  return reasoningModels.test(model) ? 'max_completion_tokens' : 'as-given';
}

/** Chat completions for OpenAI and Azure OpenAI: the canonical body with usage always asked for in streams. */
export function createChat(config: OpenAiProviderConfig): ChatOperation {
  const reasoningModels = new RegExp(config.reasoningModelPattern);
  return {
    buildRequest(request: ChatCompletionRequest, target) {
      const endpoint = resolveEndpoint(target, config, 'chat/completions', request.stream === true);
      const body = toOpenAiChatBody(request, {
        model: target.model,
        streamUsage: 'always',
        maxTokensParameter: tokenLimitParameter(target.model, reasoningModels),
      });
      return { method: 'POST', url: endpoint.url, headers: endpoint.headers, body: JSON.stringify(body) };
    },
    parseResponse: (response, { target }) => parseOpenAiChatCompletion(response.body, target.model),
    parseStreamEvent: parseOpenAiStreamEvent,
  };
}
