import { definePlugin, type ProviderAdapter } from '../../src/plugin-sdk/index.js';
import { mapOpenAiError } from '../../src/plugin-sdk/openai-wire/index.js';
import { listedModels } from './api.js';
import { createChat } from './chat.js';
import type { CompatibleSettings } from './config.schema.js';
import { createEmbeddings } from './embeddings.js';
import { manifest } from './manifest.js';
import { resolveSettings } from './settings.js';

export function createCompatibleAdapter(config: CompatibleSettings): ProviderAdapter {
  return {
    chat: createChat(config),
    embeddings: createEmbeddings(config),
    mapError: mapOpenAiError,
    listModels: (account) => listedModels(resolveSettings(config, account.extra)),
  };
}

export default definePlugin<CompatibleSettings>({
  manifest,
  create: ({ config }) => ({ adapter: createCompatibleAdapter(config) }),
});
