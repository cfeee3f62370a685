import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionRequest } from '../../plugin-sdk';
import type { ActualUsage, Admission } from '../../usage/enforcement/usage-gate';
import { dataPlaneAuth, sendDataPlaneError } from '../data-plane-auth.hook';
import { isDataPlaneError } from '../data-plane-error';
import { fromGatewayError, fromProviderError, type WireError } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { SseWriter } from '../http/sse-writer';
import type { OpenAiRouteDeps } from '../openai/chat-completions.route';
import { CallGuards, failStream, guardedChunks, isGuardRefusal } from '../pipeline/call-guards';
import type { CallTrace } from '../pipeline/call-trace';
import type { ChatSuccess } from '../pipeline/dispatcher';
import { ChatMeter, estimateChat } from '../pipeline/metering';
import type { RoutePlan } from '../pipeline/ports';
import { admitChat, outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import {
  AnthropicStreamEncoder,
  anthropicErrorBody,
  anthropicRequestToCanonical,
  canonicalResponseToAnthropic,
  isAnthropicRequestError,
} from '../protocols/anthropic/index.js';

/**
 * `POST /v1/messages`: Anthropic Messages in and out, whatever provider serves the model. The
 * request becomes canonical at the edge, runs the same pipeline as `/v1/chat/completions` (limits,
 * budgets, metering, call log), and the answer (or its stream, event for event) is encoded back
 * into Anthropic's format.
 */
export function registerMessagesRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  const onRequest = dataPlaneAuth(deps.authenticator, 'anthropic', { tracer: deps.tracer, endpoint: 'messages' });
  fastify.post('/v1/messages', { onRequest }, async (request, reply) => {
    const key = request.porticoKey!;
    const trace = deps.tracer.begin(request, 'messages').caller(key.workspaceId, key.id);
    let admission: Admission | undefined;
    let actual: ActualUsage | null = null;
    let guards: CallGuards | null = null;
    try {
      let canonical: ChatCompletionRequest;
      let plan: RoutePlan;
      try {
        canonical = anthropicRequestToCanonical(request.body);
        trace.requested(canonical.model, canonical.stream === true, request.body);
        plan = resolvePlan(deps, key, canonical.model);
        trace.routed(plan.alias);
        admission = await admitChat(deps.gate, key, canonical, plan, trace.at, estimateChat);
        guards = CallGuards.open(deps.plugins, deps.guards, { requestId: request.id, workspaceId: key.workspaceId, apiKeyId: key.id, route: plan.alias ?? null });
        if (guards) trace.guardedRequest((canonical = await guards.request(canonical)));
      } catch (error) {
        return sendAnthropicError(reply, request, error, trace);
      }
      const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
      const clock = { upstreamMs: 0 };
      const meter = new ChatMeter(deps.prices, key.workspaceId, canonical, trace.at);
      try {
        const outcome = await deps.dispatcher.chat(plan, canonical, signal, clock);
        trace.outcome(outcome);
        reply.headers(admission.headers).headers(outcomeHeaders(outcome, trace.started, clock));
        if (!outcome.ok) {
          const wire = fromProviderError(outcome.error);
          trace.failedWith(wire, 'upstream');
          return sendWire(reply, request, wire);
        }
        const model = outcome.target.displayName;
        if (outcome.value.kind === 'response') {
          const metered = meter.response(outcome.value.response, outcome.target);
          actual = trace.charged(metered);
          const answer = guards ? await guards.response(outcome.value.response) : outcome.value.response;
          const body = canonicalResponseToAnthropic(answer, model);
          trace.responded(guards ? canonicalResponseToAnthropic(outcome.value.response, model) : body);
          return reply.send(body);
        }
        await streamMessages(reply, outcome.value, model, meter, trace, guards);
        const metered = meter.stream(outcome.target);
        actual = trace.charged(metered);
        return reply;
      } catch (error) {
        return sendAnthropicError(reply, request, error, trace);
      } finally {
        dispose();
      }
    } finally {
      await admission?.settle(actual);
      trace.end(reply, guards?.summaries());
    }
  });
}

async function streamMessages(
  reply: FastifyReply,
  value: Extract<ChatSuccess, { kind: 'stream' }>,
  model: string,
  meter: ChatMeter,
  trace: CallTrace,
  guards: CallGuards | null,
): Promise<void> {
  const encoder = new AnthropicStreamEncoder();
  const writer = SseWriter.open(reply);
  try {
    trace.firstByte();
    await writer.write(encoder.start({ model }));
    for await (const chunk of guardedChunks(value.first, value.rest, guards, (raw) => meter.observe(raw))) {
      if (writer.closed) break;
      const frames = encoder.push(chunk);
      if (frames) await writer.write(frames);
    }
    writer.end(encoder.end());
  } catch (error) {
    const wire = failStream(trace, error);
    writer.end(encoder.error(wire.status, wire.message));
  } finally {
    await value.rest.return?.().catch(() => undefined);
  }
}

function sendAnthropicError(reply: FastifyReply, request: FastifyRequest, error: unknown, trace: CallTrace): FastifyReply {
  if (isDataPlaneError(error)) {
    trace.failed(error.kind === 'authentication' ? 'authentication' : 'permission', error.code);
    return sendDataPlaneError(reply, error, 'anthropic');
  }
  if (isGuardRefusal(error)) {
    trace.failed('guard_blocked', error.block.code);
    return sendWire(reply, request, error.toWire());
  }
  if (isAnthropicRequestError(error)) {
    trace.failed('invalid_request', 'invalid_request');
    return reply.code(error.status).header('content-type', 'application/json').send(error.toBody(request.id));
  }
  const wire = fromGatewayError(error);
  trace.failedWith(wire, 'gateway');
  return sendWire(reply, request, wire);
}

function sendWire(reply: FastifyReply, request: FastifyRequest, wire: WireError): FastifyReply {
  return reply
    .code(wire.status)
    .headers(wire.headers)
    .header('content-type', 'application/json')
    .send(anthropicErrorBody(wire.status, wire.message, request.id));
}
