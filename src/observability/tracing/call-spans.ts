import { type Attributes, SpanKind, SpanStatusCode } from '@opentelemetry/api';
import type { CallAttempt, CallEndpoint, CallErrorClass, CallRecord } from '../../audit/call-records/call-record';

/**
 * OpenTelemetry GenAI semantic-convention names (semconv 1.4x, status Development). Spelled out
 * here instead of imported: the package keeps experimental names behind an unstable entry point,
 * and this file is the one place to follow a rename. `gen_ai.system` is deprecated in favour of
 * `gen_ai.provider.name` and not emitted.
 */
export const GenAi = {
  OPERATION_NAME: 'gen_ai.operation.name',
  PROVIDER_NAME: 'gen_ai.provider.name',
  REQUEST_MODEL: 'gen_ai.request.model',
  RESPONSE_MODEL: 'gen_ai.response.model',
  USAGE_INPUT_TOKENS: 'gen_ai.usage.input_tokens',
  USAGE_OUTPUT_TOKENS: 'gen_ai.usage.output_tokens',
  USAGE_CACHE_READ_INPUT_TOKENS: 'gen_ai.usage.cache_read.input_tokens',
  USAGE_REASONING_OUTPUT_TOKENS: 'gen_ai.usage.reasoning.output_tokens',
} as const;

const OPERATION: Readonly<Record<CallEndpoint, string | null>> = {
  'chat.completions': 'chat',
  messages: 'chat',
  prompt_api: 'chat',
  embeddings: 'embeddings',
  models: null,
  rest_api: null,
};

const HTTP_ROUTE: Readonly<Partial<Record<CallEndpoint, string>>> = {
  'chat.completions': '/v1/chat/completions',
  messages: '/v1/messages',
  embeddings: '/v1/embeddings',
  models: '/v1/models',
};

/** Well-known `gen_ai.provider.name` values for the bundled provider plugins; others pass through without the `provider-` prefix. */
const PROVIDER_NAME: Readonly<Record<string, string>> = {
  'provider-openai': 'openai',
  'provider-anthropic': 'anthropic',
  'provider-gemini': 'gcp.gemini',
};

/** Failures that are Portico's or the upstream's, not the caller's: they mark the request span as an error. */
const SERVER_SIDE: ReadonlySet<CallErrorClass> = new Set(['upstream_error', 'upstream_timeout', 'upstream_rate_limited', 'internal']);

/** One span to emit, with explicit times (epoch milliseconds): the record is built after the fact. */
export interface SpanPlan {
  readonly name: string;
  readonly kind: SpanKind;
  readonly startTime: number;
  readonly endTime: number;
  readonly attributes: Attributes;
  readonly status: { code: SpanStatusCode; message?: string };
}

export interface CallSpanPlans {
  readonly request: SpanPlan;
  readonly attempts: readonly SpanPlan[];
}

/**
 * The spans of one call. The request span is `SERVER`: Portico received the call, and it continues
 * the caller's `traceparent`. Each upstream attempt is a `CLIENT` child, the GenAI "inference" span
 * the conventions describe (a call to a model in another process). Usage and cost sit on the
 * request span only, so a backend summing `gen_ai.usage.*` over spans counts each call once.
 */
export function planCallSpans(record: CallRecord): CallSpanPlans {
  const startTime = record.startedAt.getTime();
  const endTime = startTime + record.latencyMs;
  return { request: requestSpan(record, startTime, endTime), attempts: attemptSpans(record, startTime, endTime) };
}

export function genAiProviderName(pluginId: string | null): string | undefined {
  if (pluginId === null) return undefined;
  return PROVIDER_NAME[pluginId] ?? pluginId.replace(/^provider-/, '');
}

function requestSpan(record: CallRecord, startTime: number, endTime: number): SpanPlan {
  const operation = OPERATION[record.endpoint];
  const attributes: Attributes = {
    'http.response.status_code': record.status,
    'portico.request_id': record.requestId,
    'portico.call_id': record.callId,
    'portico.endpoint': record.endpoint,
    'portico.attempts': record.attempts.length,
    'portico.cache_hit': record.cacheHit,
    'portico.stream': record.stream,
  };
  const httpRoute = HTTP_ROUTE[record.endpoint];
  if (httpRoute) attributes['http.route'] = httpRoute;
  if (operation) attributes[GenAi.OPERATION_NAME] = operation;
  const provider = genAiProviderName(record.provider);
  if (provider) attributes[GenAi.PROVIDER_NAME] = provider;
  if (record.requestedModel) attributes[GenAi.REQUEST_MODEL] = record.requestedModel;
  if (record.model) {
    attributes[GenAi.RESPONSE_MODEL] = record.model;
    attributes[GenAi.USAGE_INPUT_TOKENS] = record.promptTokens;
    attributes[GenAi.USAGE_OUTPUT_TOKENS] = record.completionTokens;
    if (record.cachedTokens > 0) attributes[GenAi.USAGE_CACHE_READ_INPUT_TOKENS] = record.cachedTokens;
    if (record.reasoningTokens > 0) attributes[GenAi.USAGE_REASONING_OUTPUT_TOKENS] = record.reasoningTokens;
    if (record.tokensEstimated) attributes['portico.tokens_estimated'] = true;
  }
  if (record.errorClass) attributes['error.type'] = record.errorClass;
  if (record.errorCode) attributes['portico.error_code'] = record.errorCode;
  if (record.workspaceId) attributes['portico.workspace_id'] = record.workspaceId;
  if (record.routeName) attributes['portico.route'] = record.routeName;
  if (record.target) attributes['portico.target'] = record.target;
  if (record.promptApiId) attributes['portico.prompt_api_id'] = record.promptApiId;
  if (record.costNanoUsd !== null) attributes['portico.cost_usd'] = record.costNanoUsd / 1e9;
  if (record.ttfbMs !== null) attributes['portico.ttfb_ms'] = record.ttfbMs;
  const failed = record.errorClass !== null && (SERVER_SIDE.has(record.errorClass) || record.status >= 500);
  return {
    name: spanName(operation, record.requestedModel, record.endpoint),
    kind: SpanKind.SERVER,
    startTime,
    endTime,
    attributes,
    status: failed ? { code: SpanStatusCode.ERROR, message: record.errorCode ?? record.errorClass ?? undefined } : { code: SpanStatusCode.UNSET },
  };
}

/**
 * Attempts carry durations, not start times: they are laid out back to back from the request's
 * start (backoff pauses and time before the first attempt are not known), and never past its end.
 */
function attemptSpans(record: CallRecord, requestStart: number, requestEnd: number): SpanPlan[] {
  const operation = OPERATION[record.endpoint];
  let cursor = requestStart;
  return record.attempts.map((attempt, index) => {
    const startTime = Math.min(cursor, requestEnd);
    const endTime = Math.min(startTime + attempt.ms, requestEnd);
    cursor = startTime + attempt.ms;
    return attemptSpan(record, attempt, index + 1, operation, startTime, endTime);
  });
}

function attemptSpan(record: CallRecord, attempt: CallAttempt, number: number, operation: string | null, startTime: number, endTime: number): SpanPlan {
  const model = modelOf(attempt.target);
  const failed = attempt.errorClass !== undefined || attempt.status !== undefined;
  const attributes: Attributes = { 'portico.target': attempt.target, 'portico.attempt': number, 'portico.attempt_ms': attempt.ms };
  if (operation) attributes[GenAi.OPERATION_NAME] = operation;
  attributes[GenAi.REQUEST_MODEL] = model;
  // Attempts do not name their provider; only the target that answered (or was tried last) is known.
  const provider = attempt.target === record.target ? genAiProviderName(record.provider) : undefined;
  if (provider) attributes[GenAi.PROVIDER_NAME] = provider;
  if (attempt.status !== undefined) attributes['http.response.status_code'] = attempt.status;
  if (failed) attributes['error.type'] = attempt.errorClass ?? String(attempt.status);
  return {
    name: spanName(operation, model, record.endpoint),
    kind: SpanKind.CLIENT,
    startTime,
    endTime,
    attributes,
    status: failed ? { code: SpanStatusCode.ERROR, message: attempt.errorClass ?? String(attempt.status) } : { code: SpanStatusCode.UNSET },
  };
}

/** `{operation} {model}` per the GenAI conventions; `GET /v1/models` for the model list. */
function spanName(operation: string | null, model: string | null, endpoint: CallEndpoint): string {
  if (!operation) return `GET ${HTTP_ROUTE[endpoint] ?? endpoint}`;
  return model ? `${operation} ${model}` : operation;
}

/** The provider's model name inside `<account>/<model>` (models may contain `/` themselves). */
function modelOf(target: string): string {
  const slash = target.indexOf('/');
  return slash === -1 ? target : target.slice(slash + 1);
}
