import { join } from 'node:path';
import { describeProviderConformance } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_COMPATIBLE_CONFIG } from './config.schema.js';
import { createCompatibleAdapter } from './index.js';

describeProviderConformance('provider-openai-compatible', join(__dirname, '__fixtures__'), createCompatibleAdapter(DEFAULT_COMPATIBLE_CONFIG), {
  baseUrl: 'http://vllm.internal:8000/v1',
  apiKey: 'token-abc123',
  extra: {},
  model: 'meta-llama/Llama-3.1-8B-Instruct',
});
