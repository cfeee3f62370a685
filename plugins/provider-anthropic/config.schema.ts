import type { PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** What `response_format: json_schema` becomes: refused (400 naming the parameter) or Anthropic's `output_config.format`. */
export type JsonSchemaOutputMode = 'reject' | 'native';

/** Plugin-level config of provider-anthropic, after defaults. */
export interface AnthropicProviderConfig {
  defaultMaxTokens: number;
  anthropicVersion: string;
  jsonSchemaOutput: JsonSchemaOutputMode;
  models: string[];
}

/** What an empty config becomes; the schema's defaults, spelled out for tools and tests. */
export const DEFAULT_ANTHROPIC_CONFIG: AnthropicProviderConfig = {
  defaultMaxTokens: 4096,
  anthropicVersion: '2023-06-01',
  jsonSchemaOutput: 'reject',
  models: ['claude-opus-4-6', 'claude-sonnet-4-6', 'claude-haiku-4-5'],
};

export const anthropicConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    defaultMaxTokens: {
      type: 'integer',
      minimum: 1,
      maximum: 1_000_000,
      default: DEFAULT_ANTHROPIC_CONFIG.defaultMaxTokens,
      description:
        'Anthropic requires `max_tokens`; this is sent when the caller gives neither `max_tokens` nor `max_completion_tokens`.',
    },
    anthropicVersion: {
      type: 'string',
      pattern: '^\\d{4}-\\d{2}-\\d{2}$',
      default: DEFAULT_ANTHROPIC_CONFIG.anthropicVersion,
      description: 'Value of the `anthropic-version` header sent upstream.',
    },
    jsonSchemaOutput: {
      type: 'string',
      enum: ['reject', 'native'],
      default: DEFAULT_ANTHROPIC_CONFIG.jsonSchemaOutput,
      description:
        '`response_format: json_schema` handling: `reject` answers the caller 400 naming `response_format`; `native` sends Anthropic structured outputs (`output_config.format`), which only recent models accept.',
    },
    models: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      default: DEFAULT_ANTHROPIC_CONFIG.models,
      description: 'Model ids listed by `GET /v1/models` when the provider account does not name its own in `extra.models`.',
    },
  },
};
