import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';
import { AccessTokenService } from '../tokens/access-token.service';
import type { ClientInfo } from './client-info';
import { classifyRejection, type RefreshRejection, generateRefreshToken, hashRefreshToken, refreshExpiry, rejectionError } from './refresh-token-rules';
import { RefreshTokenRepository } from './refresh-token.repository';
import { SessionUsersRepository, type SessionUser } from './session-users.repository';

/** What a successful sign-in (password or SSO) or refresh answers. */
export interface SessionTokens {
  accessToken: string;
  tokenType: 'Bearer';
  expiresIn: number;
  refreshToken: string;
  user: { id: string; email: string; displayName: string; isSuperadmin: boolean };
}

type Rotation = { rejected: RefreshRejection } | { rejected?: undefined; user: SessionUser; familyId: string; refreshToken: string };

/**
 * Sessions as refresh-token families: a sign-in starts a family, each refresh replaces its token
 * with a new one, and presenting a replaced token again revokes the family (theft detection).
 */
@Injectable()
export class SessionTokensService {
  constructor(
    private readonly tokens: RefreshTokenRepository,
    private readonly users: SessionUsersRepository,
    private readonly accessTokens: AccessTokenService,
  ) {}

  /** Starts a new family for `user`; pass `manager` to make it part of a larger transaction. */
  async start(client: ClientInfo, user: SessionUser, manager?: EntityManager): Promise<SessionTokens> {
    const familyId = randomUUID();
    const write = (m: EntityManager) => this.issueRefresh(m, client, user.id, familyId);
    const refreshToken = manager ? await write(manager) : await this.tokens.transaction(write);
    return this.answer(user, familyId, refreshToken);
  }

  async rotate(client: ClientInfo, presented: string): Promise<SessionTokens> {
    const hash = hashRefreshToken(presented);
    const outcome = await this.tokens.transaction(async (manager): Promise<Rotation> => {
      const consumed = await this.tokens.consume(manager, hash);
      if (!consumed) return { rejected: await this.reject(manager, hash) };
      const user = await this.users.findById(consumed.userId, manager);
      if (!user || user.disabledAt) {
        await this.tokens.revokeFamily(manager, consumed.familyId);
        return { rejected: 'revoked' };
      }
      return { user, familyId: consumed.familyId, refreshToken: await this.issueRefresh(manager, client, user.id, consumed.familyId) };
    });
    if (outcome.rejected) throw rejectionError(outcome.rejected);
    return this.answer(outcome.user, outcome.familyId, outcome.refreshToken);
  }

  /** Ends the family the token belongs to, whatever state the token is in. Unknown tokens are ignored. */
  async revoke(presented: string): Promise<void> {
    await this.tokens.transaction(async (manager) => {
      const { stored } = await this.tokens.findByHash(manager, hashRefreshToken(presented));
      if (stored) await this.tokens.revokeFamily(manager, stored.familyId);
    });
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await this.tokens.revokeAllOfUser(manager, userId);
  }

  /** Classifies the failure; a replay revokes the family in the same transaction. */
  private async reject(manager: EntityManager, hash: Buffer): Promise<RefreshRejection> {
    const { stored, now } = await this.tokens.findByHash(manager, hash);
    const rejection = classifyRejection(stored, now);
    if (rejection === 'reused' && stored) await this.tokens.revokeFamily(manager, stored.familyId);
    return rejection;
  }

  private async issueRefresh(manager: EntityManager, client: ClientInfo, userId: string, familyId: string): Promise<string> {
    const { token, hash } = generateRefreshToken();
    await this.tokens.insert(manager, { userId, familyId, tokenHash: hash, expiresAt: refreshExpiry(new Date()), ip: client.ip, userAgent: client.userAgent });
    return token;
  }

  private async answer(user: SessionUser, familyId: string, refreshToken: string): Promise<SessionTokens> {
    const access = await this.accessTokens.issue({ userId: user.id, sessionId: familyId, isSuperadmin: user.isSuperadmin, email: user.email });
    return {
      accessToken: access.token,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      refreshToken,
      user: { id: user.id, email: user.email, displayName: user.displayName, isSuperadmin: user.isSuperadmin },
    };
  }
}
