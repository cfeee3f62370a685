import type { FastifyInstance } from 'fastify';
import type { EmbeddingsRequest } from '../../plugin-sdk';
import { dataPlaneAuth } from '../data-plane-auth.hook';
import { fromProviderError } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import type { RoutePlan } from '../pipeline/ports';
import { parseEmbeddingsRequest } from '../validation/openai-requests';
import type { OpenAiRouteDeps } from './chat-completions.route';
import { sendOpenAiError, sendWireError } from './openai-replies';

/** `POST /v1/embeddings`: OpenAI in and out, any provider with an embeddings operation behind. */
export function registerEmbeddingsRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  fastify.post('/v1/embeddings', { onRequest: dataPlaneAuth(deps.authenticator, 'openai') }, async (request, reply) => {
    const started = performance.now();
    let canonical: EmbeddingsRequest;
    let plan: RoutePlan;
    try {
      canonical = parseEmbeddingsRequest(request.body);
      plan = resolvePlan(deps, request.porticoKey!, canonical.model);
    } catch (error) {
      return sendOpenAiError(reply, error);
    }
    const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
    const clock = { upstreamMs: 0 };
    try {
      const outcome = await deps.dispatcher.embeddings(plan, canonical, signal, clock);
      const headers = outcomeHeaders(outcome, started, clock);
      if (!outcome.ok) return sendWireError(reply, fromProviderError(outcome.error), headers);
      return reply.headers(headers).send({ ...outcome.value, model: outcome.target.displayName });
    } catch (error) {
      return sendOpenAiError(reply, error);
    } finally {
      dispose();
    }
  });
}
