import { isPorticoError } from '../../common/errors';
import type { ProviderError } from '../../plugin-sdk';
import { isUsageRefusal } from '../../usage/enforcement/usage-refusal';

export interface WireError {
  status: number;
  /** Extra response headers, e.g. `retry-after` on 429. */
  headers: Record<string, string>;
  /** What the client is told, protocol-neutral; each endpoint renders it in its own envelope. */
  type: 'invalid_request_error' | 'permission_error' | 'rate_limit_error' | 'insufficient_quota' | 'server_error' | 'not_found_error';
  code: string;
  message: string;
  param: string | null;
}

/**
 * How an upstream failure reaches the caller: the truthful status of *this* hop. An upstream that
 * refuses Portico's credential is Portico's problem (502), not the caller's key (401).
 */
export function fromProviderError(error: ProviderError): WireError {
  const retry: Record<string, string> = error.retryAfterSeconds !== undefined ? { 'retry-after': String(Math.max(1, Math.ceil(error.retryAfterSeconds))) } : {};
  switch (error.class) {
    case 'rate_limit':
      return wire(429, 'rate_limit_error', error.code ?? 'rate_limit_exceeded', error.message, null, { 'retry-after': '1', ...retry });
    case 'context_length':
      return wire(400, 'invalid_request_error', 'context_length_exceeded', error.message, 'messages');
    case 'content_policy':
      return wire(400, 'invalid_request_error', 'content_policy_violation', error.message, null);
    case 'bad_request':
      return wire(400, 'invalid_request_error', error.code ?? 'invalid_request', error.message, null);
    case 'not_found':
      return wire(404, 'not_found_error', error.code ?? 'model_not_found', error.message, 'model');
    case 'auth':
      return wire(502, 'server_error', 'upstream_authentication_failed', `the provider refused Portico's credential: ${error.message}`, null);
    case 'overloaded':
      return wire(503, 'server_error', error.code ?? 'upstream_overloaded', error.message, null, retry);
    case 'timeout':
      return wire(504, 'server_error', error.code ?? 'upstream_timeout', error.message, null);
    default:
      return wire(502, 'server_error', error.code ?? 'upstream_error', error.message, null);
  }
}

/** Portico's own refusals on the data plane (validation, limits, budgets, plugin failures). */
export function fromGatewayError(error: unknown): WireError {
  if (isUsageRefusal(error)) {
    return wire(429, error.kind === 'budget' ? 'insufficient_quota' : 'rate_limit_error', error.code, error.message, null, error.headers());
  }
  if (isPorticoError(error)) {
    const param = typeof error.details.param === 'string' ? error.details.param : null;
    if (error.status === 400 || error.status === 422) return wire(400, 'invalid_request_error', 'invalid_request', error.message, param);
    if (error.status === 404) return wire(404, 'not_found_error', 'model_not_found', error.message, param ?? 'model');
    if (error.status === 403) return wire(403, 'permission_error', 'insufficient_scope', error.message, param);
    return wire(error.status >= 500 ? error.status : 502, 'server_error', error.code.replace(/^PORTICO_ERR_/, '').toLowerCase(), error.message, null);
  }
  return wire(500, 'server_error', 'internal_error', 'internal error; quote the request id when reporting it', null);
}

/** OpenAI's envelope: `{"error": {"message", "type", "code", "param"}}`. */
export function openAiErrorBody(error: WireError): { error: { message: string; type: string; code: string; param: string | null } } {
  const type = error.type === 'not_found_error' ? 'invalid_request_error' : error.type;
  return { error: { message: error.message, type, code: error.code, param: error.param } };
}

function wire(status: number, type: WireError['type'], code: string, message: string, param: string | null, headers: Record<string, string> = {}): WireError {
  return { status, headers, type, code, message, param };
}
