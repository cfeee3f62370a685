import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ChatCompletionRequest } from '../../plugin-sdk';
import { dataPlaneAuth, sendDataPlaneError } from '../data-plane-auth.hook';
import { isDataPlaneError } from '../data-plane-error';
import { fromGatewayError, fromProviderError, type WireError } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { SseWriter } from '../http/sse-writer';
import type { OpenAiRouteDeps } from '../openai/chat-completions.route';
import { classify, type ChatSuccess } from '../pipeline/dispatcher';
import type { RoutePlan } from '../pipeline/ports';
import { outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import {
  AnthropicStreamEncoder,
  anthropicErrorBody,
  anthropicRequestToCanonical,
  canonicalResponseToAnthropic,
  isAnthropicRequestError,
} from '../protocols/anthropic/index.js';

/**
 * `POST /v1/messages`: Anthropic Messages in and out, whatever provider serves the model. The
 * request becomes canonical at the edge, runs the same pipeline as `/v1/chat/completions`, and the
 * answer (or its stream, event for event) is encoded back into Anthropic's format.
 */
export function registerMessagesRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  fastify.post('/v1/messages', { onRequest: dataPlaneAuth(deps.authenticator, 'anthropic') }, async (request, reply) => {
    const started = performance.now();
    let canonical: ChatCompletionRequest;
    let plan: RoutePlan;
    try {
      canonical = anthropicRequestToCanonical(request.body);
      plan = resolvePlan(deps, request.porticoKey!, canonical.model);
    } catch (error) {
      return sendAnthropicError(reply, request, error);
    }
    const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
    const clock = { upstreamMs: 0 };
    try {
      const outcome = await deps.dispatcher.chat(plan, canonical, signal, clock);
      const headers = outcomeHeaders(outcome, started, clock);
      if (!outcome.ok) return sendWire(reply, request, fromProviderError(outcome.error), headers);
      const model = outcome.target.displayName;
      if (outcome.value.kind === 'response') return reply.headers(headers).send(canonicalResponseToAnthropic(outcome.value.response, model));
      await streamMessages(reply, outcome.value, model, headers);
      return reply;
    } catch (error) {
      return sendAnthropicError(reply, request, error);
    } finally {
      dispose();
    }
  });
}

async function streamMessages(reply: FastifyReply, value: Extract<ChatSuccess, { kind: 'stream' }>, model: string, headers: Record<string, string>): Promise<void> {
  const encoder = new AnthropicStreamEncoder();
  const writer = SseWriter.open(reply, headers);
  try {
    await writer.write(encoder.start({ model }));
    await writer.write(encoder.push(value.first));
    for (let next = await value.rest.next(); !next.done; next = await value.rest.next()) {
      if (writer.closed) break;
      const frames = encoder.push(next.value);
      if (frames) await writer.write(frames);
    }
    writer.end(encoder.end());
  } catch (error) {
    const wire = fromProviderError(classify(error));
    writer.end(encoder.error(wire.status, wire.message));
  } finally {
    await value.rest.return?.().catch(() => undefined);
  }
}

function sendAnthropicError(reply: FastifyReply, request: FastifyRequest, error: unknown): FastifyReply {
  if (isDataPlaneError(error)) return sendDataPlaneError(reply, error, 'anthropic');
  if (isAnthropicRequestError(error)) return reply.code(error.status).header('content-type', 'application/json').send(error.toBody(request.id));
  return sendWire(reply, request, fromGatewayError(error), {});
}

function sendWire(reply: FastifyReply, request: FastifyRequest, wire: WireError, headers: Record<string, string>): FastifyReply {
  return reply
    .code(wire.status)
    .headers({ ...headers, ...wire.headers })
    .header('content-type', 'application/json')
    .send(anthropicErrorBody(wire.status, wire.message, request.id));
}
