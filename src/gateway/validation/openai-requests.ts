import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import { ErrorCode, PorticoError } from '../../common/errors';
import type { ChatCompletionRequest, EmbeddingsRequest } from '../../plugin-sdk';

/**
 * JSON Schemas for the OpenAI request bodies, compiled once (ajv). They check what Portico relies
 * on and leave unknown fields alone, so new OpenAI parameters pass through to providers that know them.
 */
const message = {
  type: 'object',
  required: ['role'],
  properties: {
    role: { enum: ['system', 'developer', 'user', 'assistant', 'tool'] },
    content: { type: ['string', 'array', 'null'], items: { type: 'object', required: ['type'], properties: { type: { type: 'string' } } } },
    name: { type: 'string' },
    tool_call_id: { type: 'string' },
    tool_calls: { type: 'array' },
  },
  allOf: [{ if: { properties: { role: { const: 'tool' } } }, then: { required: ['tool_call_id'] } }],
} as const;

const chatSchema = {
  type: 'object',
  required: ['model', 'messages'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    messages: { type: 'array', minItems: 1, items: message },
    stream: { type: 'boolean' },
    stream_options: { type: ['object', 'null'], properties: { include_usage: { type: 'boolean' } } },
    temperature: { type: ['number', 'null'], minimum: 0, maximum: 2 },
    top_p: { type: ['number', 'null'], minimum: 0, maximum: 1 },
    max_tokens: { type: ['integer', 'null'], minimum: 1 },
    max_completion_tokens: { type: ['integer', 'null'], minimum: 1 },
    n: { type: ['integer', 'null'], minimum: 1, maximum: 128 },
    stop: { anyOf: [{ type: 'string' }, { type: 'array', items: { type: 'string' }, maxItems: 4 }, { type: 'null' }] },
    presence_penalty: { type: ['number', 'null'], minimum: -2, maximum: 2 },
    frequency_penalty: { type: ['number', 'null'], minimum: -2, maximum: 2 },
    seed: { type: ['integer', 'null'] },
    user: { type: 'string' },
    tools: {
      type: 'array',
      items: {
        type: 'object',
        required: ['type', 'function'],
        properties: {
          type: { const: 'function' },
          function: { type: 'object', required: ['name'], properties: { name: { type: 'string', pattern: '^[a-zA-Z0-9_-]{1,64}$' }, parameters: { type: 'object' } } },
        },
      },
    },
    tool_choice: { anyOf: [{ enum: ['none', 'auto', 'required'] }, { type: 'object', required: ['type'] }] },
    response_format: { type: 'object', required: ['type'], properties: { type: { enum: ['text', 'json_object', 'json_schema'] } } },
  },
} as const;

const embeddingsSchema = {
  type: 'object',
  required: ['model', 'input'],
  properties: {
    model: { type: 'string', minLength: 1, maxLength: 256 },
    input: {
      anyOf: [
        { type: 'string' },
        { type: 'array', minItems: 1, maxItems: 2048, items: { type: 'string' } },
        { type: 'array', minItems: 1, items: { type: 'integer' } },
        { type: 'array', minItems: 1, items: { type: 'array', items: { type: 'integer' } } },
      ],
    },
    encoding_format: { enum: ['float', 'base64'] },
    dimensions: { type: 'integer', minimum: 1 },
    user: { type: 'string' },
  },
} as const;

const slug = { type: 'string', pattern: '^[a-z0-9][a-z0-9-]{0,62}$' } as const;

/** `prompt` on a chat request: a registered prompt instead of `messages` (#7). */
const promptReferenceSchema = {
  type: 'object',
  required: ['slug'],
  properties: { slug, label: slug, version: { type: 'integer', minimum: 1 }, variables: { type: 'object' } },
  additionalProperties: false,
  not: { required: ['label', 'version'] },
} as const;

const ajv = new Ajv({ allErrors: false, strict: false });
const validateChat = ajv.compile(chatSchema);
const validateEmbeddings = ajv.compile(embeddingsSchema);
const validatePromptReference = ajv.compile(promptReferenceSchema);

export function parseChatRequest(body: unknown): ChatCompletionRequest {
  return check(validateChat, body) as ChatCompletionRequest;
}

export function parseEmbeddingsRequest(body: unknown): EmbeddingsRequest {
  return check(validateEmbeddings, body) as EmbeddingsRequest;
}

/** A registered prompt a chat request names, with the variables to render it with. */
export interface ChatPromptReference {
  readonly slug: string;
  readonly label?: string;
  readonly version?: number;
  readonly variables: Record<string, unknown>;
}

/**
 * The prompt a chat request names instead of `messages`, if any: `"prompt": {"slug", "label" | "version",
 * "variables"}` in the body, or the header `x-portico-prompt: <slug>[@<label|version>]` with
 * `"variables"` in the body. `rest` is the request without those fields (they never reach a provider).
 */
export function parsePromptReference(body: unknown, header: string | string[] | undefined): { reference: ChatPromptReference; rest: Record<string, unknown> } | undefined {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) return undefined;
  if (header === undefined) {
    const { prompt, ...rest } = body as Record<string, unknown>;
    if (prompt === undefined) return undefined;
    const reference = { variables: {}, ...(check(validatePromptReference, prompt, 'prompt') as Partial<ChatPromptReference>) } as ChatPromptReference;
    return { reference, rest };
  }
  const { prompt, variables, ...rest } = body as Record<string, unknown>;
  if (prompt !== undefined) throw badRequest("name the prompt once: either the 'x-portico-prompt' header or 'prompt' in the body", 'prompt');
  const [slug = '', selector, extra] = String(header).trim().split('@');
  const reference: Record<string, unknown> = { slug, variables: variables ?? {} };
  if (selector !== undefined) reference[/^\d+$/.test(selector) ? 'version' : 'label'] = /^\d+$/.test(selector) ? Number(selector) : selector;
  if (extra !== undefined || !validatePromptReference(reference)) {
    const param = validatePromptReference.errors?.[0]?.instancePath === '/variables' ? 'variables' : 'x-portico-prompt';
    throw badRequest(`invalid '${param}': expected x-portico-prompt: <slug>[@<label|version>] and an object of variables`, param);
  }
  return { reference: reference as unknown as ChatPromptReference, rest };
}

function badRequest(message: string, param: string): PorticoError {
  return new PorticoError(ErrorCode.BAD_REQUEST, message, { status: 400, details: { param } });
}

function check(validate: ValidateFunction, body: unknown, prefix?: string): unknown {
  if (body === null || typeof body !== 'object' || Array.isArray(body)) {
    throw new PorticoError(ErrorCode.BAD_REQUEST, `${prefix ? `'${prefix}'` : 'the request body'} must be a JSON object`, { status: 400, details: prefix ? { param: prefix } : {} });
  }
  if (validate(body)) return body;
  const [first] = validate.errors as ErrorObject[];
  const param = prefix ? [prefix, toParam(first)].filter((part) => part !== '(body)').join('.') : toParam(first);
  throw new PorticoError(ErrorCode.BAD_REQUEST, `invalid '${param}': ${describe(first)}`, { status: 400, details: { param } });
}

/** `/messages/0/role` → `messages[0].role`; a missing property names itself. */
function toParam(error: ErrorObject): string {
  const path = error.instancePath
    .split('/')
    .filter(Boolean)
    .map((part, index) => (/^\d+$/.test(part) ? `[${part}]` : `${index === 0 ? '' : '.'}${part}`))
    .join('');
  const missing = error.keyword === 'required' ? String((error.params as { missingProperty: string }).missingProperty) : '';
  return [path, missing].filter(Boolean).join(path && missing ? '.' : '') || '(body)';
}

function describe(error: ErrorObject): string {
  if (error.keyword === 'required') return 'is required';
  if (error.keyword === 'enum') return `must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.join(', ')}`;
  if (error.keyword === 'not') return 'names a label or a version, not both';
  if (error.keyword === 'additionalProperties') return `has no field '${(error.params as { additionalProperty: string }).additionalProperty}'`;
  return error.message ?? 'is invalid';
}
