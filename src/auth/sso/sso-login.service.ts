import { Inject, Injectable } from '@nestjs/common';
import * as oidc from 'openid-client';
import type { Logger } from 'pino';
import type { EntityManager } from 'typeorm';
import { AuditTrail, type SystemActor } from '../../audit/audit-log/audit-trail';
import { SecretBox } from '../../common/crypto/secret-box';
import { ErrorCode, PorticoError } from '../../common/errors';
import { PINO_LOGGER } from '../../runtime.tokens';
import { AuthorizationService } from '../authz/authorization.service';
import { PolicyRepository } from '../authz/policy.repository';
import type { SsoConnectionEntity } from '../entities/sso-connection.entity';
import { userSubject } from '../principal';
import type { ClientInfo } from '../sessions/client-info';
import { SessionTokensService, type SessionTokens } from '../sessions/session-tokens.service';
import type { SessionUser } from '../sessions/session-users.repository';
import { OidcClient, type OidcConnection } from './oidc-client';
import { claimValues, mapRole } from './role-mapping';
import { CLIENT_SECRET_PURPOSE } from './sso-connections.service';
import { SsoConnectionsRepository } from './sso-connections.repository';
import { type PendingLogin, SsoLoginStateRepository } from './sso-login-state.repository';
import { SsoProvisioningRepository } from './sso-provisioning.repository';
import { assertSafeReturnTo, callbackUrl, CODE_VERIFIER_PURPOSE, createState, hashState, LOGIN_STATE_TTL_SECONDS, returnToOf } from './sso-state';

export interface AuthorizeQuery {
  redirectUri?: string;
  returnTo?: string;
}

export interface CallbackQuery {
  state?: string;
  error?: string;
  /** Every query parameter as received, for the code exchange (code, state, iss, …). */
  search: string;
}

/**
 * OIDC sign-in: authorization code with PKCE S256, state and nonce. The IdP proves who the user
 * is; the connection's mapping decides their role in its workspace; Portico then issues its own
 * session exactly as a password sign-in does.
 */
@Injectable()
export class SsoLoginService {
  constructor(
    private readonly connections: SsoConnectionsRepository,
    private readonly states: SsoLoginStateRepository,
    private readonly provisioning: SsoProvisioningRepository,
    private readonly oidcClient: OidcClient,
    private readonly sessions: SessionTokensService,
    private readonly secrets: SecretBox,
    private readonly policies: PolicyRepository,
    private readonly authorization: AuthorizationService,
    @Inject(PINO_LOGGER) private readonly logger: Logger,
    private readonly audit: AuditTrail,
  ) {}

  /** The IdP URL to send the browser to. */
  async authorize(client: ClientInfo, origin: string, connectionId: string, query: AuthorizeQuery): Promise<string> {
    const connection = await this.connections.findForLogin(connectionId);
    if (!connection?.enabled) throw new PorticoError(ErrorCode.NOT_FOUND, 'SSO connection not found', { status: 404 });
    assertSafeReturnTo(query.returnTo);
    const redirectUri = callbackUrl(origin, query.redirectUri);
    const [state, nonce, codeVerifier] = [createState(query.returnTo), oidc.randomNonce(), oidc.randomPKCECodeVerifier()];
    const url = await this.oidcClient
      .authorizationUrl(this.oidcConnection(connection), { redirectUri, scope: connection.scopes, state, nonce, codeVerifier })
      .catch((error: unknown) => {
        this.warn(client, connection.id, 'discovery failed', error);
        throw new PorticoError(ErrorCode.SSO_FAILED, 'the identity provider could not be reached', { status: 502 });
      });
    await this.states.purgeExpired();
    const codeVerifierEnc = this.secrets.seal(codeVerifier, CODE_VERIFIER_PURPOSE);
    await this.states.insert({ stateHash: hashState(state), connectionId: connection.id, codeVerifierEnc, nonce, redirectUri }, LOGIN_STATE_TTL_SECONDS);
    return url.toString();
  }

  async callback(client: ClientInfo, query: CallbackQuery): Promise<SessionTokens & { returnTo?: string }> {
    const pending = query.state ? await this.states.consume(hashState(query.state)) : null;
    if (!pending || pending.expired) throw ssoFailed('the sign-in request is unknown, expired or already used; start again');
    const connection = await this.connections.findForLogin(pending.connectionId);
    if (!connection?.enabled) throw ssoFailed('this SSO connection is disabled');
    if (query.error) throw ssoFailed('the identity provider refused the sign-in', { idpError: query.error.slice(0, 100) });
    const claims = await this.claims(client, connection, pending, query);
    const user = await this.provision(connection, claims);
    const tokens = await this.sessions.start(client, user);
    const returnTo = returnToOf(query.state!);
    return returnTo ? { ...tokens, returnTo } : tokens;
  }

  private async claims(client: ClientInfo, connection: SsoConnectionEntity, pending: PendingLogin, query: CallbackQuery): Promise<Record<string, unknown>> {
    const callbackUrl = new URL(pending.redirectUri);
    callbackUrl.search = query.search;
    try {
      const exchange = { callbackUrl, state: query.state!, nonce: pending.nonce, codeVerifier: this.secrets.open(pending.codeVerifierEnc, CODE_VERIFIER_PURPOSE) };
      return await this.oidcClient.exchange(this.oidcConnection(connection), exchange, ['email', connection.roleClaim]);
    } catch (error) {
      this.warn(client, connection.id, 'code exchange failed', error);
      throw ssoFailed('the identity provider’s answer could not be verified');
    }
  }

  private async provision(connection: SsoConnectionEntity, claims: Record<string, unknown>): Promise<SessionUser> {
    const subject = typeof claims.sub === 'string' ? claims.sub : '';
    const email = typeof claims.email === 'string' ? claims.email.trim().toLowerCase() : '';
    const role = mapRole(claimValues(claims, connection.roleClaim), connection.roleMapping, connection.defaultRole);
    if (!role) throw new PorticoError(ErrorCode.SSO_NO_ROLE, 'your identity provider account is not in any group mapped to a role here', { status: 403 });
    const user = await this.provisioning.transaction(connection.id, subject, async (manager) => {
      const known = await this.provisioning.userByIdentity(manager, connection.id, subject);
      if (known?.disabledAt) throw ssoFailed('this account is disabled');
      const user = known ?? (await this.createUser(manager, connection, subject, email, claims));
      if (!known) {
        const after = { id: user.id, email: user.email, displayName: user.displayName, isSuperadmin: false, ssoConnectionId: connection.id };
        await this.audit.record(manager, ssoActor(connection), { action: 'user.create', workspaceId: null, resourceType: 'user', resourceId: user.id, after });
      }
      if (role.startsWith('custom:') && !(await this.provisioning.customRoleExists(manager, connection.workspaceId, role.slice(7)))) {
        throw new PorticoError(ErrorCode.SSO_NO_ROLE, `the mapped role "${role}" no longer exists`, { status: 403 });
      }
      await this.applyRole(manager, connection, user, role);
      return user;
    });
    await this.authorization.reload();
    return user;
  }

  private async createUser(manager: EntityManager, connection: SsoConnectionEntity, subject: string, email: string, claims: Record<string, unknown>): Promise<SessionUser> {
    if (!subject || !email || claims.email_verified === false) throw ssoFailed('the identity provider did not assert a verified e-mail address');
    // Never attach an IdP identity to an existing account by e-mail: a workspace's IdP could claim anyone's address.
    if (await this.provisioning.emailTaken(manager, email)) {
      throw new PorticoError(ErrorCode.CONFLICT, 'an account with this e-mail already exists and is not linked to this identity provider', { status: 409 });
    }
    const name = [claims.name, claims.preferred_username].find((value): value is string => typeof value === 'string' && value.trim() !== '');
    return this.provisioning.createUser(manager, connection.id, subject, { email, displayName: (name ?? email.split('@')[0]).trim().slice(0, 200) });
  }

  /** The IdP is the source of truth for the role, except that it never demotes a workspace's last owner. */
  private async applyRole(manager: EntityManager, connection: SsoConnectionEntity, user: SessionUser, role: string): Promise<void> {
    const { workspaceId } = connection;
    const current = await this.provisioning.currentRole(manager, workspaceId, user.id);
    if (current === role || (current === 'owner' && (await this.provisioning.ownerCount(manager, workspaceId)) === 1)) return;
    await this.provisioning.setMembership(manager, workspaceId, user.id, role);
    await this.policies.setRole(manager, userSubject(user.id), workspaceId, role);
    await this.audit.record(manager, ssoActor(connection), {
      action: current === null ? 'member.add' : 'member.change_role',
      workspaceId,
      resourceType: 'member',
      resourceId: user.id,
      before: current === null ? undefined : { userId: user.id, email: user.email, role: current },
      after: { userId: user.id, email: user.email, role },
    });
  }

  private oidcConnection(connection: SsoConnectionEntity): OidcConnection {
    const clientSecret = connection.clientSecretEnc ? this.secrets.open(connection.clientSecretEnc, CLIENT_SECRET_PURPOSE) : null;
    return { id: connection.id, issuerUrl: connection.issuerUrl, clientId: connection.clientId, clientSecret, version: connection.updatedAt.toISOString() };
  }

  /** Logs which step failed and the library's error code, never tokens, codes or secrets. */
  private warn(client: ClientInfo, connectionId: string, step: string, error: unknown): void {
    const { name, code } = (error ?? {}) as { name?: string; code?: string };
    this.logger.warn({ requestId: client.requestId, connectionId, errorName: name, errorCode: code }, `SSO ${step}`);
  }
}

function ssoFailed(message: string, details?: Record<string, unknown>): PorticoError {
  return new PorticoError(ErrorCode.SSO_FAILED, message, { status: 401, details });
}

/** Roles an identity provider's groups grant are recorded as the connection's doing. */
function ssoActor(connection: SsoConnectionEntity): SystemActor {
  return { system: `sso-connection:${connection.id}` };
}
