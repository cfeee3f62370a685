import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler, preHandlerHookHandler } from 'fastify';
import type { ApiKeyRecord } from '../auth/api-keys/api-key-registry';
import type { ScopeTarget } from '../auth/api-keys/api-key-scopes';
import type { CallEndpoint } from '../audit/call-records/call-record';
import type { DataPlaneAuthenticator } from './data-plane-authenticator';
import { type ErrorDialect, isDataPlaneError } from './data-plane-error';
import type { CallTracer } from './pipeline/call-trace';

declare module 'fastify' {
  interface FastifyRequest {
    /** The authenticated data-plane key, set by the `dataPlaneAuth` hook. */
    porticoKey: ApiKeyRecord | null;
  }
}

/** Gives every request a `porticoKey` slot up front (stable object shape); call once, before the routes. */
export function decorateDataPlaneRequests(fastify: FastifyInstance): void {
  if (!fastify.hasRequestDecorator('porticoKey')) fastify.decorateRequest('porticoKey', null);
}

/** Sends a refusal in the endpoint's wire format; 401s carry the challenge header clients expect. */
export function sendDataPlaneError(reply: FastifyReply, error: unknown, dialect: ErrorDialect): FastifyReply {
  if (!isDataPlaneError(error)) throw error;
  if (error.status === 401) void reply.header('www-authenticate', dialect === 'anthropic' ? 'x-api-key' : 'Bearer realm="portico"');
  return reply.code(error.status).header('content-type', 'application/json; charset=utf-8').send(error.body(dialect));
}

/** Where a refused request is recorded: the call log's tracer and the endpoint it was for. */
export interface RefusalLog {
  readonly tracer: CallTracer;
  readonly endpoint: CallEndpoint;
}

/**
 * An `onRequest` hook: authenticates the key before the body is read, so an unauthenticated
 * caller never costs a body parse, and leaves the key on `request.porticoKey`. With `log`, a
 * refused request still gets its call-log record (no workspace, error class `authentication`).
 *
 * @example
 * fastify.post('/v1/messages', { onRequest: dataPlaneAuth(authenticator, 'anthropic') }, handler);
 */
export function dataPlaneAuth(authenticator: DataPlaneAuthenticator, dialect: ErrorDialect, log?: RefusalLog): onRequestHookHandler {
  return function authenticateDataPlane(request, reply, done) {
    try {
      request.porticoKey = authenticator.authenticate(request.headers);
    } catch (error) {
      sendDataPlaneError(reply, error, dialect);
      if (log && isDataPlaneError(error)) log.tracer.begin(request, log.endpoint).failed('authentication', error.code).end(reply);
      return;
    }
    done();
  };
}

/**
 * A `preHandler` hook that checks the key's scopes once the target is known (usually from the
 * parsed body, e.g. `{ kind: 'model', name: body.model }`). Runs after `dataPlaneAuth`.
 */
export function dataPlaneScope(
  authenticator: DataPlaneAuthenticator,
  dialect: ErrorDialect,
  targetOf: (request: FastifyRequest) => ScopeTarget | undefined,
): preHandlerHookHandler {
  return function authorizeDataPlane(request, reply, done) {
    try {
      const key = request.porticoKey ?? authenticator.authenticate(request.headers);
      request.porticoKey = key;
      const target = targetOf(request);
      // No target (e.g. the body lacks `model`): the handler's validation answers, not the scope check.
      if (target) authenticator.authorize(key, target);
    } catch (error) {
      sendDataPlaneError(reply, error, dialect);
      return;
    }
    done();
  };
}
