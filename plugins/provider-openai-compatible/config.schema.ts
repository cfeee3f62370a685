import type { JsonSchemaProperty, PluginConfigSchema } from '../../src/plugin-sdk/index.js';
import type { MaxTokensParameter } from '../../src/plugin-sdk/openai-wire/index.js';

/**
 * What one OpenAI-compatible server can do and needs. The plugin config gives the defaults for
 * every account; an account's `extra` may override any of them (one account per server).
 */
export interface CompatibleSettings {
  supportsStreamUsage: boolean;
  supportsTools: boolean;
  supportsJsonSchema: boolean;
  supportsVision: boolean;
  maxTokensParameter: MaxTokensParameter;
  developerRole: 'developer' | 'system';
  extraHeaders: Record<string, string>;
  models: string[];
}

export const DEFAULT_COMPATIBLE_CONFIG: CompatibleSettings = {
  supportsStreamUsage: true,
  supportsTools: true,
  supportsJsonSchema: true,
  supportsVision: true,
  maxTokensParameter: 'max_tokens',
  developerRole: 'system',
  extraHeaders: {},
  models: [],
};

const settingProperties: Record<keyof CompatibleSettings, JsonSchemaProperty> = {
  supportsStreamUsage: {
    type: 'boolean',
    description:
      'The server accepts `stream_options.include_usage` and ends streams with a usage chunk. When false, `stream_options` is never sent and the gateway counts tokens itself.',
  },
  supportsTools: {
    type: 'boolean',
    description: 'The server supports `tools`/`tool_choice` and tool messages; when false such requests are refused with 400 naming the parameter.',
  },
  supportsJsonSchema: {
    type: 'boolean',
    description: 'The server honours `response_format: {type: "json_schema"}`; when false such requests are refused with 400.',
  },
  supportsVision: {
    type: 'boolean',
    description: 'The server accepts `image_url` content parts; when false such requests are refused with 400.',
  },
  maxTokensParameter: {
    type: 'string',
    enum: ['max_tokens', 'max_completion_tokens', 'as-given'],
    description: 'Name under which the token limit is sent (the caller may use either); `as-given` forwards what the caller sent.',
  },
  developerRole: {
    type: 'string',
    enum: ['developer', 'system'],
    description: '`system` rewrites `developer` messages as `system` for servers that predate the developer role.',
  },
  extraHeaders: {
    type: 'object',
    additionalProperties: { type: 'string' },
    description: 'Headers added to every upstream request (names are lower-cased; they may replace `authorization`).',
  },
  models: {
    type: 'array',
    items: { type: 'string', minLength: 1 },
    description: 'Model ids listed on `GET /v1/models`, for servers whose own model list is not read by the gateway.',
  },
};

function withDefaults(): Record<string, JsonSchemaProperty> {
  return Object.fromEntries(
    Object.entries(settingProperties).map(([name, property]) => [name, { ...property, default: DEFAULT_COMPATIBLE_CONFIG[name as keyof CompatibleSettings] }]),
  );
}

/** Plugin-level config: defaults for every account of this plugin. */
export const compatibleConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: withDefaults(),
};

/** A provider account's `extra`: the same settings, each optional, overriding the plugin config. */
export const compatibleAccountSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: settingProperties,
};
