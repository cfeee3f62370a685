import { parseRetryAfter, type HeaderMap, type ProviderError, type ProviderErrorClass } from '../../src/plugin-sdk/index.js';
import type { GeminiErrorBody, GeminiErrorDetail } from './wire.js';

const STATUS_CLASSES: Record<string, ProviderErrorClass> = {
  UNAUTHENTICATED: 'auth',
  PERMISSION_DENIED: 'auth',
  NOT_FOUND: 'not_found',
  RESOURCE_EXHAUSTED: 'rate_limit',
  UNAVAILABLE: 'overloaded',
  DEADLINE_EXCEEDED: 'timeout',
  INTERNAL: 'server',
};

/** Gemini answers a wrong or expired key with 400 INVALID_ARGUMENT; the ErrorInfo reason tells. */
const AUTH_REASONS = new Set(['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_SERVICE_BLOCKED', 'API_KEY_HTTP_REFERRER_BLOCKED', 'API_KEY_IP_ADDRESS_BLOCKED']);

const CONTEXT_LENGTH = /input token count.*exceeds|exceeds the maximum number of tokens|too many tokens|context (window|length)/i;

function classOfHttpStatus(status: number): ProviderErrorClass {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404) return 'not_found';
  if (status === 408 || status === 504) return 'timeout';
  if (status === 413) return 'context_length';
  if (status === 429) return 'rate_limit';
  if (status === 503) return 'overloaded';
  if (status >= 400 && status < 500) return 'bad_request';
  return 'server';
}

interface ReadBody {
  error?: NonNullable<GeminiErrorBody['error']>;
  blockReason?: string;
}

/** Reads `{"error":{...}}`, the `[{"error":{...}}]` form of non-SSE streams, or a blocked-prompt body. */
function readBody(bodyText: string): ReadBody {
  try {
    const parsed = JSON.parse(bodyText) as unknown;
    const value = (Array.isArray(parsed) ? parsed[0] : parsed) as (GeminiErrorBody & { promptFeedback?: { blockReason?: string } }) | null;
    if (!value || typeof value !== 'object') return {};
    const error = value.error && typeof value.error === 'object' ? value.error : undefined;
    return { error, blockReason: value.promptFeedback?.blockReason };
  } catch {
    return {};
  }
}

function errorReason(details: GeminiErrorDetail[] | undefined): string | undefined {
  const info = details?.find((detail) => typeof detail.reason === 'string' && String(detail['@type'] ?? '').endsWith('google.rpc.ErrorInfo'));
  return info?.reason;
}

/** `RetryInfo.retryDelay` is a protobuf Duration in JSON form: `"28s"`, `"1.5s"`. */
function retryDelaySeconds(details: GeminiErrorDetail[] | undefined): number | undefined {
  const delay = details?.find((detail) => typeof detail.retryDelay === 'string')?.retryDelay;
  const match = delay ? /^(\d+(?:\.\d+)?)s$/.exec(delay.trim()) : null;
  return match ? Math.ceil(Number(match[1])) : undefined;
}

function classify(status: number, body: ReadBody, reason: string | undefined): ProviderErrorClass {
  if (body.blockReason) return 'content_policy';
  if (reason && AUTH_REASONS.has(reason)) return 'auth';
  const message = body.error?.message ?? '';
  if ((status === 400 || body.error?.status === 'INVALID_ARGUMENT') && CONTEXT_LENGTH.test(message)) return 'context_length';
  const byStatus = body.error?.status ? STATUS_CLASSES[body.error.status] : undefined;
  return byStatus ?? classOfHttpStatus(status);
}

/** Maps a Gemini error answer (`{"error":{"code","message","status","details"}}`) to a canonical class. */
export function mapError(status: number, headers: HeaderMap, bodyText: string): ProviderError {
  const body = readBody(bodyText);
  const details = Array.isArray(body.error?.details) ? body.error.details : undefined;
  const reason = errorReason(details);
  const message =
    typeof body.error?.message === 'string'
      ? body.error.message
      : body.blockReason
        ? `Gemini blocked the prompt (${body.blockReason}).`
        : bodyText.slice(0, 200) || `upstream answered ${status}`;
  const error: ProviderError = { class: classify(status, body, reason), status, message };
  const code = reason ?? body.error?.status ?? body.blockReason;
  if (code) error.code = code;
  const retryAfterSeconds = parseRetryAfter(headers) ?? retryDelaySeconds(details);
  if (retryAfterSeconds !== undefined) error.retryAfterSeconds = retryAfterSeconds;
  return error;
}
