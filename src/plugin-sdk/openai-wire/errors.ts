import { parseRetryAfter, type HeaderMap, type ProviderError, type ProviderErrorClass } from '../provider.js';
import { isObject } from './response.js';

/** Codes and types (OpenAI's, Azure's and common compatible servers') that decide the class alone. */
const CODE_CLASSES: Record<string, ProviderErrorClass> = {
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  content_filter: 'content_policy',
  content_policy_violation: 'content_policy',
  ResponsibleAIPolicyViolation: 'content_policy',
  invalid_api_key: 'auth',
  invalid_organization: 'auth',
  authentication_error: 'auth',
  permission_denied: 'auth',
  insufficient_quota: 'rate_limit',
  rate_limit_exceeded: 'rate_limit',
  model_not_found: 'not_found',
  DeploymentNotFound: 'not_found',
};

const CONTEXT_LENGTH_MESSAGE = /context length|context window|maximum context|too many tokens|prompt is too long/i;
const OVERLOADED = /overload/i;

/**
 * Codes after which retrying the same account cannot succeed, although the class is one the
 * router usually retries (a 429 for an exhausted quota or billing limit).
 *
 * @example
 * NON_RETRYABLE_CODES.has('insufficient_quota'); // → true
 */
export const NON_RETRYABLE_CODES: ReadonlySet<string> = new Set(['insufficient_quota', 'billing_hard_limit_reached']);

interface ErrorFields {
  message?: string;
  code?: string;
  type?: string;
  innerCode?: string;
}

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value.length > 0 ? value : undefined;
}

// Codes that are only the HTTP status again (Azure's "429", vLLM's 400) say nothing new.
function meaningfulCode(value: unknown): string | undefined {
  const code = text(value);
  return code && !/^\d+$/.test(code) ? code : undefined;
}

/** `{"error":{...}}` (OpenAI, Azure), `{"error":"..."}` (Ollama), flat `{"object":"error",...}` (vLLM), `{"detail":"..."}`. */
function readErrorFields(bodyText: string): ErrorFields {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    return {};
  }
  if (!isObject(body)) return {};
  if (typeof body.error === 'string') return { message: body.error };
  const error = isObject(body.error) ? body.error : body;
  const inner = isObject(error.innererror) ? error.innererror : {};
  return {
    message: text(error.message) ?? text(body.detail),
    code: meaningfulCode(error.code),
    type: text(error.type),
    innerCode: meaningfulCode(inner.code),
  };
}

function classOfStatus(status: number, message: string): ProviderErrorClass {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 529 || (status === 503 && OVERLOADED.test(message))) return 'overloaded';
  if (status >= 500) return 'server';
  if (CONTEXT_LENGTH_MESSAGE.test(message)) return 'context_length';
  return 'bad_request';
}

/**
 * Maps a non-2xx answer of an OpenAI-wire server to a canonical error. The code (or Azure's inner
 * code) decides first, then the status. `insufficient_quota` stays class `rate_limit` with its code
 * and no `retryAfterSeconds`: see `NON_RETRYABLE_CODES`.
 *
 * @example
 * mapOpenAiError(429, { 'retry-after': '2' }, '{"error":{"message":"Slow down","type":"requests","param":null,"code":"rate_limit_exceeded"}}');
 * // → { class: 'rate_limit', status: 429, message: 'Slow down', code: 'rate_limit_exceeded', retryAfterSeconds: 2 }
 */
export function mapOpenAiError(status: number, headers: HeaderMap, bodyText: string): ProviderError {
  const fields = readErrorFields(bodyText);
  const message = fields.message ?? (bodyText.trim().slice(0, 200) || `upstream answered ${status}`);
  const decisive = [fields.innerCode, fields.code, fields.type].find((key) => key !== undefined && CODE_CLASSES[key]);
  const error: ProviderError = { class: decisive ? CODE_CLASSES[decisive] : classOfStatus(status, message), status, message };
  const code = fields.code ?? fields.innerCode;
  if (code) error.code = code;
  if (code && NON_RETRYABLE_CODES.has(code)) return error;
  const retryAfterSeconds = parseRetryAfter(headers);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
