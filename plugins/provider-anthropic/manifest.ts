import type { ProviderManifest } from '../../src/plugin-sdk/index.js';
import { anthropicConfigSchema } from './config.schema.js';

export const manifest: ProviderManifest = {
  id: 'provider-anthropic',
  kind: 'provider',
  version: '1.0.0',
  sdk: '^1.0.0',
  displayName: 'Anthropic',
  description: 'Anthropic Messages API (Claude models) behind the canonical chat format: text, images, tools and streaming.',
  configSchema: anthropicConfigSchema,
};
