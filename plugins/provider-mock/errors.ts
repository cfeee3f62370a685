import { parseRetryAfter, type HeaderMap, type ProviderError, type ProviderErrorClass } from '../../src/plugin-sdk/index.js';

interface OpenAiErrorBody {
  error?: { message?: unknown; type?: unknown; code?: unknown };
}

const CODE_CLASSES: Record<string, ProviderErrorClass> = {
  context_length_exceeded: 'context_length',
  string_above_max_length: 'context_length',
  content_policy_violation: 'content_policy',
  content_filter: 'content_policy',
  invalid_api_key: 'auth',
  model_not_found: 'not_found',
  rate_limit_exceeded: 'rate_limit',
  insufficient_quota: 'rate_limit',
};

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

function readBody(bodyText: string): OpenAiErrorBody['error'] {
  try {
    return (JSON.parse(bodyText) as OpenAiErrorBody | null)?.error;
  } catch {
    return undefined;
  }
}

/** Maps an OpenAI-style error answer (`{"error":{"message","type","param","code"}}`) to a class. */
export function mapError(status: number, headers: HeaderMap, bodyText: string): ProviderError {
  const body = readBody(bodyText);
  const code = typeof body?.code === 'string' ? body.code : undefined;
  const message = typeof body?.message === 'string' ? body.message : bodyText.slice(0, 200) || `upstream answered ${status}`;
  const error: ProviderError = { class: (code && CODE_CLASSES[code]) || classOfStatus(status), status, message };
  if (code) error.code = code;
  const retryAfterSeconds = parseRetryAfter(headers);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
