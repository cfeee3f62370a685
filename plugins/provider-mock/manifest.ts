import type { ProviderManifest } from '../../src/plugin-sdk/index.js';
import { mockConfigSchema } from './config.schema.js';

export const manifest: ProviderManifest = {
  id: 'provider-mock',
  kind: 'provider',
  version: '1.0.0',
  sdk: '^1.0.0',
  displayName: 'Mock provider',
  description:
    'Deterministic offline provider speaking the OpenAI wire format, with latency and failure injection for tests and benchmarks.',
  configSchema: mockConfigSchema,
};
