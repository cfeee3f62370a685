import { parseRetryAfter, type HeaderMap, type ProviderError, type ProviderErrorClass } from '../../src/plugin-sdk/index.js';
import type { AnthropicErrorBody } from './wire.js';

const TYPE_CLASSES: Record<string, ProviderErrorClass> = {
  authentication_error: 'auth',
  permission_error: 'auth',
  not_found_error: 'not_found',
  rate_limit_error: 'rate_limit',
  overloaded_error: 'overloaded',
  request_too_large: 'context_length',
  api_error: 'server',
  timeout_error: 'timeout',
};

const PROMPT_TOO_LONG = /prompt is too long|too many (input )?tokens|context (window|length)/i;

function classOfStatus(status: number): ProviderErrorClass {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 503 || status === 529) return 'overloaded';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'server';
}

function readError(bodyText: string): Partial<AnthropicErrorBody['error']> | undefined {
  try {
    const body = JSON.parse(bodyText) as Partial<AnthropicErrorBody> | null;
    return body && typeof body.error === 'object' ? body.error : undefined;
  } catch {
    return undefined;
  }
}

function classOf(status: number, type: string | undefined, message: string): ProviderErrorClass {
  if (type === 'invalid_request_error' || (!type && status === 400)) return PROMPT_TOO_LONG.test(message) ? 'context_length' : 'bad_request';
  return (type && TYPE_CLASSES[type]) || classOfStatus(status);
}

/** Maps an Anthropic error answer (`{"type":"error","error":{"type","message"}}`) to a class. */
export function mapError(status: number, headers: HeaderMap, bodyText: string): ProviderError {
  const body = readError(bodyText);
  const type = typeof body?.type === 'string' ? body.type : undefined;
  const message = typeof body?.message === 'string' ? body.message : bodyText.slice(0, 200) || `upstream answered ${status}`;
  const error: ProviderError = { class: classOf(status, type, message), status, message };
  if (type) error.code = type;
  const retryAfterSeconds = parseRetryAfter(headers);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
