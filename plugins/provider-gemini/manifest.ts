import type { ProviderManifest } from '../../src/plugin-sdk/index.js';
import { geminiConfigSchema } from './config.schema.js';

export const manifest: ProviderManifest = {
  id: 'provider-gemini',
  kind: 'provider',
  version: '1.0.0',
  sdk: '^1.0.0',
  displayName: 'Google Gemini',
  description:
    'Google Gemini through the Generative Language API (generateContent, streamGenerateContent over SSE, batchEmbedContents), with tools, JSON output and images.',
  configSchema: geminiConfigSchema,
};
