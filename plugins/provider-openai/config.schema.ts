import type { PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** Plugin-level config of provider-openai, after defaults; shared by every account of the plugin. */
export interface OpenAiProviderConfig {
  defaultBaseUrl: string;
  reasoningModelPattern: string;
  azureApiVersion: string;
}

export const DEFAULT_OPENAI_CONFIG: OpenAiProviderConfig = {
  defaultBaseUrl: 'https://api.openai.com/v1',
  reasoningModelPattern: '^(o[1-9]|gpt-5)',
  azureApiVersion: '2024-10-21',
};

export const openAiConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaultBaseUrl: {
      type: 'string',
      format: 'uri',
      default: DEFAULT_OPENAI_CONFIG.defaultBaseUrl,
      description: 'Base URL used when an account names none (OpenAI accounts only; Azure accounts must name their resource URL).',
    },
    reasoningModelPattern: {
      type: 'string',
      minLength: 1,
      default: DEFAULT_OPENAI_CONFIG.reasoningModelPattern,
      description:
        'Regular expression over the upstream model (or Azure deployment) name; matching models get the token limit as `max_completion_tokens`, which they require instead of `max_tokens`.',
    },
    azureApiVersion: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}(-preview)?$',
      default: DEFAULT_OPENAI_CONFIG.azureApiVersion,
      description: 'Azure OpenAI `api-version` query parameter for Azure accounts that do not set `azure.apiVersion`.',
    },
  },
};

/** Provider-account settings (`account.extra`) understood by provider-openai. */
export interface OpenAiAccountSettings {
  organization?: string;
  project?: string;
  models?: string[];
  azure?: { deployment?: string; deployments?: Record<string, string>; apiVersion?: string };
}

/**
 * Schema of a provider account's `extra` for this plugin. An `azure` object switches the account to
 * Azure OpenAI (URL per deployment, `api-key` header); without it the account is plain OpenAI.
 */
export const openAiAccountSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    organization: { type: 'string', minLength: 1, description: 'Sent as the `OpenAI-Organization` header (OpenAI accounts).' },
    project: { type: 'string', minLength: 1, description: 'Sent as the `OpenAI-Project` header (OpenAI accounts).' },
    models: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      description: 'Model ids this account lists on `GET /v1/models`; defaults to the well-known OpenAI models (or the Azure deployments).',
    },
    azure: {
      type: 'object',
      additionalProperties: false,
      description: 'Present for an Azure OpenAI resource; `baseUrl` is then the resource endpoint (`https://<name>.openai.azure.com`).',
      properties: {
        deployment: {
          type: 'string',
          minLength: 1,
          description: 'Deployment that chat requests of this account go to; defaults to the model name.',
        },
        deployments: {
          type: 'object',
          additionalProperties: { type: 'string', minLength: 1 },
          description: 'Deployment per model name (for chat and embeddings); wins over `deployment`.',
        },
        apiVersion: {
          type: 'string',
          pattern: '^\\d{4}-\\d{2}-\\d{2}(-preview)?$',
          description: 'The `api-version` query parameter; defaults to the plugin config `azureApiVersion`.',
        },
      },
    },
  },
};
