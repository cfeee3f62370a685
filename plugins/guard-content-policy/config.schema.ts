import type { ChatRole, JsonSchemaProperty, PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** What a rule does when it matches: stop the call, or let it through and record the hit for the call log. */
export type RuleAction = 'block' | 'flag';

export type TokenizerName = 'auto' | 'o200k_base' | 'cl100k_base';

/** Plugin-level config of guard-content-policy, after defaults. */
export interface ContentPolicyConfig {
  tokenizer: TokenizerName;
}

export interface RegexRule {
  id: string;
  pattern: string;
  flags: string;
  appliesTo: 'input' | 'output' | 'both';
  action: RuleAction;
}

/** Per-binding config (route, prompt API or key), after defaults. Every rule is off by default. */
export interface ContentPolicyBinding {
  models: { allow: string[]; action: RuleAction };
  inputTokens: { max: number; action: RuleAction };
  terms: { deny: string[]; allow: string[]; roles: ChatRole[]; action: RuleAction };
  regex: RegexRule[];
  output: {
    json: { required: boolean; schema?: Record<string, unknown>; bufferStream: boolean; action: RuleAction };
    terms: { deny: string[]; action: RuleAction };
    maxChars: { max: number; action: RuleAction };
  };
}

export const DEFAULT_CONTENT_POLICY_CONFIG: ContentPolicyConfig = { tokenizer: 'auto' };

export const DEFAULT_CONTENT_POLICY_BINDING: ContentPolicyBinding = {
  models: { allow: [], action: 'block' },
  inputTokens: { max: 0, action: 'block' },
  terms: { deny: [], allow: [], roles: ['user'], action: 'block' },
  regex: [],
  output: {
    json: { required: false, bufferStream: false, action: 'block' },
    terms: { deny: [], action: 'block' },
    maxChars: { max: 0, action: 'block' },
  },
};

const ROLES = ['system', 'developer', 'user', 'assistant', 'tool'];

function action(what: string): JsonSchemaProperty {
  return { type: 'string', enum: ['block', 'flag'], default: 'block', description: `\`block\` stops the call when ${what}; \`flag\` lets it through and records the hit in the call log.` };
}

function termList(description: string, maxItems: number): JsonSchemaProperty {
  return { type: 'array', items: { type: 'string', minLength: 1, maxLength: 200 }, maxItems, default: [], description };
}

export const contentPolicyConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    tokenizer: {
      type: 'string',
      enum: ['auto', 'o200k_base', 'cl100k_base'],
      default: 'auto',
      description:
        'BPE encoding used to count input tokens (gpt-tokenizer). `auto` picks cl100k_base for gpt-3.5/gpt-4 and o200k_base for every other model, as Portico\'s usage meter does; for non-OpenAI models the count is an estimate.',
    },
  },
};

export const contentPolicyBindingSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    models: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Which models the binding allows.',
      properties: {
        allow: {
          type: 'array',
          items: { type: 'string', minLength: 1, maxLength: 200 },
          maxItems: 200,
          default: [],
          description: 'Glob patterns matched against `request.model`, case-insensitively (`*` any run of characters, `?` one character), e.g. `openai/gpt-4o*`. Empty allows every model.',
        },
        action: action('the requested model matches no pattern (code CONTENT_POLICY_MODEL_NOT_ALLOWED, 403)'),
      },
    },
    inputTokens: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'A ceiling on the size of the prompt.',
      properties: {
        max: {
          type: 'integer',
          minimum: 0,
          maximum: 10_000_000,
          default: 0,
          description: 'Most input tokens a request may carry (every message, tool call and tool definition, with chat framing), counted with gpt-tokenizer. 0 means no limit.',
        },
        action: action('the prompt has more tokens than `max` (code CONTENT_POLICY_INPUT_TOO_LONG, 413)'),
      },
    },
    terms: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Deny and allow lists of words and phrases for the prompt.',
      properties: {
        deny: termList('Words or phrases the prompt must not contain. Matched as whole words, ignoring case, accents and runs of spaces (terms in scripts written without spaces, such as Chinese, match anywhere).', 5000),
        allow: termList('Phrases exempt from the deny list: a denied term inside an allowed phrase does not count (e.g. deny `kill`, allow `kill the process`). Applies to prompt and output terms.', 1000),
        roles: {
          type: 'array',
          items: { type: 'string', enum: ROLES },
          uniqueItems: true,
          default: ['user'],
          description: 'Message roles whose text the deny list and the input regex rules read.',
        },
        action: action('the prompt contains a denied term (code CONTENT_POLICY_DENIED_TERM, 400)'),
      },
    },
    regex: {
      type: 'array',
      maxItems: 100,
      default: [],
      description:
        'Regular expressions run with RE2 (linear time, no catastrophic backtracking; backreferences and lookaround are not supported and are rejected).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['id', 'pattern'],
        properties: {
          id: { type: 'string', pattern: '^[a-z0-9][a-z0-9_.-]{0,63}$', description: 'Name of the rule, shown in block messages and call-log counts.' },
          pattern: { type: 'string', minLength: 1, maxLength: 2000, description: 'RE2 pattern (JavaScript-like syntax without backreferences or lookaround).' },
          flags: { type: 'string', pattern: '^[ims]{0,3}$', default: '', description: 'Any of `i` (ignore case), `m` (^ and $ at line breaks), `s` (dot matches line breaks).' },
          appliesTo: { type: 'string', enum: ['input', 'output', 'both'], default: 'input', description: 'Run on the prompt (roles of `terms.roles`), on the model output, or on both.' },
          action: action('the pattern matches (code CONTENT_POLICY_REGEX_MATCH: 400 on input, 502 on output)'),
        },
      },
    },
    output: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Checks on the model output, for complete responses and at the end of (or during) a stream.',
      properties: {
        json: {
          type: 'object',
          additionalProperties: false,
          default: {},
          description: 'The output must be JSON.',
          properties: {
            required: { type: 'boolean', default: false, description: 'Every choice with text must be valid JSON (code CONTENT_POLICY_OUTPUT_NOT_JSON, 502).' },
            schema: {
              type: 'object',
              description: 'A JSON Schema (draft-07, checked with ajv; `format` keywords from ajv-formats) the parsed output must match (code CONTENT_POLICY_OUTPUT_SCHEMA_MISMATCH, 502). Implies `required`.',
            },
            bufferStream: {
              type: 'boolean',
              default: false,
              description: 'Hold a streamed answer until it ends, so a client never receives invalid JSON; otherwise the text streams and an invalid answer ends the stream with an error.',
            },
            action: action('the output is not JSON or does not match the schema'),
          },
        },
        terms: {
          type: 'object',
          additionalProperties: false,
          default: {},
          description: 'Words or phrases the output must not contain.',
          properties: {
            deny: termList('Denied output terms, matched like `terms.deny`. While streaming, text that could be the start of a denied term is held back until it can be decided, so a term split across chunks is caught (code CONTENT_POLICY_OUTPUT_DENIED_TERM, 502).', 5000),
            action: action('the output contains a denied term'),
          },
        },
        maxChars: {
          type: 'object',
          additionalProperties: false,
          default: {},
          description: 'A ceiling on the length of the output.',
          properties: {
            max: { type: 'integer', minimum: 0, maximum: 100_000_000, default: 0, description: 'Most characters of text per choice (code CONTENT_POLICY_OUTPUT_TOO_LONG, 502). 0 means no limit.' },
            action: action('a choice has more characters than `max`'),
          },
        },
      },
    },
  },
};
