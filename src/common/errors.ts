/**
 * Stable error codes. Tests assert the code, never the message; clients may branch on it.
 * A code, once released, keeps its meaning.
 */
export const ErrorCode = {
  // configuration and boot
  CONFIG_INVALID: 'PORTICO_ERR_CONFIG_INVALID',
  CONFIG_FILE_UNREADABLE: 'PORTICO_ERR_CONFIG_FILE_UNREADABLE',
  DATABASE_UNAVAILABLE: 'PORTICO_ERR_DATABASE_UNAVAILABLE',
  EMBEDDED_DATABASE_FAILED: 'PORTICO_ERR_EMBEDDED_DATABASE_FAILED',
  MIGRATION_FAILED: 'PORTICO_ERR_MIGRATION_FAILED',
  MASTER_KEY_MISMATCH: 'PORTICO_ERR_MASTER_KEY_MISMATCH',

  // plugins
  PLUGIN_NOT_FOUND: 'PORTICO_ERR_PLUGIN_NOT_FOUND',
  PLUGIN_MANIFEST_MISSING: 'PORTICO_ERR_PLUGIN_MANIFEST_MISSING',
  PLUGIN_MANIFEST_INVALID: 'PORTICO_ERR_PLUGIN_MANIFEST_INVALID',
  PLUGIN_ID_MISMATCH: 'PORTICO_ERR_PLUGIN_ID_MISMATCH',
  PLUGIN_DUPLICATE_ID: 'PORTICO_ERR_PLUGIN_DUPLICATE_ID',
  PLUGIN_SDK_INCOMPATIBLE: 'PORTICO_ERR_PLUGIN_SDK_INCOMPATIBLE',
  PLUGIN_CONFIG_INVALID: 'PORTICO_ERR_PLUGIN_CONFIG_INVALID',
  PLUGIN_GUARD_PRIORITY_DUPLICATE: 'PORTICO_ERR_PLUGIN_GUARD_PRIORITY_DUPLICATE',
  PLUGIN_INIT_FAILED: 'PORTICO_ERR_PLUGIN_INIT_FAILED',
  PLUGIN_RUNTIME_FAILURE: 'PORTICO_ERR_PLUGIN_RUNTIME_FAILURE',

  // request handling
  BAD_REQUEST: 'PORTICO_ERR_BAD_REQUEST',
  UNAUTHENTICATED: 'PORTICO_ERR_UNAUTHENTICATED',
  FORBIDDEN: 'PORTICO_ERR_FORBIDDEN',
  NOT_FOUND: 'PORTICO_ERR_NOT_FOUND',
  PAYLOAD_TOO_LARGE: 'PORTICO_ERR_PAYLOAD_TOO_LARGE',
  VALIDATION_FAILED: 'PORTICO_ERR_VALIDATION_FAILED',
  RATE_LIMITED: 'PORTICO_ERR_RATE_LIMITED',
  NOT_READY: 'PORTICO_ERR_NOT_READY',
  CONFLICT: 'PORTICO_ERR_CONFLICT',
  INTERNAL: 'PORTICO_ERR_INTERNAL',

  // identity and access
  INVALID_CREDENTIALS: 'PORTICO_ERR_INVALID_CREDENTIALS',
  LOGIN_LOCKED: 'PORTICO_ERR_LOGIN_LOCKED',
  REFRESH_TOKEN_INVALID: 'PORTICO_ERR_REFRESH_TOKEN_INVALID',
  REFRESH_TOKEN_REUSED: 'PORTICO_ERR_REFRESH_TOKEN_REUSED',
  PASSWORD_POLICY: 'PORTICO_ERR_PASSWORD_POLICY',
  SSO_FAILED: 'PORTICO_ERR_SSO_FAILED',
  SSO_NO_ROLE: 'PORTICO_ERR_SSO_NO_ROLE',
  API_KEY_INVALID: 'PORTICO_ERR_API_KEY_INVALID',
  API_KEY_EXPIRED: 'PORTICO_ERR_API_KEY_EXPIRED',
  API_KEY_SCOPE_DENIED: 'PORTICO_ERR_API_KEY_SCOPE_DENIED',
  UNKNOWN_ROLE: 'PORTICO_ERR_UNKNOWN_ROLE',
  LAST_OWNER: 'PORTICO_ERR_LAST_OWNER',
  UNKNOWN_PROVIDER_PLUGIN: 'PORTICO_ERR_UNKNOWN_PROVIDER_PLUGIN',

  // call logs (operator-facing: logged by the writer, never sent to clients)
  CALL_LOG_RECORD_REJECTED: 'PORTICO_ERR_CALL_LOG_RECORD_REJECTED',
  CALL_LOG_SPILL_FAILED: 'PORTICO_ERR_CALL_LOG_SPILL_FAILED',
  CALL_LOG_RECORDS_DROPPED: 'PORTICO_ERR_CALL_LOG_RECORDS_DROPPED',

  // analytics
  ANALYTICS_GRANULARITY_TOO_FINE: 'PORTICO_ERR_ANALYTICS_GRANULARITY_TOO_FINE',

  // webhooks
  WEBHOOK_URL_REFUSED: 'PORTICO_ERR_WEBHOOK_URL_REFUSED',
  WEBHOOK_ENDPOINT_DISABLED: 'PORTICO_ERR_WEBHOOK_ENDPOINT_DISABLED',
  WEBHOOK_EVENT_INVALID: 'PORTICO_ERR_WEBHOOK_EVENT_INVALID',

  // approvals
  APPROVAL_INVALID_TRANSITION: 'PORTICO_ERR_APPROVAL_INVALID_TRANSITION',
  APPROVAL_SELF_APPROVAL: 'PORTICO_ERR_APPROVAL_SELF_APPROVAL',
  APPROVAL_ALREADY_DECIDED: 'PORTICO_ERR_APPROVAL_ALREADY_DECIDED',
  APPROVAL_ALREADY_PENDING: 'PORTICO_ERR_APPROVAL_ALREADY_PENDING',
  APPROVAL_KIND_UNKNOWN: 'PORTICO_ERR_APPROVAL_KIND_UNKNOWN',
} as const;

export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export interface PorticoErrorOptions {
  /** HTTP status this error answers with when it reaches a client. */
  status?: number;
  /** Structured, non-secret details (e.g. the offending plugin id or variable name). */
  details?: Record<string, unknown>;
  cause?: unknown;
}

export class PorticoError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: Record<string, unknown>;

  constructor(code: ErrorCode, message: string, options: PorticoErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'PorticoError';
    this.code = code;
    this.status = options.status ?? 500;
    this.details = options.details ?? {};
  }
}

export function isPorticoError(value: unknown): value is PorticoError {
  return value instanceof PorticoError;
}

/** One line for an operator: `CODE: message`. Used where a stack trace would only hide the point. */
export function describeBootFailure(error: unknown): string {
  if (isPorticoError(error)) return `${error.code}: ${error.message}`;
  if (error instanceof Error) return `${ErrorCode.INTERNAL}: ${error.message}`;
  return `${ErrorCode.INTERNAL}: ${String(error)}`;
}
