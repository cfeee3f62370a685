import type { Readable } from 'node:stream';
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Dispatcher } from 'undici';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import type { SecretBox } from '../../common/crypto/secret-box';
import { REST_API_CREDENTIAL_PURPOSE } from '../../auth/secrets/encrypted-columns';
import { sendOpenAiError } from '../../gateway/openai/openai-replies';
import { type CallTrace, type CallTracer, errorClassOf } from '../../gateway/pipeline/call-trace';
import type { SubscriptionCheck, SubscriptionStatus } from '../../portal/subscription-check.contract';
import { planLimitsOf } from '../../portal/subscriptions/plan-consumption';
import { ApiCallRefusal, isApiCallRefusal } from '../../prompt-apis/runtime/api-call-refusal';
import type { Admission, SpendLedger, UsageGate } from '../../usage/enforcement/usage-gate';
import { callerResponseHeaders, upstreamRequestHeaders } from './proxy-headers';
import type { RestApiSnapshot } from './rest-api-snapshot';
import { type RestCallTarget, refuseRetiredRest, refuseUndeclared, restCallTarget } from './rest-call-target';
import type { UpstreamPools } from './upstream-pools';

/** What a proxied call needs. */
export interface RestProxyDeps {
  readonly catalog: RestApiSnapshot;
  readonly subscriptions: SubscriptionCheck | null;
  readonly gate: UsageGate;
  /** Where subscription plans' settled spend goes (a proxied call costs nothing; the plan's requests/min apply); null: plans are not enforced. */
  readonly planSpend: SpendLedger | null;
  readonly tracer: CallTracer;
  readonly pools: UpstreamPools;
  readonly box: SecretBox;
  /** How long a limits lease may be held (the longest a proxied call may take). */
  readonly holdMs: number;
}

const TIMEOUT_CODES = new Set(['UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT']);

/**
 * One call of `/rest/<slug>[/v<n>]/<path>`: key (the route's hook), API and version, lifecycle,
 * subscription, declared operation, limits (route `rest:<slug>`), then the request streamed to the
 * upstream through its keep-alive pool and the answer streamed back byte for byte. One call record
 * per request, published when the last byte left (or the connection closed).
 */
export class RestProxyCall {
  private readonly trace: CallTrace;
  private readonly key: ApiKeyRecord;
  private headers: Record<string, string> = {};

  constructor(
    private readonly deps: RestProxyDeps,
    private readonly request: FastifyRequest,
    private readonly reply: FastifyReply,
  ) {
    this.key = request.porticoKey!;
    this.trace = deps.tracer.begin(request, 'rest_api').caller(this.key.workspaceId, this.key.id);
  }

  async run(): Promise<FastifyReply> {
    let target: RestCallTarget;
    let admission: Admission;
    try {
      const [called, subscription] = this.admitCaller();
      target = called;
      const route = `rest:${target.api.view.slug}`;
      admission = await this.deps.gate.admit({
        key: this.key,
        model: route,
        route,
        targets: [],
        estimate: () => ({ promptTokens: 0, maxOutputTokens: 0 }),
        at: this.trace.at,
        holdMs: this.deps.holdMs,
        plan: planLimitsOf(subscription.subscriptionId, subscription.plan, this.deps.planSpend),
      });
      this.headers = { ...this.headers, ...admission.headers };
    } catch (error) {
      const refused = this.refuse(error);
      await this.finishWith(undefined);
      return refused;
    }
    return this.forward(target, admission);
  }

  /** The caller's workspace's own API of that slug, else a public one; its version; an active subscription to it. */
  private admitCaller(): [RestCallTarget, Extract<SubscriptionStatus, { state: 'active' }>] {
    const { slug } = (this.request.params ?? {}) as { slug?: string };
    const target = restCallTarget(this.deps.catalog.forCaller(this.key.workspaceId, slug ?? ''), this.request.raw.url ?? '');
    this.trace.promptApi(target.api.view.id).routed(`rest:${target.api.view.slug}`);
    this.headers = target.headers;
    refuseRetiredRest(target);
    const subscription = this.deps.subscriptions?.statusFor(this.key, target.api.view.id) ?? { state: 'none' };
    if (subscription.state === 'pending') throw new ApiCallRefusal(403, 'subscription_pending', `the subscription to API '${target.api.view.slug}' is waiting for approval`, null, { subscriptionId: subscription.subscriptionId });
    if (subscription.state !== 'active') throw new ApiCallRefusal(403, 'subscription_required', `this key's app has no active subscription to API '${target.api.view.slug}'; request one in the portal`);
    refuseUndeclared(target, this.request.method);
    return [target, subscription];
  }

  private async forward(target: RestCallTarget, admission: Admission): Promise<FastifyReply> {
    const upstream = new URL(target.version.baseUrl);
    const controller = new AbortController();
    const onClose = () => {
      if (!this.reply.raw.writableFinished) controller.abort(new Error('the client closed the connection'));
    };
    this.reply.raw.once('close', onClose);
    let answer: Dispatcher.ResponseData;
    try {
      answer = await this.deps.pools.for(upstream.origin).request({
        method: this.request.method as Dispatcher.HttpMethod,
        path: `${upstream.pathname.replace(/\/+$/, '')}${target.operationPath}${target.query}`,
        headers: upstreamRequestHeaders(this.request.headers, {
          requestId: this.request.id,
          clientIp: this.request.ip,
          protocol: this.request.protocol,
          host: this.request.headers.host,
          credential: this.credentialOf(target),
        }),
        body: this.requestBody(),
        signal: controller.signal,
      });
    } catch (error) {
      this.reply.raw.off('close', onClose);
      const refused = this.refuse(upstreamFailure(error));
      await this.finishWith(admission);
      return refused;
    }
    this.trace.firstByte();
    if (answer.statusCode >= 500) this.trace.failed('upstream_error', `upstream_${answer.statusCode}`);
    this.reply.raw.once('close', () => {
      this.reply.raw.off('close', onClose);
      void this.finishWith(admission);
    });
    answer.body.once('error', (error) => {
      // The caller leaving aborts the upstream body too: that is the caller's cut, recorded as client_closed.
      if (!controller.signal.aborted && !this.reply.raw.writableFinished) this.trace.failed(TIMEOUT_CODES.has((error as { code?: string }).code ?? '') ? 'upstream_timeout' : 'upstream_error', 'upstream_body_failed');
    });
    return this.reply
      .code(answer.statusCode)
      .headers({ ...callerResponseHeaders(answer.headers), ...this.headers })
      .send(answer.body);
  }

  /** The caller's body as a stream (the route's parser leaves it unread); none on bodiless requests. */
  private requestBody(): Readable | undefined {
    const body = this.request.body as Readable | undefined;
    return body && typeof (body as { pipe?: unknown }).pipe === 'function' ? body : undefined;
  }

  private credentialOf(target: RestCallTarget): { header: string; value: string } | null {
    const { credentialHeader, credentialSealed } = target.api;
    if (!credentialHeader || !credentialSealed) return null;
    return { header: credentialHeader, value: this.deps.box.open(credentialSealed, REST_API_CREDENTIAL_PURPOSE) };
  }

  /** After the answer was sent (or refused): the record carries the status the caller got. */
  private async finishWith(admission: Admission | undefined): Promise<void> {
    await admission?.settle({ tokens: 0, costNanoUsd: 0 });
    this.trace.end(this.reply);
  }

  private refuse(error: unknown): FastifyReply {
    const headers = this.headers;
    if (!isApiCallRefusal(error)) return sendOpenAiError(this.reply.headers(headers), error, this.trace);
    this.trace.failed(error.status === 410 ? 'not_found' : errorClassOf(error, error.origin), error.code);
    return error.send(this.reply, headers);
  }
}

/** Connection refused, reset or DNS failure → 502; a timeout → 504; both in the data plane's envelope. */
export function upstreamFailure(error: unknown): ApiCallRefusal {
  const code = (error as { code?: string }).code ?? '';
  if (TIMEOUT_CODES.has(code)) return new ApiCallRefusal(504, 'upstream_timeout', `the upstream of this API did not answer in time`).fromUpstream();
  return new ApiCallRefusal(502, 'upstream_unavailable', `the upstream of this API could not be reached (${code || (error instanceof Error ? error.message : 'error')})`).fromUpstream();
}
