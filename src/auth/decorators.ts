import { applyDecorators, createParamDecorator, type ExecutionContext, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiSecurity, ApiUnauthorizedResponse } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import type { Action, Resource } from './authz/permissions';
import { ACCESS_RULE } from '../common/http/public.decorator';
import type { RequestContext } from './principal';

export { ACCESS_RULE };

/**
 * How a route is protected. Every route declares exactly one; the guard refuses a route that
 * declares none, and a test lists every route to prove it.
 */
export type AccessRule =
  | { kind: 'public' }
  | { kind: 'authenticated' }
  | { kind: 'superadmin' }
  | { kind: 'permission'; resource: Resource; action: Action };

const documented = () =>
  applyDecorators(
    ApiBearerAuth('bearer'),
    ApiSecurity('api-key'),
    ApiUnauthorizedResponse({ description: 'No valid access token or API key' }),
    ApiForbiddenResponse({ description: 'The caller lacks the permission this route declares' }),
  );

/**
 * Requires `resource:action` in the workspace named by the route's `:workspaceId`.
 *
 * @example
 * @Post() @RequirePermission('api_keys', 'write') create(...) {}
 */
export const RequirePermission = (resource: Resource, action: Action) =>
  applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'permission', resource, action } satisfies AccessRule), documented());

/** Any signed-in user or valid admin key; the service decides the rest (e.g. "my workspaces"). */
export const Authenticated = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'authenticated' } satisfies AccessRule), documented());

/** Platform-level routes: only a superadmin. */
export const RequireSuperadmin = () => applyDecorators(SetMetadata(ACCESS_RULE, { kind: 'superadmin' } satisfies AccessRule), documented());

/** The request context the guard attached (principal, request id, address). */
export const Ctx = createParamDecorator((_data: unknown, execution: ExecutionContext): RequestContext => {
  const request = execution.switchToHttp().getRequest<FastifyRequest & { porticoContext?: RequestContext }>();
  if (!request.porticoContext) throw new Error('no request context: the route is public or the guard did not run');
  return request.porticoContext;
});
