import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryColumn } from 'typeorm';
import { SsoConnectionEntity } from './sso-connection.entity';

/** One pending authorization-code login: the state (hashed), PKCE verifier (encrypted) and nonce. */
@Entity({ name: 'sso_login_states' })
export class SsoLoginStateEntity {
  @PrimaryColumn({ name: 'state_hash', type: 'bytea' })
  stateHash: Buffer;

  @Column({ name: 'connection_id', type: 'uuid' })
  connectionId: string;

  @ManyToOne(() => SsoConnectionEntity, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'connection_id', foreignKeyConstraintName: 'sso_login_states_connection_id_fkey' })
  connection?: SsoConnectionEntity;

  @Column({ name: 'code_verifier_enc', type: 'text' })
  codeVerifierEnc: string;

  @Column({ type: 'text' })
  nonce: string;

  @Column({ name: 'redirect_uri', type: 'text' })
  redirectUri: string;

  @Column({ name: 'expires_at', type: 'timestamptz' })
  expiresAt: Date;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
