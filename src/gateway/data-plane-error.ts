/** Which wire format a data-plane endpoint answers errors in. */
export type ErrorDialect = 'openai' | 'anthropic';

export type DataPlaneErrorKind = 'authentication' | 'permission';

/** `{"error": {"message", "type", "code", "param"}}`, as the OpenAI API and its SDKs expect. */
export interface OpenAiErrorEnvelope {
  error: { message: string; type: string; code: string | null; param: string | null };
}

/** `{"type": "error", "error": {"type", "message"}}`, as the Anthropic Messages API and its SDKs expect. */
export interface AnthropicErrorEnvelope {
  type: 'error';
  error: { type: string; message: string };
}

const OPENAI_TYPE: Record<DataPlaneErrorKind, string> = {
  authentication: 'invalid_request_error',
  permission: 'permission_error',
};

const ANTHROPIC_TYPE: Record<DataPlaneErrorKind, string> = {
  authentication: 'authentication_error',
  permission: 'permission_error',
};

/**
 * A refusal on the data plane, independent of wire format: `body(dialect)` renders it the way
 * the endpoint's own protocol does, so official SDKs raise their usual exception types.
 */
export class DataPlaneError extends Error {
  constructor(
    readonly status: number,
    readonly kind: DataPlaneErrorKind,
    /** OpenAI's `code`, e.g. `invalid_api_key`, `model_not_allowed`, `insufficient_scope`. */
    readonly code: string,
    message: string,
    readonly param: string | null = null,
  ) {
    super(message);
    this.name = 'DataPlaneError';
  }

  toOpenAi(): OpenAiErrorEnvelope {
    return { error: { message: this.message, type: OPENAI_TYPE[this.kind], code: this.code, param: this.param } };
  }

  toAnthropic(): AnthropicErrorEnvelope {
    return { type: 'error', error: { type: ANTHROPIC_TYPE[this.kind], message: this.message } };
  }

  body(dialect: ErrorDialect): OpenAiErrorEnvelope | AnthropicErrorEnvelope {
    return dialect === 'anthropic' ? this.toAnthropic() : this.toOpenAi();
  }
}

export function isDataPlaneError(value: unknown): value is DataPlaneError {
  return value instanceof DataPlaneError;
}
