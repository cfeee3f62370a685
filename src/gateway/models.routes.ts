import type { FastifyInstance } from 'fastify';
import type { ApiKeyRecord } from '../auth/api-keys/api-key-registry';
import { keyAllows, READ_MODELS_SCOPE } from '../auth/api-keys/api-key-scopes';
import { dataPlaneAuth, sendDataPlaneError } from './data-plane-auth.hook';
import { isDataPlaneError } from './data-plane-error';
import type { DataPlaneAuthenticator } from './data-plane-authenticator';
import type { ModelsCatalog } from './models-catalog';
import type { CallTracer } from './pipeline/call-trace';

/** The route aliases of a workspace (`RouteSnapshot`). */
export interface RouteAliases {
  list(workspaceId: string): readonly { alias: string }[];
}

/**
 * `GET /v1/models` and `GET /v1/models/:model` in OpenAI's format: the direct models and route
 * aliases of the key's workspace that the key may use (all of them with `read:models` or `invoke:*`).
 */
export function registerModelsRoutes(fastify: FastifyInstance, authenticator: DataPlaneAuthenticator, catalog: ModelsCatalog, routes: RouteAliases, tracer: CallTracer): void {
  const onRequest = dataPlaneAuth(authenticator, 'openai', { tracer, endpoint: 'models' });

  const visibleModels = async (key: ApiKeyRecord) => {
    authenticator.authorize(key, { kind: 'list_models' });
    // `read:models` shows everything; invoke scopes (including `invoke:*`) show what they reach.
    const everything = key.scopes.includes(READ_MODELS_SCOPE);
    const models = (await catalog.list(key.workspaceId)).filter((model) => everything || keyAllows(key.scopes, { kind: 'model', name: model.id }));
    const aliases = routes
      .list(key.workspaceId)
      .filter((route) => everything || keyAllows(key.scopes, { kind: 'route', name: route.alias }))
      .map((route) => ({ id: route.alias, object: 'model' as const, created: 0, owned_by: 'portico-route' }));
    return [...models, ...aliases];
  };

  fastify.get('/v1/models', { onRequest }, async (request, reply) => {
    const key = request.porticoKey!;
    const trace = tracer.begin(request, 'models').caller(key.workspaceId, key.id);
    try {
      return await reply.send({ object: 'list', data: await visibleModels(key) });
    } catch (error) {
      if (isDataPlaneError(error)) trace.failed('permission', error.code);
      return sendDataPlaneError(reply, error, 'openai');
    } finally {
      trace.end(reply);
    }
  });

  fastify.get<{ Params: { '*': string } }>('/v1/models/*', { onRequest }, async (request, reply) => {
    const key = request.porticoKey!;
    const trace = tracer.begin(request, 'models').caller(key.workspaceId, key.id);
    try {
      const wanted = request.params['*'];
      trace.requested(wanted, false);
      const model = (await visibleModels(key)).find((candidate) => candidate.id === wanted);
      if (model) return await reply.send(model);
      trace.failed('not_found', 'model_not_found');
      return await reply.code(404).send({
        error: { message: `The model '${wanted}' does not exist or this key may not use it`, type: 'invalid_request_error', param: 'model', code: 'model_not_found' },
      });
    } catch (error) {
      if (isDataPlaneError(error)) trace.failed('permission', error.code);
      return sendDataPlaneError(reply, error, 'openai');
    } finally {
      trace.end(reply);
    }
  });
}
