import type { AnthropicErrorBody, AnthropicErrorType } from './wire.js';

/** Stable codes of refusals raised while reading a `/v1/messages` body; tests assert these. */
export const ANTHROPIC_REQUEST_ERROR_CODES = {
  INVALID: 'PORTICO_ERR_ANTHROPIC_REQUEST_INVALID',
  UNSUPPORTED: 'PORTICO_ERR_ANTHROPIC_PARAMETER_UNSUPPORTED',
} as const;

export type AnthropicRequestErrorCode = (typeof ANTHROPIC_REQUEST_ERROR_CODES)[keyof typeof ANTHROPIC_REQUEST_ERROR_CODES];

const TYPE_BY_STATUS: Record<number, AnthropicErrorType> = {
  400: 'invalid_request_error',
  401: 'authentication_error',
  402: 'billing_error',
  403: 'permission_error',
  404: 'not_found_error',
  413: 'request_too_large',
  429: 'rate_limit_error',
  500: 'api_error',
  503: 'overloaded_error',
  504: 'timeout_error',
  529: 'overloaded_error',
};

/**
 * The Anthropic error type an HTTP status travels with (other 4xx: `invalid_request_error`,
 * other 5xx: `api_error`, as Anthropic does).
 *
 * @example
 * anthropicErrorType(529); // → 'overloaded_error'
 */
export function anthropicErrorType(status: number): AnthropicErrorType {
  return TYPE_BY_STATUS[status] ?? (status >= 500 ? 'api_error' : 'invalid_request_error');
}

/**
 * An Anthropic error body for `status`, so official SDKs raise their usual exception class.
 *
 * @example
 * anthropicErrorBody(429, 'Slow down', 'req_1');
 * // → { type: 'error', error: { type: 'rate_limit_error', message: 'Slow down' }, request_id: 'req_1' }
 */
export function anthropicErrorBody(status: number, message: string, requestId?: string): AnthropicErrorBody {
  const body: AnthropicErrorBody = { type: 'error', error: { type: anthropicErrorType(status), message } };
  if (requestId !== undefined) body.request_id = requestId;
  return body;
}

/**
 * A `/v1/messages` body Portico refuses, with every problem found (`path: reason`). Status 400,
 * `invalid_request_error`; `code` tells a malformed body from a valid one asking for something
 * the gateway cannot express, `param` names the first offending field.
 *
 * @example
 * try { anthropicRequestToCanonical(body); }
 * catch (error) { if (error instanceof AnthropicRequestError) reply.status(error.status).send(error.toBody()); }
 */
export class AnthropicRequestError extends Error {
  readonly status = 400;
  readonly type = 'invalid_request_error';

  constructor(
    readonly code: AnthropicRequestErrorCode,
    readonly problems: string[],
    readonly param: string | null,
  ) {
    super(problems.join('; '));
    this.name = 'AnthropicRequestError';
  }

  toBody(requestId?: string): AnthropicErrorBody {
    return anthropicErrorBody(this.status, this.message, requestId);
  }
}

export function isAnthropicRequestError(value: unknown): value is AnthropicRequestError {
  return value instanceof AnthropicRequestError;
}
