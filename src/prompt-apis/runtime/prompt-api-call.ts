import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ApiKeyRecord } from '../../auth/api-keys/api-key-registry';
import type { DataPlaneAuthenticator } from '../../gateway/data-plane-authenticator';
import { fromProviderError, openAiErrorBody } from '../../gateway/errors/openai-errors';
import { requestSignal } from '../../gateway/http/request-signal';
import { SseWriter, sseData } from '../../gateway/http/sse-writer';
import { sendOpenAiError } from '../../gateway/openai/openai-replies';
import { CallGuards, failStream, guardedChunks, type GuardBindings } from '../../gateway/pipeline/call-guards';
import { type CallTokens, type CallTrace, type CallTracer, errorClassOf } from '../../gateway/pipeline/call-trace';
import type { ChatSuccess, Dispatcher, UpstreamClock } from '../../gateway/pipeline/dispatcher';
import { ChatMeter, estimateChat, type Metered } from '../../gateway/pipeline/metering';
import type { AttemptTarget, Planner, RoutePlan } from '../../gateway/pipeline/ports';
import { admitChat, outcomeHeaders } from '../../gateway/pipeline/request-plan';
import { parseChatRequest } from '../../gateway/validation/openai-requests';
import type { PluginHost } from '../../plugin-host/plugin-host';
import type { ChatCompletionRequest, ChatCompletionResponse } from '../../plugin-sdk';
import type { PromptResolver } from '../../prompts/runtime/prompt-resolver';
import type { Admission, ActualUsage, Pricer, SpendLedger, UsageGate } from '../../usage/enforcement/usage-gate';
import type { SubscriptionCheck, SubscriptionStatus } from '../../portal/subscription-check.contract';
import { planLimitsOf } from '../../portal/subscriptions/plan-consumption';
import type { ApiProductView } from '../api-product-catalog';
import { ApiCallRefusal, isApiCallRefusal } from './api-call-refusal';
import { calledVersion, chatRequestOf, readBody, refuseRetired, type CalledVersion } from './api-call-input';
import { JsonOutput, repairRequest } from './json-output';

/** The catalog as a caller reaches it: its workspace's products, and public ones of every workspace. */
export interface CallerCatalog {
  forCaller(workspaceId: string, slug: string): ApiProductView | undefined;
}

type Active = Extract<SubscriptionStatus, { state: 'active' }>;
type JsonIssues = Parameters<typeof repairRequest>[2];

/** What a prompt API call needs: the `/v1` pipeline's own parts, the catalog, subscriptions and prompts. */
export interface PromptApiDeps {
  readonly authenticator: DataPlaneAuthenticator;
  readonly planner: Planner;
  readonly dispatcher: Dispatcher;
  readonly gate: UsageGate;
  readonly prices: Pricer;
  readonly tracer: CallTracer;
  readonly plugins: PluginHost;
  readonly guards: GuardBindings;
  readonly catalog: CallerCatalog;
  /** Null until the portal provides one: every call is then refused for want of a subscription. */
  readonly subscriptions: SubscriptionCheck | null;
  /** Where subscription plans' settled spend goes; null: plans are not enforced. */
  readonly planSpend: SpendLedger | null;
  readonly prompts: () => PromptResolver;
  readonly json: JsonOutput;
}

type Buffered = { readonly response: ChatCompletionResponse; readonly metered: Metered };

/**
 * One call of `POST /apis/<slug>[/v<n>]`, through the same steps as `/v1/chat/completions`: key
 * (the route's hook), subscription, input, route plan, the subscription plan's limits, usage gate
 * (the caller's workspace's limits and budgets), guards, dispatcher (retries, fallbacks, breakers),
 * metering, settlement and one call record naming the API and the prompt version. JSON APIs get
 * one repair attempt; both attempts are metered and settled.
 *
 * A public API of another workspace is called the same way: the product's workspace supplies the
 * prompt, the route, its prices and its guards; the caller's workspace pays (its limits and budgets
 * apply) and its call log holds the record.
 */
export class PromptApiCall {
  private readonly trace: CallTrace;
  private readonly key: ApiKeyRecord;
  private guards: CallGuards | null = null;
  private actual: ActualUsage | null = null;
  private lifecycle: Record<string, string> = {};
  /** The API product's workspace: its provider accounts serve the call, so its prices apply. */
  private pricedIn: string;

  constructor(
    private readonly deps: PromptApiDeps,
    private readonly request: FastifyRequest<{ Params: { slug: string; version?: string } }>,
    private readonly reply: FastifyReply,
  ) {
    this.key = request.porticoKey!;
    this.pricedIn = this.key.workspaceId;
    this.trace = deps.tracer.begin(request, 'prompt_api').caller(this.key.workspaceId, this.key.id);
  }

  async run(): Promise<FastifyReply> {
    let admission: Admission | undefined;
    try {
      let called: CalledVersion, canonical: ChatCompletionRequest, plan: RoutePlan, subscription: Active;
      try {
        [called, subscription] = this.admitCaller();
        const body = readBody(this.request.body);
        canonical = parseChatRequest(chatRequestOf(this.deps.prompts(), called, body.variables, body.stream));
        this.trace.requested(canonical.model, body.stream, this.request.body);
        plan = this.planOf(called, canonical.model);
        admission = await admitChat(this.deps.gate, this.key, canonical, plan, this.trace.at, estimateChat, { pricedIn: this.pricedIn, plan: planLimitsOf(subscription.subscriptionId, subscription.plan, this.deps.planSpend) });
        this.guards = CallGuards.open(this.deps.plugins, this.deps.guards, { requestId: this.request.id, workspaceId: called.product.workspaceId, apiKeyId: this.key.id, route: plan.alias ?? null, promptApiId: called.product.id });
        if (this.guards) this.trace.guardedRequest((canonical = await this.guards.request(canonical)));
      } catch (error) {
        return this.refuse(error, admission?.headers);
      }
      const headers = { ...admission.headers, ...called.headers };
      const { signal, dispose } = requestSignal(this.reply, plan.policy.timeouts.totalMs);
      try {
        if (canonical.stream) return await this.stream(called, plan, canonical, signal, headers);
        return await this.respond(called, plan, canonical, signal, headers);
      } catch (error) {
        return this.refuse(error, headers);
      } finally {
        dispose();
      }
    } finally {
      await admission?.settle(this.actual);
      this.trace.end(this.reply, this.guards?.summaries());
    }
  }

  /** The product and version called, and the key's owner's active subscription to it. */
  private admitCaller(): [CalledVersion, Active] {
    const { slug, version } = this.request.params;
    const called = calledVersion(this.deps.catalog.forCaller(this.key.workspaceId, slug), slug, version);
    this.trace.promptApi(called.product.id).prompt(called.version.promptId, called.version.promptVersion);
    this.pricedIn = called.product.workspaceId;
    this.lifecycle = called.headers;
    refuseRetired(called);
    const subscription = this.deps.subscriptions?.statusFor(this.key, called.product.id) ?? { state: 'none' };
    if (subscription.state === 'pending') throw new ApiCallRefusal(403, 'subscription_pending', `the subscription to API '${slug}' is waiting for approval`, null, { subscriptionId: subscription.subscriptionId });
    if (subscription.state !== 'active') throw new ApiCallRefusal(403, 'subscription_required', `this key's app has no active subscription to API '${slug}'; request one in the portal`);
    return [called, subscription];
  }

  /** The subscription is the grant: the key needs no scope on the model behind the API. */
  private planOf(called: CalledVersion, model: string): RoutePlan {
    const plan = this.deps.planner.plan(called.product.workspaceId, model);
    if (!plan || plan.targets.length === 0) throw new ApiCallRefusal(503, 'api_unavailable', `the model behind API '${called.product.slug}' is not available`);
    this.trace.routed(plan.alias);
    return plan;
  }

  private async respond(called: CalledVersion, plan: RoutePlan, canonical: ChatCompletionRequest, signal: AbortSignal, headers: Record<string, string>): Promise<FastifyReply> {
    const clock = { upstreamMs: 0 };
    const first = await this.call(plan, canonical, signal, clock);
    const metered = [first.metered];
    const text = first.response.choices[0]?.message.content ?? '';
    const output = called.version.output === 'json' ? await this.validated(text, called, metered, (issues) => this.call(plan, repairRequest(canonical, text, issues), signal, clock)) : text;
    const tokens = this.settleUsage(metered);
    const body = { output, usage: usageOf(tokens), requestId: this.request.id, version: called.version.number, prompt: { slug: called.version.promptSlug, version: called.version.promptVersion } };
    this.trace.responded(body);
    return this.reply.headers({ ...headers, 'x-portico-attempts': String(metered.length), 'x-portico-overhead-ms': (performance.now() - this.trace.started - clock.upstreamMs).toFixed(2) }).send(body);
  }

  /**
   * A JSON API's output: the answer parsed and validated against the output schema; an invalid one
   * gets one buffered repair attempt (metered into `metered`); still invalid → 502 `output_invalid`.
   */
  private async validated(text: string, called: CalledVersion, metered: Metered[], repair: (issues: JsonIssues) => Promise<Buffered>): Promise<unknown> {
    let verdict = this.deps.json.check(text, called.version.outputSchema);
    if (!verdict.ok) {
      const repaired = await repair(verdict.issues);
      metered.push(repaired.metered);
      verdict = this.deps.json.check(repaired.response.choices[0]?.message.content ?? null, called.version.outputSchema);
    }
    if (!verdict.ok) throw new ApiCallRefusal(502, 'output_invalid', "the model's answer did not match the API's output schema, also after one repair attempt", 'output', { issues: verdict.issues }).fromUpstream();
    return verdict.value;
  }

  /** One buffered model call, metered and passed through the response guards. */
  private async call(plan: RoutePlan, canonical: ChatCompletionRequest, signal: AbortSignal, clock: UpstreamClock): Promise<Buffered> {
    const outcome = await this.deps.dispatcher.chat(plan, canonical, signal, clock);
    this.trace.outcome(outcome);
    if (!outcome.ok) throw upstreamRefusal(fromProviderError(outcome.error));
    if (outcome.value.kind !== 'response') throw new ApiCallRefusal(502, 'upstream_error', 'the upstream answered a stream to a buffered request').fromUpstream();
    const metered = new ChatMeter(this.deps.prices, this.pricedIn, canonical, this.trace.at).response(outcome.value.response, outcome.target);
    const response = this.guards ? await this.guards.response(outcome.value.response) : outcome.value.response;
    return { response, metered };
  }

  /** Text APIs stream `delta` events as the model writes, then one `done` event with the whole answer. */
  private async stream(called: CalledVersion, plan: RoutePlan, canonical: ChatCompletionRequest, signal: AbortSignal, headers: Record<string, string>): Promise<FastifyReply> {
    const clock = { upstreamMs: 0 };
    const outcome = await this.deps.dispatcher.chat(plan, canonical, signal, clock);
    this.trace.outcome(outcome);
    if (!outcome.ok) throw upstreamRefusal(fromProviderError(outcome.error));
    if (outcome.value.kind !== 'stream') throw new ApiCallRefusal(502, 'upstream_error', 'the upstream answered a whole response to a streamed request').fromUpstream();
    const meter = new ChatMeter(this.deps.prices, this.pricedIn, canonical, this.trace.at);
    const writer = SseWriter.open(this.reply, { ...headers, ...outcomeHeaders(outcome, this.trace.started, clock) });
    const { stream: _stream, stream_options: _options, ...buffered } = canonical;
    const repair = (text: string) => (issues: JsonIssues) => this.call(plan, repairRequest(buffered, text, issues), signal, clock);
    await this.forward(writer, outcome.value, outcome.target, meter, called, repair);
    return this.reply;
  }

  /**
   * Streams `delta` events as the model writes. A JSON API's deltas are the raw text; its `done`
   * event carries the output parsed and validated once the stream ended (after one buffered repair
   * attempt when invalid, then `attempts: 2`), or an `error` event `output_invalid`.
   */
  private async forward(
    writer: SseWriter,
    value: Extract<ChatSuccess, { kind: 'stream' }>,
    target: AttemptTarget,
    meter: ChatMeter,
    called: CalledVersion,
    repair: (text: string) => (issues: JsonIssues) => Promise<Buffered>,
  ): Promise<void> {
    let text = '';
    const metered: Metered[] = [];
    try {
      this.trace.firstByte();
      for await (const chunk of guardedChunks(value.first, value.rest, this.guards, (raw) => meter.observe(raw))) {
        if (writer.closed) break;
        const delta = chunk.choices[0]?.delta.content;
        if (!delta) continue;
        text += delta;
        await writer.write(sseData({ type: 'delta', text: delta }));
      }
      metered.push(meter.stream(target));
      const output = called.version.output === 'json' ? await this.validated(text, called, metered, repair(text)) : text;
      const tokens = this.settleUsage(metered);
      const done = { type: 'done', output, usage: usageOf(tokens), requestId: this.request.id, version: called.version.number, prompt: { slug: called.version.promptSlug, version: called.version.promptVersion } };
      writer.end(sseData(called.version.output === 'json' ? { ...done, attempts: metered.length } : done));
    } catch (error) {
      // Bytes were sent: the status is 200 already, so the failure travels as an error event.
      if (metered.length === 0) metered.push(meter.stream(target));
      const body = isApiCallRefusal(error) ? this.streamRefusal(error) : openAiErrorBody(failStream(this.trace, error));
      this.settleUsage(metered);
      writer.end(sseData({ type: 'error', ...body }));
    } finally {
      await value.rest.return?.().catch(() => undefined);
    }
  }

  /** A refusal after the stream began (a JSON output still invalid after its repair): recorded, then sent as an event. */
  private streamRefusal(error: ApiCallRefusal): { error: Record<string, unknown> } {
    this.trace.failed(errorClassOf(error, error.origin), error.code);
    return { error: { message: error.message, type: error.type, code: error.code, param: error.param, ...error.extra } };
  }

  private settleUsage(calls: readonly Metered[]): CallTokens {
    const tokens = calls.reduce<CallTokens>(
      (sum, call) => ({
        promptTokens: sum.promptTokens + call.tokens.promptTokens,
        completionTokens: sum.completionTokens + call.tokens.completionTokens,
        cachedTokens: sum.cachedTokens + call.tokens.cachedTokens,
        reasoningTokens: sum.reasoningTokens + call.tokens.reasoningTokens,
        estimated: sum.estimated || call.tokens.estimated,
      }),
      { promptTokens: 0, completionTokens: 0, cachedTokens: 0, reasoningTokens: 0, estimated: false },
    );
    const priced = calls.filter((call) => call.costNanoUsd !== null);
    const cost = priced.length === 0 ? null : priced.reduce((sum, call) => sum + call.costNanoUsd!, 0);
    this.actual = this.trace.charged({ tokens, costNanoUsd: cost });
    return tokens;
  }

  private refuse(error: unknown, headers: Record<string, string> = {}): FastifyReply {
    if (!isApiCallRefusal(error)) return sendOpenAiError(this.reply.headers({ ...headers, ...this.lifecycle }), error, this.trace);
    this.trace.failed(error.status === 410 ? 'not_found' : errorClassOf(error, error.origin), error.code);
    return error.send(this.reply, { ...headers, ...this.lifecycle });
  }
}

function upstreamRefusal(wire: ReturnType<typeof fromProviderError>): ApiCallRefusal {
  return new ApiCallRefusal(wire.status, wire.code, wire.message, wire.param, {}, wire.headers).fromUpstream();
}

function usageOf(tokens: CallTokens): { promptTokens: number; completionTokens: number; totalTokens: number } {
  return { promptTokens: tokens.promptTokens, completionTokens: tokens.completionTokens, totalTokens: tokens.promptTokens + tokens.completionTokens };
}
