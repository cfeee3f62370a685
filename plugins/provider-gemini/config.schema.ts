import type { PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** How an `image_url` part with an http(s) URL reaches Gemini. */
export type RemoteImageMode = 'reject' | 'file-data';

/** One model this provider lists on `GET /v1/models`. */
export interface GeminiModelConfig {
  id: string;
  capabilities: Array<'chat' | 'embeddings'>;
  contextWindow?: number;
}

/** Plugin-level config of provider-gemini, after defaults. */
export interface GeminiProviderConfig {
  apiVersion: 'v1beta' | 'v1';
  remoteImages: RemoteImageMode;
  models: GeminiModelConfig[];
}

export const DEFAULT_GEMINI_MODELS: GeminiModelConfig[] = [
  { id: 'gemini-2.5-pro', capabilities: ['chat'], contextWindow: 1_048_576 },
  { id: 'gemini-2.5-flash', capabilities: ['chat'], contextWindow: 1_048_576 },
  { id: 'gemini-2.5-flash-lite', capabilities: ['chat'], contextWindow: 1_048_576 },
  { id: 'gemini-2.0-flash', capabilities: ['chat'], contextWindow: 1_048_576 },
  { id: 'gemini-embedding-001', capabilities: ['embeddings'], contextWindow: 2048 },
  { id: 'text-embedding-004', capabilities: ['embeddings'], contextWindow: 2048 },
];

/** What an empty config becomes; the schema's defaults, spelled out for tools and tests. */
export const DEFAULT_GEMINI_CONFIG: GeminiProviderConfig = {
  apiVersion: 'v1beta',
  remoteImages: 'reject',
  models: DEFAULT_GEMINI_MODELS,
};

export const geminiConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    apiVersion: {
      type: 'string',
      enum: ['v1beta', 'v1'],
      default: 'v1beta',
      description:
        'API version path appended to an account base URL that does not already end in one (`https://generativelanguage.googleapis.com` → `.../v1beta`).',
    },
    remoteImages: {
      type: 'string',
      enum: ['reject', 'file-data'],
      default: 'reject',
      description:
        'What to do with an `image_url` part holding an http(s) URL: `reject` answers the caller 400 (Gemini fetches only its own Files API URIs reliably), `file-data` sends it as a `fileData.fileUri`. `data:` URLs always become `inlineData`; Files API URIs always become `fileData`.',
    },
    models: {
      type: 'array',
      default: DEFAULT_GEMINI_MODELS,
      description: 'Models listed on `GET /v1/models` for accounts of this provider (no call to Gemini is made to list them).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'capabilities'],
        properties: {
          id: {
            type: 'string',
            minLength: 1,
            pattern: '^(?!models/)',
            description: 'Gemini model name without the `models/` prefix, e.g. `gemini-2.5-flash`.',
          },
          capabilities: {
            type: 'array',
            minItems: 1,
            uniqueItems: true,
            items: { type: 'string', enum: ['chat', 'embeddings'] },
            description: 'Operations the model serves: `chat` (generateContent) and/or `embeddings` (batchEmbedContents).',
          },
          contextWindow: {
            type: 'integer',
            minimum: 1,
            description: 'Input token limit, shown to clients as `context_window`.',
          },
        },
      },
    },
  },
};
