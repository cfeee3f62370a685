import { definePlugin, type ProviderAdapter } from '../../src/plugin-sdk/index.js';
import { defaultRuntime, type GeminiRuntime } from './api.js';
import { buildChatRequest } from './chat-request.js';
import { parseChatResponse } from './chat-response.js';
import { parseChatStreamEvent } from './chat-stream.js';
import type { GeminiProviderConfig } from './config.schema.js';
import { createEmbeddings } from './embeddings.js';
import { mapError } from './errors.js';
import { manifest } from './manifest.js';
import { listGeminiModels } from './models.js';

export function createGeminiAdapter(config: GeminiProviderConfig, runtime: GeminiRuntime = defaultRuntime): ProviderAdapter {
  const context = { config, runtime };
  return {
    chat: {
      buildRequest: (request, target) => buildChatRequest(request, target, context),
      parseResponse: (response, parse) => parseChatResponse(response, parse, runtime),
      parseStreamEvent: (event, state) => parseChatStreamEvent(event, state, runtime),
    },
    embeddings: createEmbeddings(context),
    mapError,
    listModels: () => listGeminiModels(config.models),
  };
}

export default definePlugin<GeminiProviderConfig>({
  manifest,
  create: ({ config }) => ({ adapter: createGeminiAdapter(config) }),
});
