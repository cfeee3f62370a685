import type { ProviderError } from './provider.js';

/**
 * Thrown by an adapter's `buildRequest` when the caller asked for something the provider cannot
 * honour (a parameter, a content type, a tool feature). The host answers the caller `400` in the
 * endpoint's own error format, naming `param` — never silence, and never a plugin failure.
 *
 * @example
 * if (request.n && request.n > 1) throw new UnsupportedParameterError('n', 'this provider returns one choice per request');
 */
export class UnsupportedParameterError extends Error {
  readonly param: string;

  constructor(param: string, reason: string) {
    super(`'${param}' is not supported by this provider: ${reason}`);
    this.name = 'UnsupportedParameterError';
    this.param = param;
  }
}

/** True for `UnsupportedParameterError`, also across copies of the SDK (third-party plugins). */
export function isUnsupportedParameterError(value: unknown): value is UnsupportedParameterError {
  return value instanceof Error && value.name === 'UnsupportedParameterError' && typeof (value as { param?: unknown }).param === 'string';
}

/**
 * Thrown by an adapter when the upstream itself reported a failure inside a successful answer (an
 * `error` event mid-stream, an error object in a 200 body). The host treats it as that provider
 * error — a truthful upstream failure the router may fail over from — not as a broken plugin.
 *
 * @example
 * case 'error': throw new ProviderReportedError({ class: 'overloaded', status: 529, message: data.error.message });
 */
export class ProviderReportedError extends Error {
  /** A brand instead of `instanceof`/`name`, so subclasses and other SDK copies are recognised. */
  readonly reportedByProvider = true;

  constructor(
    readonly providerError: ProviderError,
    message = providerError.message,
  ) {
    super(message);
    this.name = 'ProviderReportedError';
  }
}

export function isProviderReportedError(value: unknown): value is ProviderReportedError {
  return value instanceof Error && (value as { reportedByProvider?: unknown }).reportedByProvider === true && typeof (value as { providerError?: unknown }).providerError === 'object';
}
