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
