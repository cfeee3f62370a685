import { randomBytes } from 'node:crypto';
import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import type { z } from 'zod';
import { AuditTrail } from '../../audit/audit-log/audit-trail';
import { ErrorCode, PorticoError } from '../../common/errors';
import { PASSWORD_HASHING_STRATEGY, type PasswordHashingStrategy } from '../password-hashing-strategy';
import type { RequestContext } from '../principal';
import type { ClientInfo } from './client-info';
import { LoginThrottleService } from './login-throttle.service';
import { assertPasswordPolicy } from './password-policy';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionTokensService, type SessionTokens } from './session-tokens.service';
import { SessionUsersRepository } from './session-users.repository';
import type { loginSchema, passwordChangeSchema } from './sessions.dto';

/**
 * Password sign-in and the session lifecycle. A failed sign-in says nothing about why: unknown
 * account, wrong password, SSO-only or disabled account all answer the same 401, after the same work.
 */
@Injectable()
export class SessionsService implements OnModuleInit {
  private dummyHash?: Promise<string>;

  constructor(
    private readonly users: SessionUsersRepository,
    private readonly sessions: SessionTokensService,
    private readonly refreshTokens: RefreshTokenRepository,
    private readonly throttle: LoginThrottleService,
    @Inject(PASSWORD_HASHING_STRATEGY) private readonly passwords: PasswordHashingStrategy,
    private readonly audit: AuditTrail = new AuditTrail(),
  ) {}

  async onModuleInit(): Promise<void> {
    await this.dummy();
  }

  async login(client: ClientInfo, credentials: z.output<typeof loginSchema>): Promise<SessionTokens> {
    const subject = { email: credentials.email, ip: client.ip };
    await this.throttle.claim(subject);
    const user = await this.users.findWithPasswordByEmail(credentials.email);
    const matches = await this.passwords.verify(user?.passwordHash ?? (await this.dummy()), credentials.password);
    if (!user || !user.passwordHash || user.disabledAt || !matches) throw invalidCredentials();
    await this.throttle.succeeded(subject);
    return this.sessions.start(client, user);
  }

  refresh(client: ClientInfo, refreshToken: string): Promise<SessionTokens> {
    return this.sessions.rotate(client, refreshToken);
  }

  logout(refreshToken: string): Promise<void> {
    return this.sessions.revoke(refreshToken);
  }

  /** Checks the current password (throttled like a sign-in), stores the new one and ends every session. */
  async changePassword(context: RequestContext, change: z.output<typeof passwordChangeSchema>): Promise<void> {
    const { principal } = context;
    if (principal.kind !== 'user' || principal.via !== 'access_token') {
      throw new PorticoError(ErrorCode.FORBIDDEN, 'only a signed-in user (access token, not an API key) may change a password', { status: 403 });
    }
    const user = await this.users.findWithPasswordById(principal.id);
    const subject = { email: user?.email ?? principal.email ?? principal.id, ip: context.ip };
    await this.throttle.claim(subject);
    const matches = await this.passwords.verify(user?.passwordHash ?? (await this.dummy()), change.currentPassword);
    if (!user || !user.passwordHash || user.disabledAt || !matches) throw invalidCredentials();
    await this.throttle.succeeded(subject);
    assertPasswordPolicy(change.newPassword, change.currentPassword);
    const hash = await this.passwords.hash(change.newPassword);
    await this.refreshTokens.transaction(async (manager) => {
      await this.users.setPassword(manager, user.id, hash);
      await this.sessions.revokeAllOfUser(manager, user.id);
      await this.audit.record(manager, context, { action: 'user.change_password', workspaceId: null, resourceType: 'user', resourceId: user.id, after: { id: user.id, email: user.email, sessionsEnded: true } });
    });
  }

  /** A real argon2 hash of a random secret, so a missing account costs the same time as a wrong password. */
  private dummy(): Promise<string> {
    this.dummyHash ??= this.passwords.hash(randomBytes(24).toString('base64url'));
    return this.dummyHash;
  }
}

function invalidCredentials(): PorticoError {
  return new PorticoError(ErrorCode.INVALID_CREDENTIALS, 'the e-mail or password is incorrect', { status: 401 });
}
