import { Injectable } from '@nestjs/common';
import { DataSource, type EntityManager } from 'typeorm';
import { publishChange } from '../../common/change-bus/change-bus';
import { RefreshTokenEntity } from '../entities/refresh-token.entity';
import type { StoredRefreshToken } from './refresh-token-rules';

export interface NewRefreshToken {
  userId: string;
  familyId: string;
  tokenHash: Buffer;
  expiresAt: Date;
  ip: string | null;
  userAgent: string | null;
}

export interface ConsumedRefreshToken {
  userId: string;
  familyId: string;
}

/** The only code that touches `refresh_tokens`. */
@Injectable()
export class RefreshTokenRepository {
  constructor(private readonly dataSource: DataSource) {}

  transaction<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(work);
  }

  async insert(manager: EntityManager, token: NewRefreshToken): Promise<void> {
    await manager.insert(RefreshTokenEntity, token);
  }

  /**
   * Marks the token used if, and only if, it is live. One conditional UPDATE: of two concurrent
   * callers with the same token exactly one gets the row back.
   */
  async consume(manager: EntityManager, tokenHash: Buffer): Promise<ConsumedRefreshToken | null> {
    const [rows]: [Array<{ user_id: string; family_id: string }>, number] = await manager.query(
      `UPDATE refresh_tokens SET used_at = now()
       WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL AND expires_at > now()
       RETURNING user_id, family_id`,
      [tokenHash],
    );
    const row = rows[0];
    return row ? { userId: row.user_id, familyId: row.family_id } : null;
  }

  /** The token's state, and the database clock to judge its expiry by (replicas' clocks may drift). */
  async findByHash(manager: EntityManager, tokenHash: Buffer): Promise<{ stored: (StoredRefreshToken & { familyId: string }) | null; now: Date }> {
    const rows: Array<{ family_id: string | null; used_at: Date | null; revoked_at: Date | null; expires_at: Date | null; now: Date }> = await manager.query(
      `SELECT t.family_id, t.used_at, t.revoked_at, t.expires_at, now() AS now
       FROM (SELECT 1) AS one LEFT JOIN refresh_tokens t ON t.token_hash = $1`,
      [tokenHash],
    );
    const row = rows[0];
    if (!row.family_id || !row.expires_at) return { stored: null, now: row.now };
    return { stored: { familyId: row.family_id, usedAt: row.used_at, revokedAt: row.revoked_at, expiresAt: row.expires_at }, now: row.now };
  }

  async revokeFamily(manager: EntityManager, familyId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE family_id = $1 AND revoked_at IS NULL`, [familyId]);
    // Access tokens of this session stop on every process when the transaction commits.
    await publishChange(manager, { topic: 'sessions', id: familyId });
  }

  async revokeAllOfUser(manager: EntityManager, userId: string): Promise<void> {
    await manager.query(`UPDATE refresh_tokens SET revoked_at = now() WHERE user_id = $1 AND revoked_at IS NULL`, [userId]);
    await publishChange(manager, { topic: 'users', id: userId });
  }
}
