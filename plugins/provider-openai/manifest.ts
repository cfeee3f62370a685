import type { ProviderManifest } from '../../src/plugin-sdk/index.js';
import { openAiConfigSchema } from './config.schema.js';

export const manifest: ProviderManifest = {
  id: 'provider-openai',
  kind: 'provider',
  version: '1.0.0',
  sdk: '^1.0.0',
  displayName: 'OpenAI',
  description:
    'OpenAI chat completions and embeddings, and Azure OpenAI deployments (an account with `extra.azure`); streams always report usage for billing.',
  configSchema: openAiConfigSchema,
};
