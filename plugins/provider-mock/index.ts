import { definePlugin, type ProviderAdapter } from '../../src/plugin-sdk/index.js';
import { MOCK_MODELS } from './api.js';
import { chat } from './chat.js';
import type { MockProviderConfig } from './config.schema.js';
import { embeddings } from './embeddings.js';
import { mapError } from './errors.js';
import { manifest } from './manifest.js';
import { createMockUpstream, toMockHttpRequest } from './upstream.js';

export function createMockAdapter(config: MockProviderConfig): ProviderAdapter {
  const upstream = createMockUpstream(config);
  return {
    chat,
    embeddings,
    mapError,
    listModels: () => MOCK_MODELS.map((model) => ({ ...model })),
    localUpstream: (request, signal) => upstream.handle(toMockHttpRequest(request), signal),
  };
}

export default definePlugin<MockProviderConfig>({
  manifest,
  create: ({ config }) => ({ adapter: createMockAdapter(config) }),
});
