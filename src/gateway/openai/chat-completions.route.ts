import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../../plugin-sdk';
import { dataPlaneAuth } from '../data-plane-auth.hook';
import type { DataPlaneAuthenticator } from '../data-plane-authenticator';
import { fromProviderError, openAiErrorBody } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { SseWriter, sseData } from '../http/sse-writer';
import { classify, type ChatSuccess, type Dispatcher } from '../pipeline/dispatcher';
import type { ExecutionOutcome, Planner, RoutePlan } from '../pipeline/ports';
import { cacheHitHeaders, outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import type { ResponseCache } from '../cache/response-cache';
import { parseChatRequest } from '../validation/openai-requests';
import { sendOpenAiError, sendWireError } from './openai-replies';

export interface OpenAiRouteDeps {
  authenticator: DataPlaneAuthenticator;
  planner: Planner;
  dispatcher: Dispatcher;
  cache: ResponseCache;
}

/** `POST /v1/chat/completions`: OpenAI in, OpenAI out, any provider behind, streamed chunk for chunk. */
export function registerChatCompletionsRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  fastify.post('/v1/chat/completions', { onRequest: dataPlaneAuth(deps.authenticator, 'openai') }, async (request, reply) => {
    const started = performance.now();
    let canonical: ChatCompletionRequest;
    let plan: RoutePlan;
    try {
      canonical = parseChatRequest(request.body);
      plan = resolvePlan(deps, request.porticoKey!, canonical.model);
    } catch (error) {
      return sendOpenAiError(reply, error);
    }
    const cacheKey = plan.cacheTtlSeconds && !canonical.stream ? deps.cache.keyFor(request.porticoKey!.workspaceId, canonical) : undefined;
    const hit = cacheKey ? deps.cache.get(cacheKey) : undefined;
    if (hit) return reply.headers(cacheHitHeaders(hit.target, started)).send(hit.body);
    const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
    const clock = { upstreamMs: 0 };
    try {
      const outcome = await deps.dispatcher.chat(plan, canonical, signal, clock);
      if (!outcome.ok) return sendWireError(reply, fromProviderError(outcome.error), outcomeHeaders(outcome, started, clock));
      const headers = outcomeHeaders(outcome, started, clock);
      const model = outcome.target.displayName;
      if (outcome.value.kind === 'response') {
        const body = { ...outcome.value.response, model };
        if (cacheKey) deps.cache.set(cacheKey, { body, target: model }, plan.cacheTtlSeconds!);
        return reply.headers(cacheKey ? { ...headers, 'x-portico-cache': 'miss' } : headers).send(body);
      }
      await streamChat(reply, outcome as ExecutionOutcome<ChatSuccess> & { ok: true }, canonical, headers, request);
      return reply;
    } catch (error) {
      return sendOpenAiError(reply, error);
    } finally {
      dispose();
    }
  });
}

async function streamChat(
  reply: FastifyReply,
  outcome: ExecutionOutcome<ChatSuccess> & { ok: true },
  request: ChatCompletionRequest,
  headers: Record<string, string>,
  httpRequest: FastifyRequest,
): Promise<void> {
  const value = outcome.value as Extract<ChatSuccess, { kind: 'stream' }>;
  const model = outcome.target.displayName;
  const wantsUsage = request.stream_options?.include_usage === true;
  const writer = SseWriter.open(reply, headers);
  const forward = async (chunk: ChatCompletionChunk) => {
    const usageOnly = chunk.choices.length === 0 && chunk.usage;
    if (usageOnly && !wantsUsage) return;
    const shaped = wantsUsage || !('usage' in chunk) ? chunk : { ...chunk, usage: undefined };
    await writer.write(sseData({ ...shaped, model }));
  };
  try {
    await forward(value.first);
    for (let next = await value.rest.next(); !next.done; next = await value.rest.next()) {
      if (writer.closed) break;
      await forward(next.value);
    }
    writer.end('data: [DONE]\n\n');
  } catch (error) {
    // Bytes were sent: the status is 200 already, so the failure travels as an error event.
    const wire = fromProviderError(classify(error));
    httpRequest.log.warn({ code: wire.code, target: model }, 'stream failed after it started');
    writer.end(sseData(openAiErrorBody(wire)));
  } finally {
    await value.rest.return?.().catch(() => undefined);
  }
}
