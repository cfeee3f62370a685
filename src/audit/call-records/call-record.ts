/**
 * One data-plane request as it ended: what the call-log writer stores, what metrics and traces
 * are derived from. Built by the pipeline, published once per request through `CallRecords`.
 * Never holds secrets or guard-redacted values.
 */
export type CallEndpoint = 'chat.completions' | 'embeddings' | 'messages' | 'models' | 'prompt_api' | 'rest_api';

/** Why a call failed, coarse enough for dashboards; `null` on success. */
export type CallErrorClass =
  | 'authentication'
  | 'permission'
  | 'invalid_request'
  | 'not_found'
  | 'rate_limited'
  | 'budget_exceeded'
  | 'guard_blocked'
  | 'upstream_rate_limited'
  | 'upstream_error'
  | 'upstream_timeout'
  | 'client_closed'
  | 'internal';

/** One try against one target (the executor may make several: retries, fallbacks). */
export interface CallAttempt {
  /** `<account>/<model>`. */
  readonly target: string;
  /** Upstream status of a failed attempt; absent on success. */
  readonly status?: number;
  readonly errorClass?: string;
  readonly ms: number;
}

/** What a guard decided (#9). Counts only, never the matched values. */
export interface GuardVerdictSummary {
  readonly guardId: string;
  readonly version: string;
  readonly phase: 'request' | 'response' | 'stream';
  readonly action: 'pass' | 'modify' | 'block' | 'hold';
  readonly counts: Readonly<Record<string, number>>;
}

export interface CallRecord {
  /** Unique per call (a UUID made by Portico): the writer's idempotency key. */
  readonly callId: string;
  /** The `x-request-id` the caller saw; a caller may reuse one, so it is not unique. */
  readonly requestId: string;
  /** The caller's W3C `traceparent` header, when it sent one (traces continue it). */
  readonly traceparent: string | null;
  /** `null` only when the caller could not be authenticated. */
  readonly workspaceId: string | null;
  readonly apiKeyId: string | null;
  readonly endpoint: CallEndpoint;
  /** The model string the caller sent (a route alias or `<account>/<model>`). */
  readonly requestedModel: string | null;
  /** Set when `requestedModel` was a route alias. */
  readonly routeName: string | null;
  /** Prompt API / prompt version that served the call (#7, #8); null otherwise. */
  readonly promptApiId: string | null;
  readonly promptId: string | null;
  readonly promptVersion: number | null;
  /** Provider plugin id of the target that answered (or was tried last), e.g. `provider-openai`. */
  readonly provider: string | null;
  readonly providerAccountId: string | null;
  /** `<account>/<model>` of the target that answered (or was tried last). */
  readonly target: string | null;
  /** The upstream model name. */
  readonly model: string | null;
  readonly attempts: readonly CallAttempt[];
  readonly stream: boolean;
  /** HTTP status the caller received (200 for a stream that later failed: see errorClass). */
  readonly status: number;
  readonly errorClass: CallErrorClass | null;
  /** The wire error code, e.g. `rate_limit_exceeded`, `budget_exceeded`, `invalid_api_key`. */
  readonly errorCode: string | null;
  readonly promptTokens: number;
  readonly completionTokens: number;
  readonly cachedTokens: number;
  readonly reasoningTokens: number;
  /** True when the tokens were counted by Portico's tokenizer (the provider reported none). */
  readonly tokensEstimated: boolean;
  /** Integer nano-USD; `null` when no price was known for the model. */
  readonly costNanoUsd: number | null;
  readonly startedAt: Date;
  /** From the request's arrival to the last byte sent (or the abort). */
  readonly latencyMs: number;
  /** Time to the first byte of a streamed answer; null when not streamed or nothing was sent. */
  readonly ttfbMs: number | null;
  readonly cacheHit: boolean;
  readonly guardVerdicts: readonly GuardVerdictSummary[];
  /** Only present when the workspace stores bodies (`CallRecords.capturesBodies`). After guards ran. */
  readonly requestBody?: unknown;
  readonly responseBody?: unknown;
}
