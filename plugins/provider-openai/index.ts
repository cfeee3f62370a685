import { definePlugin, type ProviderAdapter } from '../../src/plugin-sdk/index.js';
import { mapOpenAiError } from '../../src/plugin-sdk/openai-wire/index.js';
import { createChat } from './chat.js';
import type { OpenAiProviderConfig } from './config.schema.js';
import { createEmbeddings } from './embeddings.js';
import { manifest } from './manifest.js';
import { listOpenAiModels } from './models.js';

export function createOpenAiAdapter(config: OpenAiProviderConfig): ProviderAdapter {
  return {
    chat: createChat(config),
    embeddings: createEmbeddings(config),
    mapError: mapOpenAiError,
    listModels: listOpenAiModels,
  };
}

export default definePlugin<OpenAiProviderConfig>({
  manifest,
  create: ({ config }) => ({ adapter: createOpenAiAdapter(config) }),
});
