import { join } from 'node:path';
import { describeProviderConformance } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_GEMINI_CONFIG } from './config.schema.js';
import { FIXTURE_RUNTIME, FIXTURE_TARGET } from './fixtures.js';
import { createGeminiAdapter } from './index.js';

const fixturesDir = join(__dirname, '__fixtures__');
const adapter = createGeminiAdapter(DEFAULT_GEMINI_CONFIG, FIXTURE_RUNTIME);

// Gemini's embeddings answer names no model, so the canonical one comes from the target.
describeProviderConformance('provider-gemini', fixturesDir, adapter, {
  baseUrl: 'https://upstream.example/v1beta',
  apiKey: 'test-key',
  extra: {},
  model: 'text-embedding-004',
});
describeProviderConformance('provider-gemini (Google base URL, models/ prefix)', fixturesDir, adapter, {
  ...FIXTURE_TARGET,
  model: 'models/text-embedding-004',
});
