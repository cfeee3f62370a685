import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { FastifyRequest } from 'fastify';
import { ErrorCode, PorticoError } from '../common/errors';
import { isUuid } from '../common/http/problems';
import { presentedCredential } from './presented-credential';
import { ApiKeyRegistry } from './api-keys/api-key-registry';
import { ADMIN_SCOPE, hasScope } from './api-keys/api-key-scopes';
import { AuthorizationService } from './authz/authorization.service';
import { ACCESS_RULE, type AccessRule } from './decorators';
import { type Principal, type RequestContext, serviceAccountSubject, userSubject } from './principal';
import { AccessRevocations } from './tokens/access-revocations';
import { AccessTokenService, looksLikeJwt } from './tokens/access-token.service';

type PorticoRequest = FastifyRequest & { porticoContext?: RequestContext; params: Record<string, string | undefined> };

/**
 * The one gate of the control plane (registered globally): authenticates the caller (access
 * token, or an API key with the `admin` scope) and enforces the route's declared access rule.
 * A route that declares none is refused, so a forgotten decorator fails closed.
 */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly tokens: AccessTokenService,
    private readonly keys: ApiKeyRegistry,
    private readonly authorization: AuthorizationService,
    private readonly revocations: AccessRevocations,
  ) {}

  async canActivate(execution: ExecutionContext): Promise<boolean> {
    const rule = this.reflector.getAllAndOverride<AccessRule | undefined>(ACCESS_RULE, [execution.getHandler(), execution.getClass()]);
    if (!rule) throw new PorticoError(ErrorCode.INTERNAL, 'this route declares no access rule', { status: 500 });
    if (rule.kind === 'public') return true;

    const request = execution.switchToHttp().getRequest<PorticoRequest>();
    const principal = await this.authenticate(request);
    request.porticoContext = { requestId: request.id, principal, ip: request.ip, userAgent: request.headers['user-agent'] };

    if (rule.kind === 'authenticated') return true;
    if (rule.kind === 'superadmin') {
      if (principal.isSuperadmin) return true;
      throw new PorticoError(ErrorCode.FORBIDDEN, 'only a platform superadmin may do this', { status: 403 });
    }
    const workspaceId = request.params.workspaceId;
    if (!workspaceId) throw new PorticoError(ErrorCode.INTERNAL, 'a permission route must have a :workspaceId parameter', { status: 500 });
    if (!isUuid(workspaceId) || !(await this.authorization.isMember(principal, workspaceId))) {
      throw new PorticoError(ErrorCode.NOT_FOUND, 'workspace not found', { status: 404 });
    }
    if (!this.authorization.can(principal, workspaceId, rule.resource, rule.action)) {
      throw new PorticoError(ErrorCode.FORBIDDEN, `this needs the ${rule.resource}:${rule.action} permission`, {
        status: 403,
        details: { permission: `${rule.resource}:${rule.action}` },
      });
    }
    return true;
  }

  private async authenticate(request: PorticoRequest): Promise<Principal> {
    const credential = presentedCredential(request.headers);
    if (!credential) throw unauthenticated('send an access token or an API key as "Authorization: Bearer …"');
    if (looksLikeJwt(credential)) {
      const claims = await this.tokens.verify(credential);
      if (!claims) throw unauthenticated('the access token is invalid or expired');
      if (this.revocations.isRevoked({ sessionId: claims.sessionId, userId: claims.userId, issuedAt: claims.issuedAt ?? 0 })) {
        throw unauthenticated('this session has ended (signed out, password changed or account disabled); sign in again');
      }
      return { kind: 'user', id: claims.userId, subject: userSubject(claims.userId), isSuperadmin: claims.isSuperadmin, via: 'access_token', email: claims.email };
    }
    const check = this.keys.check(credential);
    if (!check.ok) {
      throw check.reason === 'expired'
        ? new PorticoError(ErrorCode.API_KEY_EXPIRED, 'the API key has expired', { status: 401 })
        : new PorticoError(ErrorCode.API_KEY_INVALID, 'the API key is invalid or revoked', { status: 401 });
    }
    const { key } = check;
    if (!hasScope(key.scopes, ADMIN_SCOPE) || key.ownerType === 'app') {
      throw new PorticoError(ErrorCode.API_KEY_SCOPE_DENIED, 'this API key may not use the admin API (it lacks the "admin" scope)', { status: 403 });
    }
    const subject = key.ownerType === 'service_account' ? serviceAccountSubject(key.ownerId) : userSubject(key.ownerId);
    return {
      kind: key.ownerType === 'service_account' ? 'service_account' : 'user',
      id: key.ownerId,
      subject,
      isSuperadmin: false,
      via: 'api_key',
      apiKeyId: key.id,
      workspaceId: key.workspaceId,
    };
  }
}

function unauthenticated(message: string): PorticoError {
  return new PorticoError(ErrorCode.UNAUTHENTICATED, message, { status: 401 });
}
