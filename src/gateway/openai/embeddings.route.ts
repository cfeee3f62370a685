import type { FastifyInstance } from 'fastify';
import type { EmbeddingsRequest } from '../../plugin-sdk';
import type { ActualUsage, Admission } from '../../usage/enforcement/usage-gate';
import { dataPlaneAuth } from '../data-plane-auth.hook';
import { fromProviderError } from '../errors/openai-errors';
import { requestSignal } from '../http/request-signal';
import { estimateEmbeddings, meterEmbeddings } from '../pipeline/metering';
import { admitChat, outcomeHeaders, resolvePlan } from '../pipeline/request-plan';
import type { RoutePlan } from '../pipeline/ports';
import { parseEmbeddingsRequest } from '../validation/openai-requests';
import type { OpenAiRouteDeps } from './chat-completions.route';
import { sendOpenAiError, sendWireError } from './openai-replies';

/** `POST /v1/embeddings`: OpenAI in and out, any provider with an embeddings operation behind. */
export function registerEmbeddingsRoute(fastify: FastifyInstance, deps: OpenAiRouteDeps): void {
  const onRequest = dataPlaneAuth(deps.authenticator, 'openai', { tracer: deps.tracer, endpoint: 'embeddings' });
  fastify.post('/v1/embeddings', { onRequest }, async (request, reply) => {
    const key = request.porticoKey!;
    const trace = deps.tracer.begin(request, 'embeddings').caller(key.workspaceId, key.id);
    let admission: Admission | undefined;
    let actual: ActualUsage | null = null;
    try {
      let canonical: EmbeddingsRequest;
      let plan: RoutePlan;
      try {
        canonical = parseEmbeddingsRequest(request.body);
        trace.requested(canonical.model, false, request.body);
        plan = resolvePlan(deps, key, canonical.model);
        trace.routed(plan.alias);
        admission = await admitChat(deps.gate, key, canonical, plan, trace.at, estimateEmbeddings);
      } catch (error) {
        return sendOpenAiError(reply, error, trace);
      }
      const { signal, dispose } = requestSignal(reply, plan.policy.timeouts.totalMs);
      const clock = { upstreamMs: 0 };
      try {
        const outcome = await deps.dispatcher.embeddings(plan, canonical, signal, clock);
        trace.outcome(outcome);
        reply.headers(admission.headers).headers(outcomeHeaders(outcome, trace.started, clock));
        if (!outcome.ok) {
          const wire = fromProviderError(outcome.error);
          trace.failedWith(wire, 'upstream');
          return sendWireError(reply, wire);
        }
        const metered = meterEmbeddings(deps.prices, key.workspaceId, canonical, outcome.value, outcome.target, trace.at);
        actual = trace.charged(metered);
        return reply.send({ ...outcome.value, model: outcome.target.displayName });
      } catch (error) {
        return sendOpenAiError(reply, error, trace);
      } finally {
        dispose();
      }
    } finally {
      await admission?.settle(actual);
      trace.end(reply);
    }
  });
}
