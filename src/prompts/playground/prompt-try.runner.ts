import { Injectable, type OnModuleInit } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import type { RequestContext } from '../../auth/principal';
import { CallRecords } from '../../audit/call-records/call-records';
import { ErrorCode, isPorticoError, PorticoError } from '../../common/errors';
import { fromGatewayError, fromProviderError, type WireError } from '../../gateway/errors/openai-errors';
import { CallTracer } from '../../gateway/pipeline/call-trace';
import { Dispatcher } from '../../gateway/pipeline/dispatcher';
import { ChatMeter, estimateChat } from '../../gateway/pipeline/metering';
import { admitChat } from '../../gateway/pipeline/request-plan';
import { RoutePlanner } from '../../gateway/routing/route-planner';
import type { ChatCompletionRequest, ChatCompletionResponse } from '../../plugin-sdk';
import type { Admission, ActualUsage } from '../../usage/enforcement/usage-gate';
import { UsageGate } from '../../usage/enforcement/usage-gate';
import { isUsageRefusal } from '../../usage/enforcement/usage-refusal';
import { PriceBook } from '../../usage/prices/price-book';

/** What a "try" call answered. */
export interface TryResult {
  readonly response: ChatCompletionResponse;
  /** `<account>/<model>` that answered. */
  readonly target: string;
  readonly attempts: number;
  readonly costNanoUsd: number | null;
}

/**
 * Runs a rendered prompt through the data plane's own pipeline, in process: the route planner,
 * the usage gate (rate limits and budgets of the workspace and of the caller), the gateway's
 * `Dispatcher` (retries, fallbacks, circuit breakers, the same upstream pools) and its metering,
 * and publishes a call record naming the prompt version, exactly as `/v1/chat/completions` does.
 * No loopback HTTP and no API key: the admin caller stands in for a key (its own key when it used one).
 */
@Injectable()
export class PromptTryRunner implements OnModuleInit {
  private dispatcher!: Dispatcher;
  private readonly tracer: CallTracer;

  constructor(
    private readonly moduleRef: ModuleRef,
    private readonly planner: RoutePlanner,
    private readonly gate: UsageGate,
    private readonly prices: PriceBook,
    records: CallRecords,
  ) {
    this.tracer = new CallTracer(records);
  }

  /** The gateway module keeps its dispatcher to itself; the same instance is looked up, not a second one built. */
  onModuleInit(): void {
    this.dispatcher = this.moduleRef.get(Dispatcher, { strict: false });
  }

  async run(ctx: RequestContext, workspaceId: string, httpRequest: FastifyRequest, request: ChatCompletionRequest, prompt: { promptId: string; version: number }): Promise<TryResult> {
    const trace = this.tracer.begin(httpRequest, 'chat.completions').caller(workspaceId, ctx.principal.apiKeyId ?? null).prompt(prompt.promptId, prompt.version);
    trace.requested(request.model, false, request);
    let admission: Admission | undefined;
    let actual: ActualUsage | null = null;
    let status = 200;
    try {
      const plan = this.planner.plan(workspaceId, request.model);
      if (!plan || plan.targets.length === 0) {
        throw new PorticoError(ErrorCode.VALIDATION_FAILED, `the model '${request.model}' does not exist or has no available target in this workspace`, { status: 422, details: { param: 'model' } });
      }
      trace.routed(plan.alias);
      admission = await admitChat(this.gate, callerOf(ctx, workspaceId), request, plan, trace.at, estimateChat);
      const outcome = await this.dispatcher.chat(plan, request, AbortSignal.timeout(plan.policy.timeouts.totalMs), { upstreamMs: 0 });
      trace.outcome(outcome);
      if (!outcome.ok) {
        const wire = fromProviderError(outcome.error);
        trace.failedWith(wire, 'upstream');
        throw upstreamFailure(wire);
      }
      if (outcome.value.kind !== 'response') throw new PorticoError(ErrorCode.INTERNAL, 'the upstream answered a stream to a buffered request', { status: 502 });
      const metered = new ChatMeter(this.prices, workspaceId, request, trace.at).response(outcome.value.response, outcome.target);
      actual = trace.charged(metered);
      const response = { ...outcome.value.response, model: outcome.target.displayName };
      trace.responded(response);
      return { response, target: outcome.target.displayName, attempts: outcome.attempts.length, costNanoUsd: metered.costNanoUsd };
    } catch (error) {
      const refusal = asControlPlaneError(error);
      status = refusal.status;
      if (!(isPorticoError(error) && error.code === ErrorCode.PROMPT_TRY_FAILED)) trace.failedWith(fromGatewayError(error), 'gateway');
      throw refusal;
    } finally {
      await admission?.settle(actual);
      trace.endWith(status);
    }
  }
}

/**
 * The admin caller as the usage gate sees a key: its own key if it used one, else the signed-in user
 * (whose tries count per user under per-key limits, and never match a rule naming a key).
 */
function callerOf(ctx: RequestContext, workspaceId: string): ApiKeyRecord {
  const { principal } = ctx;
  return {
    id: principal.apiKeyId ?? principal.subject,
    workspaceId,
    publicId: '',
    name: 'prompt try',
    ownerType: principal.kind === 'user' ? 'user' : 'service_account',
    ownerId: principal.id,
    scopes: [],
    expiresAt: null,
  };
}

function upstreamFailure(wire: WireError): PorticoError {
  return new PorticoError(ErrorCode.PROMPT_TRY_FAILED, `the model call failed: ${wire.message}`, { status: wire.status, details: { upstreamCode: wire.code } });
}

function asControlPlaneError(error: unknown): PorticoError {
  if (isPorticoError(error)) return error;
  if (isUsageRefusal(error)) return new PorticoError(ErrorCode.RATE_LIMITED, error.message, { status: 429, details: { code: error.code, retryAfterMs: error.retryAfterMs } });
  return new PorticoError(ErrorCode.INTERNAL, 'the model call failed inside Portico; quote the request id when reporting it', { status: 500, cause: error });
}
