import type { ProviderManifest } from '../../src/plugin-sdk/index.js';
import { compatibleConfigSchema } from './config.schema.js';

export const manifest: ProviderManifest = {
  id: 'provider-openai-compatible',
  kind: 'provider',
  version: '1.0.0',
  sdk: '^1.0.0',
  displayName: 'OpenAI-compatible server',
  description:
    'Any server speaking the OpenAI chat-completions wire format (vLLM, Ollama, Groq, Together, DeepSeek, Mistral, LM Studio, ...), with per-account feature switches.',
  configSchema: compatibleConfigSchema,
};
