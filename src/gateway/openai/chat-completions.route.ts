import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../../plugin-sdk';
import type { Admission, ActualUsage, Pricer, UsageGate } from '../../usage/enforcement/usage-gate';
import { dataPlaneAuth } from '../data-plane-auth.hook';
import type { DataPlaneAuthenticator } from '../data-plane-authenticator';
import { fromProviderError, openAiErrorBody } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { SseWriter, sseData } from '../http/sse-writer';
import type { CallTrace, CallTracer } from '../pipeline/call-trace';
import type { ChatSuccess, Dispatcher } from '../pipeline/dispatcher';
import { ChatMeter, estimateChat } from '../pipeline/metering';
import type { AttemptTarget, ExecutionOutcome, Planner, RoutePlan } from '../pipeline/ports';
import { admitChat, cacheHitHeaders, outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import type { ResponseCache } from '../cache/response-cache';
import { parseChatRequest, parsePromptReference } from '../validation/openai-requests';
import { isPromptRefusal, promptResolverOf, sendPromptRefusal } from '../../prompts/runtime/prompt-data-plane';
import { sendOpenAiError, sendWireError } from './openai-replies';
import type { PluginHost } from '../../plugin-host/plugin-host';
import { CallGuards, failStream, guardedChunks, type GuardBindings } from '../pipeline/call-guards';

export interface OpenAiRouteDeps {
  authenticator: DataPlaneAuthenticator;
  planner: Planner;
  dispatcher: Dispatcher;
  cache: ResponseCache;
  gate: UsageGate;
  prices: Pricer;
  tracer: CallTracer;
  plugins: PluginHost;
  guards: GuardBindings;
}

type StreamSuccess = Extract<ChatSuccess, { kind: 'stream' }>;

/** `POST /v1/chat/completions`: OpenAI in, OpenAI out, any provider behind, streamed chunk for chunk. */
export function registerChatCompletionsRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  const onRequest = dataPlaneAuth(deps.authenticator, 'openai', { tracer: deps.tracer, endpoint: 'chat.completions' });
  fastify.post('/v1/chat/completions', { onRequest }, async (request, reply) => {
    const key = request.porticoKey!;
    const trace = deps.tracer.begin(request, 'chat.completions').caller(key.workspaceId, key.id);
    let admission: Admission | undefined;
    let actual: ActualUsage | null = null;
    let guards: CallGuards | null = null;
    try {
      let canonical: ChatCompletionRequest;
      let plan: RoutePlan;
      let cacheKey: string | undefined;
      try {
        // A request may name a registered prompt instead of messages: rendered from memory, its model and parameters under the request's own.
        const named = parsePromptReference(request.body, request.headers['x-portico-prompt']);
        const body = named ? promptResolverOf(fastify).apply(key.workspaceId, named.reference, named.rest, (selected) => trace.prompt(selected.promptId, selected.version.number)) : request.body;
        canonical = parseChatRequest(body);
        trace.requested(canonical.model, canonical.stream === true, request.body);
        plan = resolvePlan(deps, key, canonical.model);
        trace.routed(plan.alias);
        admission = await admitChat(deps.gate, key, canonical, plan, trace.at, estimateChat);
        guards = CallGuards.open(deps.plugins, deps.guards, { requestId: request.id, workspaceId: key.workspaceId, apiKeyId: key.id, route: plan.alias ?? null });
        // The cache is keyed by the request as the caller sent it: a cached answer was rehydrated with
        // that caller's values, so two prompts that redact to the same placeholders must not share it.
        cacheKey = plan.cacheTtlSeconds && !canonical.stream ? deps.cache.keyFor(key.workspaceId, canonical) : undefined;
        if (guards) trace.guardedRequest((canonical = await guards.request(canonical)));
      } catch (error) {
        if (isPromptRefusal(error)) return sendPromptRefusal(reply, error, trace);
        return sendOpenAiError(reply, error, trace);
      }
      const hit = cacheKey ? deps.cache.get(cacheKey) : undefined;
      if (hit) {
        trace.cached(plan.targets.find((target) => target.displayName === hit.target)).responded(hit.body);
        return reply.headers(admission.headers).headers(cacheHitHeaders(hit.target, trace.started)).send(hit.body);
      }
      const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
      const clock = { upstreamMs: 0 };
      const meter = new ChatMeter(deps.prices, key.workspaceId, canonical, trace.at);
      try {
        const outcome = await deps.dispatcher.chat(plan, canonical, signal, clock);
        trace.outcome(outcome);
        // Set one group after the other: a merged copy of header objects costs more than the headers themselves.
        reply.headers(admission.headers).headers(outcomeHeaders(outcome, trace.started, clock));
        if (!outcome.ok) {
          const wire = fromProviderError(outcome.error);
          trace.failedWith(wire, 'upstream');
          return sendWireError(reply, wire);
        }
        const model = outcome.target.displayName;
        if (outcome.value.kind === 'response') {
          const metered = meter.response(outcome.value.response, outcome.target);
          actual = trace.charged(metered);
          const answer = guards ? await guards.response(outcome.value.response) : outcome.value.response;
          const body = { ...answer, model };
          if (cacheKey) deps.cache.set(cacheKey, { body, target: model }, plan.cacheTtlSeconds!);
          // With guards, the log keeps the provider's answer (placeholders), not the one rehydrated for the caller.
          trace.responded(guards ? { ...outcome.value.response, model } : body);
          if (cacheKey) reply.header('x-portico-cache', 'miss');
          return reply.send(body);
        }
        await streamChat(reply, outcome.value, outcome.target, canonical, request, meter, trace, guards);
        const metered = meter.stream(outcome.target);
        actual = trace.charged(metered);
        return reply;
      } catch (error) {
        return sendOpenAiError(reply, error, trace);
      } finally {
        dispose();
      }
    } finally {
      await admission?.settle(actual);
      trace.end(reply, guards?.summaries());
    }
  });
}

async function streamChat(
  reply: FastifyReply,
  value: StreamSuccess,
  target: AttemptTarget,
  request: ChatCompletionRequest,
  httpRequest: FastifyRequest,
  meter: ChatMeter,
  trace: CallTrace,
  guards: CallGuards | null,
): Promise<void> {
  const model = target.displayName;
  const wantsUsage = request.stream_options?.include_usage === true;
  const writer = SseWriter.open(reply);
  const forward = async (chunk: ChatCompletionChunk) => {
    const usageOnly = chunk.choices.length === 0 && chunk.usage;
    if (usageOnly && !wantsUsage) return;
    const shaped = wantsUsage || !('usage' in chunk) ? chunk : { ...chunk, usage: undefined };
    await writer.write(sseData({ ...shaped, model }));
  };
  try {
    trace.firstByte();
    for await (const chunk of guardedChunks(value.first, value.rest, guards, (raw) => meter.observe(raw))) {
      if (writer.closed) break;
      await forward(chunk);
    }
    writer.end('data: [DONE]\n\n');
  } catch (error) {
    // Bytes were sent: the status is 200 already, so the failure travels as an error event.
    const wire = failStream(trace, error);
    httpRequest.log.warn({ code: wire.code, target: model }, 'stream failed after it started');
    writer.end(sseData(openAiErrorBody(wire)));
  } finally {
    await value.rest.return?.().catch(() => undefined);
  }
}
