import { join } from 'node:path';
import { describeProviderConformance } from '../../src/plugin-sdk/testing/provider-conformance.js';
import { DEFAULT_OPENAI_CONFIG } from './config.schema.js';
import { createOpenAiAdapter } from './index.js';

const adapter = createOpenAiAdapter(DEFAULT_OPENAI_CONFIG);

describeProviderConformance('provider-openai', join(__dirname, '__fixtures__'), adapter, {
  baseUrl: 'https://api.openai.com/v1',
  apiKey: 'sk-test',
  extra: {},
  model: 'gpt-4o-mini',
});

describeProviderConformance('provider-openai (Azure)', join(__dirname, '__fixtures__', 'azure'), adapter, {
  baseUrl: 'https://contoso.openai.azure.com',
  apiKey: 'azure-key',
  extra: { azure: { apiVersion: '2024-10-21' } },
  model: 'gpt-4o-mini',
});
