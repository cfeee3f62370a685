import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { SsoLoginStateEntity } from '../entities/sso-login-state.entity';

export interface PendingLogin {
  connectionId: string;
  codeVerifierEnc: string;
  nonce: string;
  redirectUri: string;
  expired: boolean;
}

/** The only code that touches `sso_login_states`. */
@Injectable()
export class SsoLoginStateRepository {
  constructor(private readonly dataSource: DataSource) {}

  async insert(state: Omit<SsoLoginStateEntity, 'createdAt' | 'connection' | 'expiresAt'>, ttlSeconds: number): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO sso_login_states (state_hash, connection_id, code_verifier_enc, nonce, redirect_uri, expires_at)
       VALUES ($1, $2, $3, $4, $5, now() + make_interval(secs => $6))`,
      [state.stateHash, state.connectionId, state.codeVerifierEnc, state.nonce, state.redirectUri, ttlSeconds],
    );
  }

  /** Deletes and returns the pending login: a state works once, whoever asks first. */
  async consume(stateHash: Buffer): Promise<PendingLogin | null> {
    const [rows]: [Array<Record<string, unknown>>, number] = await this.dataSource.query(
      `DELETE FROM sso_login_states WHERE state_hash = $1
       RETURNING connection_id, code_verifier_enc, nonce, redirect_uri, expires_at <= now() AS expired`,
      [stateHash],
    );
    const row = rows[0];
    if (!row) return null;
    return {
      connectionId: String(row.connection_id),
      codeVerifierEnc: String(row.code_verifier_enc),
      nonce: String(row.nonce),
      redirectUri: String(row.redirect_uri),
      expired: row.expired === true,
    };
  }

  async purgeExpired(): Promise<void> {
    await this.dataSource.query(`DELETE FROM sso_login_states WHERE expires_at <= now()`);
  }
}
