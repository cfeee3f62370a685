import { randomUUID } from 'node:crypto';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { CallAttempt, CallEndpoint, CallErrorClass, CallRecord, GuardVerdictSummary } from '../../audit/call-records/call-record';
import type { CallRecords } from '../../audit/call-records/call-records';
import type { ActualUsage } from '../../usage/enforcement/usage-gate';
import type { WireError } from '../errors/openai-errors';
import { actualUsage, type Metered } from './metering';
import type { AttemptTarget, ExecutionOutcome } from './ports';

/** Tokens of one call, in the call log's terms. */
export interface CallTokens {
  promptTokens: number;
  completionTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  estimated: boolean;
}

const NO_TOKENS: CallTokens = { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false };

/**
 * What one data-plane request did, gathered as it runs and published once, when it ends, as a
 * {@link CallRecord}. Cheap on purpose: plain fields, no I/O, no serialisation on the request path.
 */
export class CallTrace {
  private readonly callId = randomUUID();
  private readonly startedAt = new Date();
  private readonly startedMs = performance.now();
  private workspaceId: string | null = null;
  private apiKeyId: string | null = null;
  private requestedModel: string | null = null;
  private routeName: string | null = null;
  private promptApiId: string | null = null;
  private promptId: string | null = null;
  private promptVersion: number | null = null;
  private target: AttemptTarget | null = null;
  private attempts: readonly CallAttempt[] = [];
  private stream = false;
  private errorClass: CallErrorClass | null = null;
  private errorCode: string | null = null;
  private tokens: CallTokens = NO_TOKENS;
  private costNanoUsd: number | null = null;
  private ttfbMs: number | null = null;
  private cacheHit = false;
  private requestBody: unknown;
  private responseBody: unknown;
  private published = false;

  constructor(
    private readonly records: CallRecords,
    private readonly request: FastifyRequest,
    private readonly endpoint: CallEndpoint,
  ) {}

  /** Performance-clock time the request started at, for overhead headers. */
  get started(): number {
    return this.startedMs;
  }

  get at(): Date {
    return this.startedAt;
  }

  /** `apiKeyId` null: a control-plane caller signed in without a key (the prompt registry's "try"). */
  caller(workspaceId: string, apiKeyId: string | null): this {
    this.workspaceId = workspaceId;
    this.apiKeyId = apiKeyId;
    return this;
  }

  requested(model: string, stream: boolean, body?: unknown): this {
    this.requestedModel = model;
    this.stream = stream;
    if (body !== undefined && this.workspaceId && this.records.capturesBodies(this.workspaceId)) this.requestBody = body;
    return this;
  }

  /**
   * The request as the guards let it through replaces the raw body in the call log, so a stored body
   * holds placeholders and redactions, never the values the guards took out.
   */
  guardedRequest(request: unknown): this {
    if (this.requestBody !== undefined) this.requestBody = request;
    return this;
  }

  /** The prompt version that served the call (a request naming a registered prompt). */
  prompt(promptId: string, version: number): this {
    this.promptId = promptId;
    this.promptVersion = version;
    return this;
  }

  /** The API product (`/apis/<slug>`) the call was made to. */
  promptApi(apiProductId: string): this {
    this.promptApiId = apiProductId;
    return this;
  }

  routed(alias: string | undefined): this {
    this.routeName = alias ?? null;
    return this;
  }

  outcome(outcome: ExecutionOutcome<unknown>): this {
    this.attempts = outcome.attempts;
    if (outcome.ok) this.target = outcome.target;
    return this;
  }

  /** Answered from the response cache; `target` is the plan's target that produced the cached answer. */
  cached(target: AttemptTarget | undefined): this {
    this.cacheHit = true;
    this.target = target ?? null;
    return this;
  }

  firstByte(): this {
    this.ttfbMs ??= performance.now() - this.startedMs;
    return this;
  }

  metered(tokens: CallTokens, costNanoUsd: number | null): this {
    this.tokens = tokens;
    this.costNanoUsd = costNanoUsd;
    return this;
  }

  /** Records what the call used and cost, and answers what limits and budgets settle with. */
  charged(metered: Metered): ActualUsage {
    this.metered(metered.tokens, metered.costNanoUsd);
    return actualUsage(metered);
  }

  responded(body: unknown): this {
    if (this.workspaceId && this.records.capturesBodies(this.workspaceId)) this.responseBody = body;
    return this;
  }

  failed(errorClass: CallErrorClass, code: string | null): this {
    this.errorClass = errorClass;
    this.errorCode = code;
    return this;
  }

  failedWith(wire: WireError, origin: 'gateway' | 'upstream'): this {
    return this.failed(errorClassOf(wire, origin), wire.code);
  }

  /** Publishes the record once; later calls are no-ops. A response cut before it finished is `client_closed`. */
  end(reply: FastifyReply, guardVerdicts: readonly GuardVerdictSummary[] = []): void {
    if (this.published) return;
    // Cut: the connection closed before Portico finished writing (not merely before the bytes drained).
    const cut = !reply.raw.writableEnded && reply.raw.destroyed;
    if (cut && this.errorClass === null) this.failed('client_closed', 'client_closed');
    this.publish(cut && !reply.raw.headersSent ? 499 : reply.raw.statusCode, guardVerdicts);
  }

  /** Publishes the record of a call answered off the data plane's HTTP reply (e.g. "try"), with the status its caller got. */
  endWith(status: number, guardVerdicts: readonly GuardVerdictSummary[] = []): void {
    if (this.published) return;
    this.publish(status, guardVerdicts);
  }

  private publish(status: number, guardVerdicts: readonly GuardVerdictSummary[]): void {
    this.published = true;
    const target = this.target;
    const record: CallRecord = {
      callId: this.callId,
      requestId: this.request.id,
      traceparent: headerValue(this.request.headers.traceparent),
      workspaceId: this.workspaceId,
      apiKeyId: this.apiKeyId,
      endpoint: this.endpoint,
      requestedModel: this.requestedModel,
      routeName: this.routeName,
      promptApiId: this.promptApiId,
      promptId: this.promptId,
      promptVersion: this.promptVersion,
      provider: target?.account.pluginId ?? null,
      providerAccountId: target?.account.id ?? null,
      target: target?.displayName ?? null,
      model: target?.model ?? null,
      attempts: this.attempts,
      stream: this.stream,
      status,
      errorClass: this.errorClass,
      errorCode: this.errorCode,
      promptTokens: this.tokens.promptTokens,
      completionTokens: this.tokens.completionTokens,
      cachedTokens: this.tokens.cachedTokens,
      reasoningTokens: this.tokens.reasoningTokens,
      tokensEstimated: this.tokens.estimated,
      costNanoUsd: this.costNanoUsd,
      startedAt: this.startedAt,
      latencyMs: performance.now() - this.startedMs,
      ttfbMs: this.ttfbMs,
      cacheHit: this.cacheHit,
      guardVerdicts,
      ...(this.requestBody !== undefined && { requestBody: this.requestBody }),
      ...(this.responseBody !== undefined && { responseBody: this.responseBody }),
    };
    this.records.publish(record);
  }
}

/** Starts traces; one per app, handed to every data-plane route. */
export class CallTracer {
  constructor(private readonly records: CallRecords) {}

  begin(request: FastifyRequest, endpoint: CallEndpoint): CallTrace {
    return new CallTrace(this.records, request, endpoint);
  }
}

/** The call log's coarse error class for a refusal on the wire. */
export function errorClassOf(wire: Pick<WireError, 'status' | 'code'>, origin: 'gateway' | 'upstream'): CallErrorClass {
  if (wire.code === 'budget_exceeded') return 'budget_exceeded';
  if (wire.status === 401) return 'authentication';
  if (wire.status === 403) return 'permission';
  if (wire.status === 404) return 'not_found';
  if (wire.status === 429) return origin === 'upstream' ? 'upstream_rate_limited' : 'rate_limited';
  if (wire.status === 400 || wire.status === 413 || wire.status === 422) return 'invalid_request';
  if (origin === 'gateway') return 'internal';
  return wire.status === 504 ? 'upstream_timeout' : 'upstream_error';
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? (value[0] ?? null) : value;
}
