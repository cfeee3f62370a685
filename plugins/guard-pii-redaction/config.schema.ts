import type { JsonSchemaProperty, PluginConfigSchema } from '../../src/plugin-sdk/index.js';

/** Built-in entity types, as binding keys. Placeholders use their label (`email` → `<EMAIL_1>`). */
export const ENTITY_TYPES = ['email', 'phone', 'credit_card', 'iban', 'ssn', 'ip_address', 'secret', 'person', 'address'] as const;
export type EntityType = (typeof ENTITY_TYPES)[number];

/** What happens to a detected value on the request side. */
export const ACTIONS = ['off', 'mask', 'replace', 'tokenize', 'block'] as const;
export type PiiAction = (typeof ACTIONS)[number];

/** On the response side a caller could not rehydrate a token, so `tokenize` is not offered. */
export const RESPONSE_ACTIONS = ['mask', 'replace', 'block'] as const;
export type ResponseAction = (typeof RESPONSE_ACTIONS)[number];

/** Plugin-level config (the `PORTICO_PLUGINS` entry), after defaults. */
export interface PiiPluginConfig {
  nlp: boolean;
  nlpMaxChars: number;
}

export interface CustomEntity {
  label: string;
  pattern?: string;
  flags?: string;
  terms?: string[];
  caseSensitive: boolean;
  action: Exclude<PiiAction, 'off'>;
}

/** Per-binding config (`ctx.config`), after defaults. */
export interface PiiBindingConfig {
  entities: Record<EntityType, PiiAction>;
  maskStyle: 'partial' | 'full';
  phoneRegions: string[];
  allow: string[];
  custom: CustomEntity[];
  response: { detect: boolean; action: ResponseAction };
  maxHoldChars: number;
}

export const DEFAULT_PLUGIN_CONFIG: PiiPluginConfig = { nlp: true, nlpMaxChars: 16_384 };

export const DEFAULT_ENTITY_ACTIONS: Record<EntityType, PiiAction> = {
  email: 'tokenize',
  phone: 'tokenize',
  credit_card: 'tokenize',
  iban: 'tokenize',
  ssn: 'tokenize',
  ip_address: 'tokenize',
  secret: 'replace',
  person: 'off',
  address: 'off',
};

/** What an empty binding becomes; the binding schema's defaults, spelled out for tools and tests. */
export const DEFAULT_BINDING: PiiBindingConfig = {
  entities: { ...DEFAULT_ENTITY_ACTIONS },
  maskStyle: 'partial',
  phoneRegions: ['US', 'GB', 'DE', 'FR', 'ES'],
  allow: [],
  custom: [],
  response: { detect: false, action: 'replace' },
  maxHoldChars: 256,
};

const ENTITY_DESCRIPTIONS: Record<EntityType, string> = {
  email: 'E-mail addresses.',
  phone: 'Phone numbers, parsed and validated with libphonenumber-js (international `+`/`00` numbers anywhere; national formats of `phoneRegions` and of the countries the surrounding text points to by script, place names, domains or currency).',
  credit_card: 'Payment card numbers (12–19 digits, Luhn checksum, issuer prefix of a scheme in use: Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro, Mir, Troy, RuPay, UATP and other domestic schemes; published test cards quoted as examples are not values), with or without separators.',
  iban: 'IBANs (country length and mod-97 checksum), with or without spaces.',
  ssn: 'US social security numbers outside the never-issued ranges (area 000, 666, 900–999; group 00; serial 0000).',
  ip_address: 'IPv4 and IPv6 addresses (validated with node:net isIP).',
  secret: 'Credentials: cloud access keys, some seventy vendor token formats (GitHub, Slack, Stripe, OpenAI, PyPI, Vault…), Bearer/Basic/Token authorisation values, JWTs, PEM private keys, `password=`-style assignments and passwords named in many languages.',
  person: 'Person names, found with the compromise NLP library plus titles and self-introductions in EN/DE/FR/ES. Off by default: it costs milliseconds per prompt.',
  address: 'Street addresses (house number and street, optional postcode and city) in EN/DE/FR/ES formats. Off by default.',
};

const entityProperties = Object.fromEntries(
  ENTITY_TYPES.map((type): [string, JsonSchemaProperty] => [
    type,
    { type: 'string', enum: [...ACTIONS], default: DEFAULT_ENTITY_ACTIONS[type], description: `${ENTITY_DESCRIPTIONS[type]} Action: off, mask, replace, tokenize or block.` },
  ]),
);

export const piiConfigSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    nlp: {
      type: 'boolean',
      default: true,
      description: 'Load the compromise NLP model at boot for person names. When false, `person` only finds titled names and self-introductions.',
    },
    nlpMaxChars: {
      type: 'integer',
      minimum: 0,
      maximum: 1_000_000,
      default: 16_384,
      description: 'Most characters of one text compromise reads (it costs roughly 50 µs a word); names past it are found by titles and introductions only.',
    },
  },
};

export const piiBindingSchema: PluginConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    entities: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Action per entity type: `off` ignores it, `mask` hides most characters, `replace` puts a typed placeholder (`<EMAIL>`), `tokenize` a numbered one (`<EMAIL_1>`) that the response is rehydrated from, `block` refuses the call with 422.',
      properties: entityProperties,
    },
    maskStyle: {
      type: 'string',
      enum: ['partial', 'full'],
      default: 'partial',
      description: '`partial` keeps a hint (`j***@e***.com`, last four digits of a card); `full` replaces every character with `*`.',
    },
    phoneRegions: {
      type: 'array',
      items: { type: 'string', pattern: '^[A-Z]{2}$' },
      maxItems: 20,
      default: [...DEFAULT_BINDING.phoneRegions],
      description: 'ISO country codes whose national formats (no `+`) always count as phone numbers, e.g. `(213) 373-4253` for US; other countries count where the text around a number points to them.',
    },
    allow: {
      type: 'array',
      items: { type: 'string', minLength: 1 },
      maxItems: 1000,
      default: [],
      description: 'Exact values never redacted (e.g. a public support address).',
    },
    custom: {
      type: 'array',
      maxItems: 100,
      default: [],
      description: 'Extra entities of this binding: a regular expression and/or a dictionary of terms, each with its own placeholder label and action (an entry with neither finds nothing).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['label'],
        properties: {
          label: { type: 'string', pattern: '^[A-Z][A-Z0-9]*(_[A-Z0-9]+)*$', maxLength: 40, description: 'Placeholder label, upper snake case (`EMPLOYEE_ID` → `<EMPLOYEE_ID_1>`).' },
          pattern: { type: 'string', minLength: 1, maxLength: 1000, description: 'JavaScript regular expression source; every match is a value.' },
          flags: { type: 'string', pattern: '^[imsu]*$', default: 'u', description: 'Regular expression flags (`g` is implied).' },
          terms: { type: 'array', items: { type: 'string', minLength: 1 }, maxItems: 10000, description: 'Dictionary entries, matched as whole words.' },
          caseSensitive: { type: 'boolean', default: false, description: 'Whether dictionary terms match case-sensitively.' },
          action: { type: 'string', enum: ['mask', 'replace', 'tokenize', 'block'], default: 'tokenize', description: 'What happens to a match.' },
        },
      },
    },
    response: {
      type: 'object',
      additionalProperties: false,
      default: {},
      description: 'Detection on the model output (non-streamed and streamed) for the entity types not `off`; tokens are rehydrated either way.',
      properties: {
        detect: { type: 'boolean', default: false, description: 'Redact personal data the model emits.' },
        action: { type: 'string', enum: [...RESPONSE_ACTIONS], default: 'replace', description: 'What happens to a value found in the output.' },
      },
    },
    maxHoldChars: {
      type: 'integer',
      minimum: 16,
      maximum: 4096,
      default: 256,
      description: 'Most characters of a stream held back while they may be the start of a value or token; past it, the guard decides on what it has.',
    },
  },
};
