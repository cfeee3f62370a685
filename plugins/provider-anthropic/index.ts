import { definePlugin, type ProviderAdapter } from '../../src/plugin-sdk/index.js';
import type { AnthropicProviderConfig } from './config.schema.js';
import { mapError } from './errors.js';
import { manifest } from './manifest.js';
import { listAnthropicModels } from './models.js';
import { buildChatRequest } from './request.js';
import { parseChatResponse } from './response.js';
import { parseChatStreamEvent } from './stream.js';

export function createAnthropicAdapter(config: AnthropicProviderConfig): ProviderAdapter {
  return {
    chat: {
      buildRequest: (request, target) => buildChatRequest(request, target, config),
      parseResponse: (response) => parseChatResponse(response),
      parseStreamEvent: (event, state) => parseChatStreamEvent(event, state),
    },
    mapError,
    listModels: (account) => listAnthropicModels(account, config),
  };
}

export default definePlugin<AnthropicProviderConfig>({
  manifest,
  create: ({ config }) => ({ adapter: createAnthropicAdapter(config) }),
});
