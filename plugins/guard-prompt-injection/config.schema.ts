import type { ChatRole, PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** Plugin-level config of guard-prompt-injection (one per process), after defaults. */
export interface PromptInjectionConfig {
  maxScanChars: number;
  maxPayloads: number;
  maxDecodeDepth: number;
}

/** Per-binding config (route, prompt API or key), after defaults. */
export interface PromptInjectionBinding {
  threshold: number;
  untrustedThreshold: number;
  action: 'block' | 'flag';
  blockStatus: 400 | 403;
  roles: ChatRole[];
  detectRetrieved: boolean;
  allowlist: string[];
}

export const DEFAULT_PROMPT_INJECTION_CONFIG: PromptInjectionConfig = {
  maxScanChars: 65_536,
  maxPayloads: 16,
  maxDecodeDepth: 2,
};

export const DEFAULT_PROMPT_INJECTION_BINDING: PromptInjectionBinding = {
  threshold: 0.5,
  untrustedThreshold: 0.4,
  action: 'block',
  blockStatus: 400,
  roles: ['user', 'tool'],
  detectRetrieved: true,
  allowlist: [],
};

export const promptInjectionConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    maxScanChars: {
      type: 'integer',
      minimum: 1024,
      maximum: 1_048_576,
      default: 65_536,
      description:
        'Characters scanned per message: longer messages are scanned at their head and tail (half each), so the cost per request stays bounded.',
    },
    maxPayloads: {
      type: 'integer',
      minimum: 0,
      maximum: 256,
      default: 16,
      description: 'Hidden or encoded payloads (HTML comments, base64, hex, percent-encoding, …) decoded and rescanned per piece of text.',
    },
    maxDecodeDepth: {
      type: 'integer',
      minimum: 0,
      maximum: 4,
      default: 2,
      description: 'How deep payloads inside decoded payloads are decoded again (base64 inside a comment is depth 2).',
    },
  },
};

export const promptInjectionBindingSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    threshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.5,
      description: 'Score (0–1) at or above which text the caller wrote (user and other scanned roles) is treated as an injection.',
    },
    untrustedThreshold: {
      type: 'number',
      minimum: 0,
      maximum: 1,
      default: 0.4,
      description:
        'Score at or above which tool results and retrieved documents (`<document>` blocks, `Context:` sections) are treated as carrying an injection; stricter than `threshold` because the caller did not write them.',
    },
    action: {
      type: 'string',
      enum: ['block', 'flag'],
      default: 'block',
      description:
        '`block` stops the call with code PROMPT_INJECTION_DETECTED; `flag` lets it through. Either way the score and signal categories go to the call log (`callState.counts`), the full report to `callState.promptInjection`.',
    },
    blockStatus: {
      type: 'integer',
      enum: [400, 403],
      default: 400,
      description: 'HTTP status of a block: 400 (the request is refused as invalid) or 403 (refused by policy).',
    },
    roles: {
      type: 'array',
      items: { type: 'string', enum: ['system', 'developer', 'user', 'assistant', 'tool'] },
      uniqueItems: true,
      default: ['user', 'tool'],
      description: 'Message roles scanned in full. System and developer messages come from the application and are not scanned by default.',
    },
    detectRetrieved: {
      type: 'boolean',
      default: true,
      description:
        'Find retrieved-document sections in messages of any role (XML-style wrappers such as `<document>`, `<context>`, `<search_results>`, and `Context:`-style headed blocks) and score them as untrusted.',
    },
    allowlist: {
      type: 'array',
      items: { type: 'string', minLength: 3, maxLength: 200 },
      maxItems: 200,
      default: [],
      description:
        'Phrases never counted as evidence (compared after the same normalisation as the scanned text: case, accents, look-alike letters), e.g. a product name that contains "jailbreak".',
    },
  },
};
